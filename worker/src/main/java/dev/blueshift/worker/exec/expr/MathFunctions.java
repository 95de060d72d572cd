package dev.blueshift.worker.exec.expr;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Vectors;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Numeric functions: rounding on exact and floating values, and the floating-point math library. */
final class MathFunctions {
  private MathFunctions() {}

  /** The rounding family, on scaled longs for exact numbers and on doubles for floating ones. */
  enum RoundMode { ROUND, TRUNC, CEIL, FLOOR }

  /**
   * ROUND/TRUNC(x [, digits]), CEIL/FLOOR(x): exact operands are rounded at {@code digits} places
   * (half away from zero for ROUND) and then brought to the result type's scale.
   */
  static final class Rounding extends Functions.Strict {
    private final RoundMode mode;
    private final boolean floating;
    private final int scale;
    private final int resultScale;

    Rounding(RoundMode mode, List<Evaluator> args, SqlType type) {
      super(args, type);
      this.mode = mode;
      SqlType in = args.get(0).type();
      this.floating = Evaluators.isFloating(in) || Evaluators.isFloating(type);
      if (!floating && !(in.isIntegral() || in.kind() == SqlType.Kind.DECIMAL)) {
        throw new BlueshiftException(SqlState.UNDEFINED_FUNCTION,
            "function " + mode.name().toLowerCase(java.util.Locale.ROOT) + "(" + in.redshiftName() + ") does not exist");
      }
      this.scale = Evaluators.scale(in);
      this.resultScale = Evaluators.scale(type);
    }

    @Override
    Value computeBatch(Value[] v, int n, ExecContext context) {
      if (v.length > 1 && !v[1].isConstant()) {
        return null;
      }
      int digits = v.length > 1 ? (int) ((Number) v[1].constant()).longValue() : 0;
      byte[] valid = Kernels.validityOfAll(v, n);
      if (floating) {
        double[] x = Kernels.doubles(v[0], n);
        for (int i = 0; i < n; i++) {
          x[i] = roundDouble(x[i], digits);
        }
        if (!Evaluators.isFloating(type)) {
          return null;
        }
        return Kernels.doubleValue(type, x, valid, n, context.allocator());
      }
      long[] x = Kernels.longs(v[0], n);
      if (digits < scale) {
        long unit = scale - digits >= 19 ? 0 : Decimals.pow10(scale - digits);
        for (int i = 0; i < n; i++) {
          x[i] = roundExact(x[i], unit);
        }
      }
      if (scale != resultScale) {
        for (int i = 0; i < n; i++) {
          x[i] = Decimals.rescale(x[i], scale, resultScale);
        }
      }
      Kernels.checkRange(x, n, type);
      return Kernels.longValue(type, x, valid, n, context.allocator());
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      int digits = v.length > 1 ? (int) v[1].getLong(i) : 0;
      if (floating) {
        double r = roundDouble(Evaluators.asDouble(v[0], i), digits);
        Evaluators.writeConstant(out, type, i, Evaluators.isFloating(type) ? (Object) r
            : Casts.cast(r, SqlType.DOUBLE, type));
        return;
      }
      long x = v[0].getLong(i);
      if (digits < scale) {
        x = roundExact(x, scale - digits >= 19 ? 0 : Decimals.pow10(scale - digits));
      }
      long r = Decimals.rescale(x, scale, resultScale);
      Casts.checkRange(r, type);
      Vectors.setLong(out, i, r);
    }

    /** x rounded to a multiple of unit (0: beyond the long range, so the result is 0). */
    private long roundExact(long x, long unit) {
      if (unit == 0) {
        return 0;
      }
      long q = x / unit;
      long r = x % unit;
      switch (mode) {
        case ROUND -> {
          if (Math.abs(r) * 2 >= unit) {
            q += x < 0 ? -1 : 1;
          }
        }
        case CEIL -> {
          if (r > 0) {
            q++;
          }
        }
        case FLOOR -> {
          if (r < 0) {
            q--;
          }
        }
        case TRUNC -> { }
      }
      return Decimals.multiply(q, unit);
    }

