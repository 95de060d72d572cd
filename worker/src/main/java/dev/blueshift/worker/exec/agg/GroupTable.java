package dev.blueshift.worker.exec.agg;

import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.RowKeys;
import dev.blueshift.worker.exec.Vectors;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Open-addressing hash table from group key values to dense group ids; keys kept in vectors.
 * {@link #reserveGroups} sizes everything for a whole batch before it is inserted, so inserting
 * never allocates and a refused allocation leaves the table as it was (the aggregate then spills).
 */
final class GroupTable implements AutoCloseable {
  private final FieldVector[] keys;
  private int[] slots;
  private int shift;
  private int[] hashes = new int[1024];
  private int groups;

  GroupTable(List<String> names, List<SqlType> types, BufferAllocator allocator) {
    keys = new FieldVector[types.size()];
    try {
      for (int k = 0; k < keys.length; k++) {
        keys[k] = Vectors.allocate(names.get(k), types.get(k), 1024, allocator);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    slots = new int[2048];
    shift = 32 - 11;
    Arrays.fill(slots, -1);
  }

  int groupCount() {
    return groups;
  }

  /** The stored hash of a group's key. */
  int hashOf(int group) {
    return hashes[group];
  }

  /** Key column {@code k} (valid for rows [0, groupCount)). */
  FieldVector key(int k) {
    return keys[k];
  }

  int keyCount() {
    return keys.length;
  }

  /** Home slot of a hash: Fibonacci hashing takes the high bits, as a slice's rows share their low bits. */
  private int home(int h) {
    return (h * 0x9E3779B9) >>> shift;
  }

  /** The group id of the key at {@code row} of the input key vectors, adding it when new. */
  int findOrInsert(FieldVector[] input, int row) {
    int h = RowKeys.hash(input, row);
    int mask = slots.length - 1;
    int pos = home(h);
    while (true) {
      int g = slots[pos];
      if (g < 0) {
        return insert(input, row, h, pos);
      }
      if (hashes[g] == h && keysEqual(input, row, g)) {
        return g;
      }
      pos = (pos + 1) & mask;
    }
  }

  private boolean keysEqual(FieldVector[] input, int row, int g) {
    for (int k = 0; k < keys.length; k++) {
      if (!RowKeys.equal(input[k], row, keys[k], g)) {
        return false;
      }
    }
    return true;
  }

  private int insert(FieldVector[] input, int row, int h, int pos) {
    int g = groups++;
    for (int k = 0; k < keys.length; k++) {
      keys[k].copyFromSafe(row, g, input[k]);
    }
    if (g >= hashes.length) {
      hashes = Arrays.copyOf(hashes, hashes.length * 2);
    }
    hashes[g] = h;
    slots[pos] = g;
    if (groups * 2 > slots.length) {
      rehash(slots.length * 2);
    }
    return g;
  }

  private void rehash(int size) {
    slots = new int[size];
    shift = 32 - Integer.numberOfTrailingZeros(size);
    Arrays.fill(slots, -1);
    int mask = slots.length - 1;
    for (int g = 0; g < groups; g++) {
      int pos = home(hashes[g]);
      while (slots[pos] >= 0) {
        pos = (pos + 1) & mask;
      }
      slots[pos] = g;
    }
  }

  private int slotsFor(int target) {
    int size = slots.length;
    while ((long) target * 2 > size) {
      size *= 2;
    }
    return size;
  }

  private int hashesFor(int target) {
    return target <= hashes.length ? hashes.length : Math.max(target, hashes.length * 2);
  }

  /** Java-heap bytes the table will hold once sized for {@code target} groups. */
  long heapBytesFor(int target) {
    return 4L * slotsFor(target) + 4L * hashesFor(target);
  }

  /**
   * Sizes the table for {@code target} groups whose string keys add at most {@code keyBytes[k]}
   * bytes per key column. Throws Arrow's OutOfMemoryException when the allocator refuses; the
   * table's contents are unchanged either way.
   */
  void reserveGroups(int target, long[] keyBytes) {
    for (int k = 0; k < keys.length; k++) {
      FieldVector v = keys[k];
      if (v instanceof BaseVariableWidthVector vw) {
        while (vw.getValueCapacity() < target) {
          vw.reallocValidityAndOffsetBuffers();
        }
        long need = (long) vw.getOffsetBuffer().getInt((long) groups * 4) + keyBytes[k];
        if (vw.getDataBuffer().capacity() < need) {
          vw.reallocDataBuffer(need);
        }
      } else {
        while (v.getValueCapacity() < target) {
          v.reAlloc();
        }
      }
    }
    int size = slotsFor(target);
    if (size > slots.length) {
      rehash(size);
    }
    int h = hashesFor(target);
    if (h > hashes.length) {
      hashes = Arrays.copyOf(hashes, h);
    }
  }

  /** Sets the key vectors' value counts to the group count (before reading them). */
  void sealKeys() {
    for (FieldVector k : keys) {
      k.setValueCount(groups);
    }
  }

  @Override
  public void close() {
    for (int k = 0; k < keys.length; k++) {
      if (keys[k] != null) {
        keys[k].close();
        keys[k] = null;
      }
    }
  }
}
