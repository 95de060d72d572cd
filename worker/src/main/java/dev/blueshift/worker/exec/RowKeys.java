package dev.blueshift.worker.exec;

import dev.blueshift.worker.exchange.SliceHash;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Hashing and equality of key values across vectors of the same type, for grouping, joining and
 * hash partitioning. Hashes are {@link SliceHash}'s, so a HASH exchange places rows exactly where
 * DISTKEY placement put them.
 */
public final class RowKeys {
  private static final int NULL_HASH = 0x5bd1e995;

  private RowKeys() {}

  /** Hash of one value: long-like values by their long, floats by bits, strings by UTF-8 bytes. */
  public static int hash(FieldVector v, int i) {
    if (v.isNull(i)) {
      return NULL_HASH;
    }
    if (v instanceof VarCharVector s) {
      long start = s.getStartOffset(i);
      long end = s.getEndOffset(i);
      return SliceHash.hashBytes(s.getDataBuffer(), start, end);
    } else if (v instanceof Float8Vector f) {
      double d = f.get(i);
      return SliceHash.hashLong(Double.doubleToLongBits(d == 0.0 ? 0.0 : d));
    } else if (v instanceof Float4Vector f) {
      double d = f.get(i);
      return SliceHash.hashLong(Double.doubleToLongBits(d == 0.0 ? 0.0 : d));
    } else if (v instanceof BitVector b) {
      return SliceHash.hashLong(b.get(i));
    }
    return SliceHash.hashLong(Vectors.getLong(v, i));
  }

  /** Combined hash of several key columns of one row. */
  public static int hash(FieldVector[] keys, int i) {
    int h = 0;
    for (FieldVector k : keys) {
      h = h * 31 + hash(k, i);
    }
    return h;
  }

  /** Equality for grouping: NULL equals NULL. */
  public static boolean equal(FieldVector a, int i, FieldVector b, int j) {
    boolean na = a.isNull(i);
    boolean nb = b.isNull(j);
    if (na || nb) {
      return na && nb;
    }
    if (a instanceof VarCharVector sa) {
      VarCharVector sb = (VarCharVector) b;
      return ByteFunctionHelpers.equal(sa.getDataBuffer(), sa.getStartOffset(i), sa.getEndOffset(i),
          sb.getDataBuffer(), sb.getStartOffset(j), sb.getEndOffset(j)) == 1;
    } else if (a instanceof BitVector ba) {
      return ba.get(i) == ((BitVector) b).get(j);
    } else if (a instanceof Float8Vector || a instanceof Float4Vector) {
      return Vectors.getDouble(a, i) == Vectors.getDouble(b, j);
    } else if (a instanceof BaseFixedWidthVector) {
      return Vectors.getLong(a, i) == Vectors.getLong(b, j);
    }
    throw new IllegalStateException("unsupported key vector " + a.getClass().getSimpleName());
  }
}
