package dev.blueshift.worker.exec.expr;

import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * The hot loops of expressions: a column is read into a primitive array with one typed loop, an
 * operation runs over whole arrays, and booleans and validity travel as packed bits (bit i of byte
 * i / 8, as Arrow stores them) — so there is no per-row dispatch, boxing or allocation.
 */
final class Kernels {
  private Kernels() {}

  static int bytes(int rows) {
    return (rows + 7) >>> 3;
  }

  /** Long-like values (integers, DECIMAL unscaled, DATE days, TIMESTAMP micros); NULL rows hold junk. */
  static long[] longs(Value v, int n) {
    long[] out = new long[n];
    if (v.isConstant()) {
      if (v.constant() != null) {
        Arrays.fill(out, ((Number) v.constant()).longValue());
      }
      return out;
    }
    FieldVector vector = v.vector();
    ArrowBuf data = vector.getDataBuffer();
    if (vector instanceof BigIntVector || vector instanceof TimeStampMicroVector || vector instanceof TimeStampMicroTZVector) {
      for (int i = 0; i < n; i++) {
        out[i] = data.getLong((long) i << 3);
      }
    } else if (vector instanceof IntVector || vector instanceof DateDayVector) {
      for (int i = 0; i < n; i++) {
        out[i] = data.getInt((long) i << 2);
      }
    } else if (vector instanceof SmallIntVector) {
      for (int i = 0; i < n; i++) {
        out[i] = data.getShort((long) i << 1);
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = Vectors.getLong(vector, i);
      }
    }
    return out;
  }

  /** Values as doubles: floating columns as they are, long-like ones divided by their DECIMAL scale. */
  static double[] doubles(Value v, int n) {
    double[] out = new double[n];
    if (v.isConstant()) {
      if (v.constant() != null) {
        double c = Evaluators.isFloating(v.type()) ? ((Number) v.constant()).doubleValue()
            : ((Number) v.constant()).longValue() / (double) Decimals.pow10(Evaluators.scale(v.type()));
        Arrays.fill(out, c);
      }
      return out;
    }
    FieldVector vector = v.vector();
    if (vector instanceof Float8Vector) {
      ArrowBuf data = vector.getDataBuffer();
      for (int i = 0; i < n; i++) {
        out[i] = data.getDouble((long) i << 3);
      }
    } else if (vector instanceof Float4Vector) {
      ArrowBuf data = vector.getDataBuffer();
      for (int i = 0; i < n; i++) {
        out[i] = data.getFloat((long) i << 2);
      }
    } else {
      long[] l = longs(v, n);
      int scale = Evaluators.scale(v.type());
      double div = Decimals.pow10(scale);
      for (int i = 0; i < n; i++) {
        out[i] = scale == 0 ? l[i] : l[i] / div;
      }
    }
    return out;
  }

  /** True when some row of the value is NULL. */
  static boolean hasNulls(Value v, int n) {
    return v.isConstant() ? v.constant() == null : n > 0 && v.vector().getNullCount() > 0;
  }

  /** Validity bits (1 = not NULL). */
  static byte[] validity(Value v, int n) {
    byte[] out = new byte[bytes(n)];
    if (v.isConstant()) {
      if (v.constant() != null) {
        Arrays.fill(out, (byte) -1);
      }
    } else if (v.vector().getNullCount() == 0) {
      Arrays.fill(out, (byte) -1);
    } else {
      v.vector().getValidityBuffer().getBytes(0, out, 0, out.length);
    }
    return out;
  }

  /** Boolean values as bits (NULL rows hold junk). */
  static byte[] booleans(Value v, int n) {
    byte[] out = new byte[bytes(n)];
    if (v.isConstant()) {
      if (Boolean.TRUE.equals(v.constant())) {
        Arrays.fill(out, (byte) -1);
      }
    } else {
      v.vector().getDataBuffer().getBytes(0, out, 0, out.length);
    }
    return out;
  }

