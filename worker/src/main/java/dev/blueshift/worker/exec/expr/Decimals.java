package dev.blueshift.worker.exec.expr;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;

/** Arithmetic on scaled longs (DECIMAL unscaled values), with overflow reported as SQL errors. */
public final class Decimals {
  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private Decimals() {}

  public static long pow10(int n) {
    if (n < 0 || n >= POW10.length) {
      throw overflow();
    }
    return POW10[n];
  }

  /** Rescales an unscaled value, rounding half away from zero when scale shrinks. */
  public static long rescale(long value, int fromScale, int toScale) {
    if (toScale == fromScale) {
      return value;
    }
    if (toScale > fromScale) {
      try {
        return Math.multiplyExact(value, pow10(toScale - fromScale));
      } catch (ArithmeticException e) {
        throw overflow();
      }
    }
    int diff = fromScale - toScale;
    if (diff >= POW10.length) {
      return 0;
    }
    long p = POW10[diff];
    long q = value / p;
    long r = value % p;
    if (Math.abs(r) * 2 >= p) {
      q += value < 0 ? -1 : 1;
    }
    return q;
  }

  public static long add(long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw overflow();
    }
  }

  public static long subtract(long a, long b) {
    try {
      return Math.subtractExact(a, b);
    } catch (ArithmeticException e) {
      throw overflow();
    }
  }

  public static long multiply(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      throw overflow();
    }
  }

  /** True when the unscaled value fits a DECIMAL of the given precision. */
  public static boolean fitsPrecision(long value, int precision) {
    return precision >= 19 || Math.abs(value) < POW10[precision];
  }

  public static BlueshiftException overflow() {
    return new BlueshiftException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric value out of range");
  }
}