    private double roundDouble(double x, int digits) {
      if (Double.isNaN(x) || Double.isInfinite(x)) {
        return x;
      }
      double f = Math.pow(10, digits);
      double y = x * f;
      double r = switch (mode) {
        case ROUND -> Math.signum(y) * Math.floor(Math.abs(y) + 0.5);
        case TRUNC -> y < 0 ? Math.ceil(y) : Math.floor(y);
        case CEIL -> Math.ceil(y);
        case FLOOR -> Math.floor(y);
      };
      return digits == 0 ? r : r / f;
    }
  }

  /** Functions of doubles returning a double: SQRT, CBRT, LN, LOG, EXP, POWER, SIGN (and its domain errors). */
  static final class DoubleFunction extends Functions.Strict {
    private final String fn;

    DoubleFunction(String fn, List<Evaluator> args, SqlType type) {
      super(args, type);
      this.fn = fn;
    }

    @Override
    Value computeBatch(Value[] v, int n, ExecContext context) {
      if (!Evaluators.isFloating(type)) {
        return null;
      }
      byte[] valid = Kernels.validityOfAll(v, n);
      double[] x = Kernels.doubles(v[0], n);
      double[] y = v.length > 1 ? Kernels.doubles(v[1], n) : null;
      for (int i = 0; i < n; i++) {
        if (Kernels.get(valid, i)) {
          x[i] = apply(x[i], y == null ? 0 : y[i]);
        }
      }
      return Kernels.doubleValue(type, x, valid, n, context.allocator());
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      double r = apply(Evaluators.asDouble(v[0], i), v.length > 1 ? Evaluators.asDouble(v[1], i) : 0);
      Evaluators.writeConstant(out, type, i, Evaluators.isFloating(type) ? (Object) r : Casts.cast(r, SqlType.DOUBLE, type));
    }

    private double apply(double x, double y) {
      return switch (fn) {
        case "sqrt" -> {
          if (x < 0) {
            throw new BlueshiftException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                "cannot take square root of a negative number");
          }
          yield Math.sqrt(x);
        }
        case "cbrt" -> Math.cbrt(x);
        case "ln", "log" -> {
          if (x == 0) {
            throw new BlueshiftException(SqlState.INVALID_ARGUMENT_FOR_LOGARITHM, "cannot take logarithm of zero");
          }
          if (x < 0) {
            throw new BlueshiftException(SqlState.INVALID_ARGUMENT_FOR_LOGARITHM,
                "cannot take logarithm of a negative number");
          }
          yield fn.equals("ln") ? Math.log(x) : Math.log10(x);
        }
        case "exp" -> {
          double r = Math.exp(x);
          if (Double.isInfinite(r)) {
            throw new BlueshiftException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
          }
          yield r;
        }
        case "power" -> {
          if (x == 0 && y < 0) {
            throw new BlueshiftException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                "zero raised to a negative power is undefined");
          }
          if (x < 0 && y != Math.rint(y)) {
            throw new BlueshiftException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                "a negative number raised to a non-integer power yields a complex result");
          }
          double r = Math.pow(x, y);
          if (Double.isInfinite(r)) {
            throw new BlueshiftException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
          }
          yield r;
        }
        default -> Math.signum(x); // sign
      };
    }
  }

  /** SIGN of an exact number: -1, 0 or 1 in the result type. */
  static final class ExactSign extends Functions.Strict {
    ExactSign(Evaluator arg, SqlType type) {
      super(List.of(arg), type);
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      long s = Long.signum(v[0].getLong(i));
      Vectors.setLong(out, i, Decimals.rescale(s, 0, Evaluators.scale(type)));
    }
  }

  /** RANDOM(): a new value in [0, 1) for every row. */
  record Random(SqlType type) implements Evaluator {
    @Override
    public Value evaluate(VectorSchemaRoot batch, ExecContext context) {
      int n = batch.getRowCount();
      double[] x = new double[n];
      ThreadLocalRandom r = ThreadLocalRandom.current();
      for (int i = 0; i < n; i++) {
        x[i] = r.nextDouble();
      }
      byte[] valid = new byte[Kernels.bytes(n)];
      java.util.Arrays.fill(valid, (byte) -1);
      return Kernels.doubleValue(type, x, valid, n, context.allocator());
    }
  }
}