  /** Validity of rows whose every operand is non-NULL. */
  static byte[] validityOfAll(Value[] values, int n) {
    byte[] out = validity(values[0], n);
    for (int a = 1; a < values.length; a++) {
      if (hasNulls(values[a], n)) {
        byte[] other = validity(values[a], n);
        for (int j = 0; j < out.length; j++) {
          out[j] &= other[j];
        }
      }
    }
    return out;
  }

  /** A new BOOLEAN vector from value and validity bits. */
  static Value booleanValue(byte[] bits, byte[] validity, int n, BufferAllocator allocator) {
    FieldVector out = Vectors.allocate("expr", SqlType.BOOLEAN, n, allocator);
    int b = bytes(n);
    out.getDataBuffer().setBytes(0, bits, 0, b);
    out.getValidityBuffer().setBytes(0, validity, 0, b);
    out.setValueCount(n);
    return Value.owned(SqlType.BOOLEAN, out);
  }

  /** A new vector of a long-like type from values and validity bits. */
  static Value longValue(SqlType type, long[] values, byte[] validity, int n, BufferAllocator allocator) {
    FieldVector out = Vectors.allocate("expr", type, n, allocator);
    ArrowBuf data = out.getDataBuffer();
    if (out instanceof BigIntVector || out instanceof TimeStampMicroVector || out instanceof TimeStampMicroTZVector) {
      for (int i = 0; i < n; i++) {
        data.setLong((long) i << 3, values[i]);
      }
    } else if (out instanceof IntVector || out instanceof DateDayVector) {
      for (int i = 0; i < n; i++) {
        data.setInt((long) i << 2, (int) values[i]);
      }
    } else if (out instanceof SmallIntVector) {
      for (int i = 0; i < n; i++) {
        data.setShort((long) i << 1, (short) values[i]);
      }
    } else {
      for (int i = 0; i < n; i++) {
        Vectors.setLong(out, i, values[i]);
      }
    }
    out.getValidityBuffer().setBytes(0, validity, 0, bytes(n));
    out.setValueCount(n);
    return Value.owned(type, out);
  }

  /** A new DOUBLE PRECISION or REAL vector from values and validity bits. */
  static Value doubleValue(SqlType type, double[] values, byte[] validity, int n, BufferAllocator allocator) {
    FieldVector out = Vectors.allocate("expr", type, n, allocator);
    ArrowBuf data = out.getDataBuffer();
    if (out instanceof Float8Vector) {
      for (int i = 0; i < n; i++) {
        data.setDouble((long) i << 3, values[i]);
      }
    } else {
      for (int i = 0; i < n; i++) {
        data.setFloat((long) i << 2, (float) values[i]);
      }
    }
    out.getValidityBuffer().setBytes(0, validity, 0, bytes(n));
    out.setValueCount(n);
    return Value.owned(type, out);
  }

  /** Multiplies every value by {@code factor}; overflow throws {@link ArithmeticException}. */
  static void scaleExact(long[] values, int n, long factor) {
    if (factor != 1) {
      for (int i = 0; i < n; i++) {
        values[i] = Math.multiplyExact(values[i], factor);
      }
    }
  }

  /** {@link Casts#checkRange} over a whole array, with the bounds worked out once. */
  static void checkRange(long[] values, int n, SqlType type) {
    long lo;
    long hi;
    switch (type.kind()) {
      case SMALLINT -> { lo = Short.MIN_VALUE; hi = Short.MAX_VALUE; }
      case INTEGER -> { lo = Integer.MIN_VALUE; hi = Integer.MAX_VALUE; }
      case DECIMAL -> {
        if (type.precision() >= 19) {
          return;
        }
        hi = Decimals.pow10(type.precision()) - 1;
        lo = -hi;
      }
      default -> {
        return;
      }
    }
    for (int i = 0; i < n; i++) {
      if (values[i] < lo || values[i] > hi) {
        Casts.checkRange(values[i], type); // throws with the type's message
      }
    }
  }

