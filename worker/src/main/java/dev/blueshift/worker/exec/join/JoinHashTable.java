package dev.blueshift.worker.exec.join;

import dev.blueshift.worker.exec.RowKeys;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/**
 * The build side's index: rows chained by key hash. Rows with a NULL key are left out, since SQL
 * equality never matches NULL. With no key columns every row is in one chain (a nested-loop join).
 */
final class JoinHashTable {
  private final FieldVector[] keys;
  private final boolean[] nullSafe;
  private final int rows;
  private final int[] heads;
  private final int[] next;
  private final int[] hashes;
  private final int shift;

  /** @param nullSafe per key: NULL matches NULL (IS NOT DISTINCT FROM) */
  JoinHashTable(FieldVector[] keys, boolean[] nullSafe, int rows) {
    this.keys = keys;
    this.nullSafe = nullSafe;
    this.rows = rows;
    this.next = new int[rows];
    this.hashes = new int[rows];
    int size = Integer.highestOneBit(Math.max(2, rows) * 2 - 1) << 1;
    this.heads = new int[keys.length == 0 ? 1 : size];
    this.shift = 32 - Integer.numberOfTrailingZeros(heads.length);
    Arrays.fill(heads, -1);
    // insert in reverse so chains list rows in input order
    for (int r = rows - 1; r >= 0; r--) {
      if (keys.length > 0 && anyNull(keys, nullSafe, r)) {
        continue;
      }
      int h = keys.length == 0 ? 0 : RowKeys.hash(keys, r);
      hashes[r] = h;
      int bucket = bucket(h);
      next[r] = heads[bucket];
      heads[bucket] = r;
    }
  }

  /** Java-heap bytes of the table (and the join's per-row match flags) over {@code rows} build rows. */
  static long heapBytes(long rows) {
    long heads = Long.highestOneBit(Math.max(2, rows) * 2 - 1) << 1;
    return 9 * rows + 4 * heads;
  }

  /** Bucket of a hash: Fibonacci hashing takes the high bits, as a slice's rows share their low bits. */
  private int bucket(int hash) {
    return shift >= 32 ? 0 : (hash * 0x9E3779B9) >>> shift;
  }

  int rowCount() {
    return rows;
  }

  /** Whether the row has a NULL in a key where NULL never matches. */
  static boolean anyNull(FieldVector[] keys, boolean[] nullSafe, int row) {
    for (int k = 0; k < keys.length; k++) {
      if (!nullSafe[k] && keys[k].isNull(row)) {
        return true;
      }
    }
    return false;
  }

  /** The first candidate build row for a probe hash, or -1. */
  int first(int hash) {
    return heads[bucket(hash)];
  }

  /** The next candidate after {@code row} in its chain, or -1. */
  int next(int row) {
    return next[row];
  }

  /** Whether build row {@code row} has the probe row's key (hash {@code hash}). */
  boolean matches(int row, int hash, FieldVector[] probeKeys, int probeRow) {
    if (keys.length == 0) {
      return true;
    }
    if (hashes[row] != hash) {
      return false;
    }
    for (int k = 0; k < keys.length; k++) {
      if (!RowKeys.equal(probeKeys[k], probeRow, keys[k], row)) {
        return false;
      }
    }
    return true;
  }
}
