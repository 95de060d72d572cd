package dev.blueshift.worker.exec.agg;

import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.RowKeys;
import dev.blueshift.worker.exec.Vectors;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** Open-addressing hash table from group key values to dense group ids; keys kept in vectors. */
final class GroupTable implements AutoCloseable {
  private final FieldVector[] keys;
  private int[] slots;
  private int[] hashes = new int[1024];
  private int groups;

  GroupTable(List<String> names, List<SqlType> types, BufferAllocator allocator) {
    keys = new FieldVector[types.size()];
    for (int k = 0; k < keys.length; k++) {
      keys[k] = Vectors.allocate(names.get(k), types.get(k), 1024, allocator);
    }
    slots = new int[2048];
    Arrays.fill(slots, -1);
  }

  int groupCount() {
    return groups;
  }

  /** The group id of the key at {@code row} of the input key vectors, adding it when new. */
  int findOrInsert(FieldVector[] input, int row) {
    int h = RowKeys.hash(input, row);
    int mask = slots.length - 1;
    int pos = h & mask;
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
      rehash();
    }
    return g;
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    Arrays.fill(slots, -1);
    int mask = slots.length - 1;
    for (int g = 0; g < groups; g++) {
      int pos = hashes[g] & mask;
      while (slots[pos] >= 0) {
        pos = (pos + 1) & mask;
      }
      slots[pos] = g;
    }
  }

  /** Hands the key vectors (with their value counts set) to the caller. */
  FieldVector[] takeKeys() {
    for (FieldVector k : keys) {
      k.setValueCount(groups);
    }
    FieldVector[] out = keys.clone();
    Arrays.fill(keys, null);
    return out;
  }

  @Override
  public void close() {
    for (FieldVector k : keys) {
      if (k != null) {
        k.close();
      }
    }
  }
}