  /** Comparison operators by code, so loops are chosen once per batch. */
  static final int EQ = 0;
  static final int NE = 1;
  static final int LT = 2;
  static final int LE = 3;
  static final int GT = 4;
  static final int GE = 5;

  static int opCode(String op) {
    return switch (op) {
      case "=" -> EQ;
      case "<>" -> NE;
      case "<" -> LT;
      case "<=" -> LE;
      case ">" -> GT;
      default -> GE;
    };
  }

  static byte[] compare(long[] a, long[] b, int n, int op) {
    byte[] bits = new byte[bytes(n)];
    switch (op) {
      case EQ -> { for (int i = 0; i < n; i++) { if (a[i] == b[i]) { set(bits, i); } } }
      case NE -> { for (int i = 0; i < n; i++) { if (a[i] != b[i]) { set(bits, i); } } }
      case LT -> { for (int i = 0; i < n; i++) { if (a[i] < b[i]) { set(bits, i); } } }
      case LE -> { for (int i = 0; i < n; i++) { if (a[i] <= b[i]) { set(bits, i); } } }
      case GT -> { for (int i = 0; i < n; i++) { if (a[i] > b[i]) { set(bits, i); } } }
      default -> { for (int i = 0; i < n; i++) { if (a[i] >= b[i]) { set(bits, i); } } }
    }
    return bits;
  }

  /** As {@link Double#compare}: NaN is greater than everything and equal to itself (PostgreSQL's order). */
  static byte[] compare(double[] a, double[] b, int n, int op) {
    byte[] bits = new byte[bytes(n)];
    for (int i = 0; i < n; i++) {
      int c = Double.compare(a[i], b[i]);
      boolean r = switch (op) {
        case EQ -> c == 0;
        case NE -> c != 0;
        case LT -> c < 0;
        case LE -> c <= 0;
        case GT -> c > 0;
        default -> c >= 0;
      };
      if (r) {
        set(bits, i);
      }
    }
    return bits;
  }

  /**
   * {@code column = constant} (or {@code <>}) on strings, compared in place in the vector's data
   * buffer; with {@code padSpace} trailing blanks are insignificant (CHAR semantics).
   */
  static byte[] equalsConstant(VarCharVector column, String constant, int n, boolean padSpace, boolean negate) {
    byte[] c = constant.getBytes(StandardCharsets.UTF_8);
    int cl = c.length;
    if (padSpace) {
      while (cl > 0 && c[cl - 1] == ' ') {
        cl--;
      }
    }
    ArrowBuf offsets = column.getOffsetBuffer();
    ArrowBuf data = column.getDataBuffer();
    byte[] bits = new byte[bytes(n)];
    int start = offsets.getInt(0);
    for (int i = 0; i < n; i++) {
      int end = offsets.getInt((long) (i + 1) << 2);
      int len = end - start;
      if (padSpace) {
        while (len > cl && data.getByte(start + len - 1) == ' ') {
          len--;
        }
      }
      boolean eq = len == cl;
      for (int k = 0; eq && k < cl; k++) {
        eq = data.getByte(start + k) == c[k];
      }
      if (eq != negate) {
        set(bits, i);
      }
      start = end;
    }
    return bits;
  }

  static void set(byte[] bits, int i) {
    bits[i >>> 3] |= (byte) (1 << (i & 7));
  }

  static boolean get(byte[] bits, int i) {
    return (bits[i >>> 3] & (1 << (i & 7))) != 0;
  }

  /** The value of row {@code i} of a vector as an execution value (Long, Double, String, Boolean, null). */
  static Object executionValue(FieldVector v, SqlType type, int i) {
    if (v.isNull(i)) {
      return null;
    }
    if (type.isString()) {
      return new String(((VarCharVector) v).get(i), StandardCharsets.UTF_8);
    }
    if (type.kind() == SqlType.Kind.BOOLEAN) {
      return ((BitVector) v).get(i) == 1;
    }
    if (Evaluators.isFloating(type)) {
      return Vectors.getDouble(v, i);
    }
    return Vectors.getLong(v, i);
  }
}
