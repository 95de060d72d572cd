package dev.blueshift.worker.exec.expr;

import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.Vectors;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.FieldVector;

/** Shared pieces of expression evaluation: writing values, numeric views, string comparison. */
public final class Evaluators {
  private Evaluators() {}

  /** Writes an execution value (Long, Double, String, Boolean or null) into row i. */
  public static void writeConstant(FieldVector out, SqlType type, int i, Object value) {
    if (value == null) {
      Vectors.setNull(out, i);
      return;
    }
    switch (type.kind()) {
      case REAL, DOUBLE -> Vectors.setDouble(out, i, ((Number) value).doubleValue());
      case BOOLEAN -> Vectors.setBoolean(out, i, (Boolean) value);
      case CHAR, VARCHAR -> Vectors.setString(out, i, ((String) value).getBytes(StandardCharsets.UTF_8));
      default -> Vectors.setLong(out, i, ((Number) value).longValue());
    }
  }

  /** Copies row {@code from} of a value into row {@code to} of a vector of the same SQL type. */
  public static void copy(Value value, int from, FieldVector out, int to) {
    if (value.isConstant()) {
      writeConstant(out, value.type(), to, value.constant());
    } else {
      out.copyFromSafe(from, to, value.vector());
    }
  }

  /** Scale of a long-like type in a numeric context (0 for integers). */
  public static int scale(SqlType type) {
    return type.kind() == SqlType.Kind.DECIMAL ? type.scale() : 0;
  }

  public static boolean isFloating(SqlType type) {
    return type.kind() == SqlType.Kind.REAL || type.kind() == SqlType.Kind.DOUBLE;
  }

  public static boolean isDateTime(SqlType type) {
    return switch (type.kind()) {
      case DATE, TIMESTAMP, TIMESTAMPTZ -> true;
      default -> false;
    };
  }

  /** A long-like value as a double, honouring DECIMAL scale. */
  public static double asDouble(Value v, int i) {
    if (isFloating(v.type())) {
      return v.getDouble(i);
    }
    long l = v.getLong(i);
    int s = scale(v.type());
    return s == 0 ? l : l / (double) Decimals.pow10(s);
  }

  /**
   * Compares UTF-8 strings by code point (byte order). When {@code padSpace}, trailing spaces are
   * insignificant, as for CHAR(n).
   */
  public static int compareUtf8(byte[] a, byte[] b, boolean padSpace) {
    int la = a.length;
    int lb = b.length;
    if (padSpace) {
      while (la > 0 && a[la - 1] == ' ') {
        la--;
      }
      while (lb > 0 && b[lb - 1] == ' ') {
        lb--;
      }
    }
    int n = Math.min(la, lb);
    for (int k = 0; k < n; k++) {
      int c = (a[k] & 0xff) - (b[k] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return la - lb;
  }
}
