package dev.blueshift.worker.exec.expr;

import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.Vectors;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.util.TransferPair;

/**
 * The result of evaluating an expression over a batch: either a vector (owned or borrowed from
 * the input) or one constant for every row. Constants hold execution values: Long (long-like
 * types), Double, String, Boolean, or null.
 */
public final class Value implements AutoCloseable {
  private final SqlType type;
  private final FieldVector vector;
  private final boolean owned;
  private final Object constant;

  private Value(SqlType type, FieldVector vector, boolean owned, Object constant) {
    this.type = type;
    this.vector = vector;
    this.owned = owned;
    this.constant = constant;
  }

  public static Value owned(SqlType type, FieldVector vector) {
    return new Value(type, vector, true, null);
  }

  public static Value borrowed(SqlType type, FieldVector vector) {
    return new Value(type, vector, false, null);
  }

  public static Value constant(SqlType type, Object value) {
    return new Value(type, null, false, value);
  }

  public SqlType type() {
    return type;
  }

  public boolean isConstant() {
    return vector == null;
  }

  public Object constant() {
    return constant;
  }

  public FieldVector vector() {
    return vector;
  }

  public boolean isNull(int i) {
    return vector == null ? constant == null : vector.isNull(i);
  }

  public long getLong(int i) {
    return vector == null ? ((Number) constant).longValue() : Vectors.getLong(vector, i);
  }

  public double getDouble(int i) {
    if (vector == null) {
      return ((Number) constant).doubleValue();
    }
    return Vectors.getDouble(vector, i);
  }

  public boolean getBoolean(int i) {
    return vector == null ? (Boolean) constant : ((BitVector) vector).get(i) == 1;
  }

  public byte[] getBytes(int i) {
    return vector == null
        ? ((String) constant).getBytes(StandardCharsets.UTF_8)
        : ((VarCharVector) vector).get(i);
  }

  public String getString(int i) {
    return vector == null ? (String) constant : new String(((VarCharVector) vector).get(i), StandardCharsets.UTF_8);
  }

  /**
   * For a BOOLEAN value: writes the rows that are TRUE (not FALSE, not NULL) into
   * {@code selected} and returns how many there are.
   */
  public int selectTrue(int rows, int[] selected) {
    int count = 0;
    if (vector == null) {
      if (Boolean.TRUE.equals(constant)) {
        for (int i = 0; i < rows; i++) {
          selected[i] = i;
        }
        count = rows;
      }
      return count;
    }
    byte[] bits = Kernels.booleans(this, rows);
    byte[] valid = Kernels.validity(this, rows);
    for (int j = 0; j < bits.length; j++) {
      int b = bits[j] & valid[j] & 0xff;
      while (b != 0) {
        int i = (j << 3) + Integer.numberOfTrailingZeros(b);
        if (i < rows) {
          selected[count++] = i;
        }
        b &= b - 1;
      }
    }
    return count;
  }

  /**
   * A vector holding this value for {@code rows} rows, owned by the caller: the vector itself
   * when owned (ownership passes), otherwise a copy.
   */
  public FieldVector toOwnedVector(String name, int rows, BufferAllocator allocator) {
    if (vector != null && owned) {
      return vector;
    }
    if (vector != null) {
      // zero-copy: the new vector shares the borrowed vector's buffers (reference counted)
      TransferPair tp = vector.getTransferPair(allocator);
      tp.splitAndTransfer(0, rows);
      return (FieldVector) tp.getTo();
    }
    FieldVector out = Vectors.allocate(name, type, rows, allocator);
    {
      for (int i = 0; i < rows; i++) {
        Evaluators.writeConstant(out, type, i, constant);
      }
    }
    out.setValueCount(rows);
    return out;
  }

  @Override
  public void close() {
    if (owned && vector != null) {
      vector.close();
    }
  }
}
