package dev.blueshift.worker.exec.expr;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Vectors;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** The batch evaluators of the functions Blueshift executes. */
final class Functions {
  private Functions() {}

  /** Evaluates every operand; on failure closes those already evaluated. */
  static List<Value> evaluateAll(List<Evaluator> args, VectorSchemaRoot batch, ExecContext context) {
    List<Value> values = new ArrayList<>(args.size());
    try {
      for (Evaluator e : args) {
        values.add(e.evaluate(batch, context));
      }
      return values;
    } catch (RuntimeException e) {
      values.forEach(Value::close);
      throw e;
    }
  }

  /** A column of the input batch, borrowed without copying. */
  record InputRef(int index, SqlType type) implements Evaluator {
    @Override
    public Value evaluate(VectorSchemaRoot batch, ExecContext context) {
      return Value.borrowed(type, batch.getVector(index));
    }
  }

  /** A literal, the same for every row. */
  record Constant(SqlType type, Object value) implements Evaluator {
    @Override
    public Value evaluate(VectorSchemaRoot batch, ExecContext context) {
      return Value.constant(type, value);
    }
  }

  /**
   * A function that is NULL when any argument is NULL; subclasses compute one non-null row into
   * the output vector.
   */
  abstract static class Strict implements Evaluator {
    final List<Evaluator> args;
    final SqlType type;

    Strict(List<Evaluator> args, SqlType type) {
      this.args = args;
      this.type = type;
    }

    @Override
    public SqlType type() {
      return type;
    }

    @Override
    public Value evaluate(VectorSchemaRoot batch, ExecContext context) {
      Value[] values = new Value[args.size()];
      try {
        for (int a = 0; a < values.length; a++) {
          values[a] = args.get(a).evaluate(batch, context);
        }
        int n = batch.getRowCount();
        if (allConstant(values)) {
          return Value.constant(type, computeOnce(values, context));
        }
        Value whole = computeBatch(values, n, context);
        if (whole != null) {
          return whole;
        }
        FieldVector out = Vectors.allocate("expr", type, n, context.allocator());
        try {
          rows:
          for (int i = 0; i < n; i++) {
            for (Value v : values) {
              if (v.isNull(i)) {
                Vectors.setNull(out, i);
                continue rows;
              }
            }
            compute(values, i, out);
          }
          out.setValueCount(n);
          return Value.owned(type, out);
        } catch (RuntimeException e) {
          out.close();
          throw e;
        }
      } finally {
        for (Value v : values) {
          if (v != null) {
            v.close();
          }
        }
      }
    }

    abstract void compute(Value[] v, int i, FieldVector out);

    /**
     * The whole batch at once through {@link Kernels}, or null when this function (or these
     * operands) have no batch kernel and rows are computed one by one.
     */
    Value computeBatch(Value[] v, int n, ExecContext context) {
      return null;
    }

    private static boolean allConstant(Value[] values) {
      for (Value v : values) {
        if (!v.isConstant()) {
          return false;
        }
      }
      return true;
    }

    /** Constant operands: one computation for the whole batch (a date bound such as {@code d + 1 year}). */
    private Object computeOnce(Value[] values, ExecContext context) {
      for (Value v : values) {
        if (v.constant() == null) {
          return null;
        }
      }
      try (FieldVector out = Vectors.allocate("expr", type, 1, context.allocator())) {
        compute(values, 0, out);
        out.setValueCount(1);
        return Kernels.executionValue(out, type, 0);
      }
    }
  }

  /** =, <>, <, <=, >, >= across numeric, date/time, string and boolean operands. */
  static final class Comparison extends Strict {
    private enum Domain { LONG, DOUBLE, STRING, BOOLEAN }

    private final String op;
    private final Domain domain;
    private final long mulA;
    private final long mulB;
    private final boolean padSpace;

    Comparison(String op, Evaluator a, Evaluator b) {
      super(List.of(a, b), SqlType.BOOLEAN);
      this.op = op;
      SqlType ta = a.type();
      SqlType tb = b.type();
      if (ta.isString() && tb.isString()) {
        domain = Domain.STRING;
      } else if (ta.kind() == SqlType.Kind.BOOLEAN && tb.kind() == SqlType.Kind.BOOLEAN) {
        domain = Domain.BOOLEAN;
      } else if (Evaluators.isFloating(ta) || Evaluators.isFloating(tb)) {
        domain = Domain.DOUBLE;
      } else if (ta.isLongLike() && tb.isLongLike()) {
        domain = Domain.LONG;
      } else {
        throw new BlueshiftException(SqlState.DATATYPE_MISMATCH,
            "operator does not exist: " + ta.redshiftName() + " " + op + " " + tb.redshiftName());
      }
      padSpace = ta.kind() == SqlType.Kind.CHAR || tb.kind() == SqlType.Kind.CHAR;
      if (domain == Domain.LONG) {
        boolean tsA = ta.kind() == SqlType.Kind.TIMESTAMP || ta.kind() == SqlType.Kind.TIMESTAMPTZ;
        boolean tsB = tb.kind() == SqlType.Kind.TIMESTAMP || tb.kind() == SqlType.Kind.TIMESTAMPTZ;
        if (tsA && tb.kind() == SqlType.Kind.DATE) {
          mulA = 1;
          mulB = Casts.MICROS_PER_DAY;
        } else if (tsB && ta.kind() == SqlType.Kind.DATE) {
          mulA = Casts.MICROS_PER_DAY;
          mulB = 1;
        } else {
          int sa = Evaluators.scale(ta);
          int sb = Evaluators.scale(tb);
          int s = Math.max(sa, sb);
          mulA = Decimals.pow10(s - sa);
          mulB = Decimals.pow10(s - sb);
        }
      } else {
        mulA = 1;
        mulB = 1;
      }
    }

    @Override
    Value computeBatch(Value[] v, int n, ExecContext context) {
      int code = Kernels.opCode(op);
      byte[] bits;
      switch (domain) {
        case LONG -> bits = Kernels.compare(scaled(Kernels.longs(v[0], n), mulA), scaled(Kernels.longs(v[1], n), mulB),
            n, code);
        case DOUBLE -> bits = Kernels.compare(Kernels.doubles(v[0], n), Kernels.doubles(v[1], n), n, code);
        case STRING -> {
          if ((code != Kernels.EQ && code != Kernels.NE) || v[0].isConstant() == v[1].isConstant()) {
            return null;
          }
          Value column = v[0].isConstant() ? v[1] : v[0];
          String constant = (String) (v[0].isConstant() ? v[0] : v[1]).constant();
          if (constant == null) {
            return null;
          }
          bits = Kernels.equalsConstant((org.apache.arrow.vector.VarCharVector) column.vector(), constant, n, padSpace,
              code == Kernels.NE);
        }
        default -> {
          return null;
        }
      }
      return Kernels.booleanValue(bits, Kernels.validityOfAll(v, n), n, context.allocator());
    }

    /**
     * Values brought to the common scale; a value beyond the long range saturates, which keeps
     * its order against anything that fits (NULL rows may hold junk that must not fail).
     */
    private static long[] scaled(long[] values, long mul) {
      if (mul != 1) {
        for (int i = 0; i < values.length; i++) {
          long x = values[i];
          long hi = Math.multiplyHigh(x, mul);
          long lo = x * mul;
          values[i] = (hi == 0 && lo >= 0) || (hi == -1 && lo < 0) ? lo : x < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
      }
      return values;
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      int c = switch (domain) {
        case LONG -> Long.compare(Decimals.multiply(v[0].getLong(i), mulA), Decimals.multiply(v[1].getLong(i), mulB));
        case DOUBLE -> Double.compare(Evaluators.asDouble(v[0], i), Evaluators.asDouble(v[1], i));
        case STRING -> Evaluators.compareUtf8(v[0].getBytes(i), v[1].getBytes(i), padSpace);
        case BOOLEAN -> Boolean.compare(v[0].getBoolean(i), v[1].getBoolean(i));
      };
      boolean r = switch (op) {
        case "=" -> c == 0;
        case "<>" -> c != 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        default -> c >= 0;
      };
      Vectors.setBoolean(out, i, r);
    }
  }

  /** Three-valued AND over any number of operands. */
  static final class And extends Logic {
    And(List<Evaluator> args) {
      super(args, false);
    }
  }

  /** Three-valued OR over any number of operands. */
  static final class Or extends Logic {
    Or(List<Evaluator> args) {
      super(args, true);
    }
  }

  /** AND (dominant=false) or OR (dominant=true): one dominant operand decides, else NULL wins. */
  abstract static class Logic implements Evaluator {
    private final List<Evaluator> args;
    private final boolean dominant;

    Logic(List<Evaluator> args, boolean dominant) {
      this.args = args;
      this.dominant = dominant;
    }

    @Override
    public SqlType type() {
      return SqlType.BOOLEAN;
    }

    @Override
    public Value evaluate(VectorSchemaRoot batch, ExecContext context) {
      Value[] values = new Value[args.size()];
      try {
        for (int a = 0; a < values.length; a++) {
          values[a] = args.get(a).evaluate(batch, context);
        }
        int n = batch.getRowCount();
        return combine(values, n, context);
      } finally {
        for (Value v : values) {
          if (v != null) {
            v.close();
          }
        }
      }
    }

    /**
     * Three-valued logic on packed bits: a dominant operand (FALSE for AND, TRUE for OR) decides
     * the row; otherwise any NULL makes it NULL; otherwise it is the other value.
     */
    private Value combine(Value[] values, int n, ExecContext context) {
      int b = Kernels.bytes(n);
      byte[] decided = new byte[b];
      byte[] sawNull = new byte[b];
      for (Value v : values) {
        byte[] valid = Kernels.validity(v, n);
        byte[] bits = Kernels.booleans(v, n);
        for (int j = 0; j < b; j++) {
          decided[j] |= valid[j] & (dominant ? bits[j] : ~bits[j]);
          sawNull[j] |= ~valid[j];
        }
      }
      byte[] value = new byte[b];
      byte[] validity = new byte[b];
      for (int j = 0; j < b; j++) {
        validity[j] = (byte) (decided[j] | ~sawNull[j]);
        value[j] = (byte) (dominant ? decided[j] : ~decided[j] & ~sawNull[j]);
      }
      return Kernels.booleanValue(value, validity, n, context.allocator());
    }
  }

  static final class Not extends Strict {
    Not(Evaluator a) {
      super(List.of(a), SqlType.BOOLEAN);
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      Vectors.setBoolean(out, i, !v[0].getBoolean(i));
    }
  }

  /** IS NULL / IS NOT NULL: never NULL itself. */
  record IsNull(Evaluator arg, boolean negated) implements Evaluator {
    @Override
    public SqlType type() {
      return SqlType.BOOLEAN;
    }

    @Override
    public Value evaluate(VectorSchemaRoot batch, ExecContext context) {
      try (Value v = arg.evaluate(batch, context)) {
        int n = batch.getRowCount();
        FieldVector out = Vectors.allocate("expr", SqlType.BOOLEAN, n, context.allocator());
        for (int i = 0; i < n; i++) {
          Vectors.setBoolean(out, i, v.isNull(i) != negated);
        }
        out.setValueCount(n);
        return Value.owned(SqlType.BOOLEAN, out);
      }
    }
  }

  /** + - * / % on exact (scaled long) or floating operands, by the result type. */
  static final class Arithmetic extends Strict {
    private final char op;
    private final boolean floating;
    private final int sa;
    private final int sb;
    private final int sr;
    private final boolean integral;

    Arithmetic(String op, Evaluator a, Evaluator b, SqlType type) {
      super(List.of(a, b), type);
      this.op = op.charAt(0);
      this.floating = Evaluators.isFloating(type);
      if (!floating && !(a.type().isLongLike() && b.type().isLongLike())) {
        throw new BlueshiftException(SqlState.DATATYPE_MISMATCH, "operator does not exist: "
            + a.type().redshiftName() + " " + op + " " + b.type().redshiftName());
      }
      this.sa = Evaluators.scale(a.type());
      this.sb = Evaluators.scale(b.type());
      this.sr = Evaluators.scale(type);
      this.integral = type.isIntegral();
    }

    @Override
    Value computeBatch(Value[] v, int n, ExecContext context) {
      // division and modulo check divisors row by row; NULL rows may hold junk that must not fail
      if (op == '/' || op == '%' || Kernels.hasNulls(v[0], n) || Kernels.hasNulls(v[1], n)) {
        return null;
      }
      byte[] valid = Kernels.validityOfAll(v, n);
      if (floating) {
        double[] x = Kernels.doubles(v[0], n);
        double[] y = Kernels.doubles(v[1], n);
        switch (op) {
          case '+' -> { for (int i = 0; i < n; i++) { x[i] += y[i]; } }
          case '-' -> { for (int i = 0; i < n; i++) { x[i] -= y[i]; } }
          default -> { for (int i = 0; i < n; i++) { x[i] *= y[i]; } }
        }
        return Kernels.doubleValue(type, x, valid, n, context.allocator());
      }
      long[] x = Kernels.longs(v[0], n);
      long[] y = Kernels.longs(v[1], n);
      int s = op == '*' ? sa + sb : Math.max(sa, sb);
      try {
        if (op == '*') {
          for (int i = 0; i < n; i++) {
            x[i] = Math.multiplyExact(x[i], y[i]);
          }
        } else {
          Kernels.scaleExact(x, n, Decimals.pow10(s - sa));
          Kernels.scaleExact(y, n, Decimals.pow10(s - sb));
          if (op == '+') {
            for (int i = 0; i < n; i++) {
              x[i] = Math.addExact(x[i], y[i]);
            }
          } else {
            for (int i = 0; i < n; i++) {
              x[i] = Math.subtractExact(x[i], y[i]);
            }
          }
        }
      } catch (ArithmeticException e) {
        throw Decimals.overflow();
      }
      if (s != sr) {
        for (int i = 0; i < n; i++) {
          x[i] = Decimals.rescale(x[i], s, sr);
        }
      }
      Kernels.checkRange(x, n, type);
      return Kernels.longValue(type, x, valid, n, context.allocator());
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      if (floating) {
        double x = Evaluators.asDouble(v[0], i);
        double y = Evaluators.asDouble(v[1], i);
        double r = switch (op) {
          case '+' -> x + y;
          case '-' -> x - y;
          case '*' -> x * y;
          case '/' -> {
            if (y == 0) {
              throw divisionByZero();
            }
            yield x / y;
          }
          default -> x % y;
        };
        Vectors.setDouble(out, i, r);
        return;
      }
      long x = v[0].getLong(i);
      long y = v[1].getLong(i);
      long r = switch (op) {
        case '+', '-' -> {
          int s = Math.max(sa, sb);
          long xs = Decimals.rescale(x, sa, s);
          long ys = Decimals.rescale(y, sb, s);
          yield Decimals.rescale(op == '+' ? Decimals.add(xs, ys) : Decimals.subtract(xs, ys), s, sr);
        }
        case '*' -> Decimals.rescale(Decimals.multiply(x, y), sa + sb, sr);
        case '/' -> {
          if (y == 0) {
            throw divisionByZero();
          }
          if (integral && sa == 0 && sb == 0) {
            yield x / y;
          }
          BigDecimal q = BigDecimal.valueOf(x, sa).divide(BigDecimal.valueOf(y, sb), sr,
              integral ? RoundingMode.DOWN : RoundingMode.HALF_UP);
          try {
            yield q.unscaledValue().longValueExact();
          } catch (ArithmeticException e) {
            throw Decimals.overflow();
          }
        }
        default -> {
          if (y == 0) {
            throw divisionByZero();
          }
          int s = Math.max(sa, sb);
          yield Decimals.rescale(Decimals.rescale(x, sa, s) % Decimals.rescale(y, sb, s), s, sr);
        }
      };
      Casts.checkRange(r, type);
      Vectors.setLong(out, i, r);
    }

    private static BlueshiftException divisionByZero() {
      return new BlueshiftException(SqlState.DIVISION_BY_ZERO, "division by zero");
    }
  }

  /** CAST to another type, one value at a time through {@link Casts}. */
  static final class Cast extends Strict {
    private final SqlType from;

    Cast(Evaluator arg, SqlType to) {
      super(List.of(arg), to);
      this.from = arg.type();
    }

    /** Exact numbers to exact numbers (rescaling, range checks), and exact numbers to floating. */
    @Override
    Value computeBatch(Value[] v, int n, ExecContext context) {
      boolean exactFrom = from.isIntegral() || from.kind() == SqlType.Kind.DECIMAL;
      if (!exactFrom || Kernels.hasNulls(v[0], n)) {
        return null;
      }
      if (Evaluators.isFloating(type)) {
        return Kernels.doubleValue(type, Kernels.doubles(v[0], n), Kernels.validity(v[0], n), n, context.allocator());
      }
      if (!(type.isIntegral() || type.kind() == SqlType.Kind.DECIMAL)) {
        return null;
      }
      long[] x = Kernels.longs(v[0], n);
      int fromScale = Evaluators.scale(from);
      int toScale = Evaluators.scale(type);
      if (toScale > fromScale) {
        try {
          Kernels.scaleExact(x, n, Decimals.pow10(toScale - fromScale));
        } catch (ArithmeticException e) {
          throw Decimals.overflow();
        }
      } else if (toScale < fromScale) {
        for (int i = 0; i < n; i++) {
          x[i] = Decimals.rescale(x[i], fromScale, toScale);
        }
      }
      Kernels.checkRange(x, n, type);
      return Kernels.longValue(type, x, Kernels.validity(v[0], n), n, context.allocator());
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      Object value = switch (from.kind()) {
        case REAL, DOUBLE -> v[0].getDouble(i);
        case BOOLEAN -> v[0].getBoolean(i);
        case CHAR, VARCHAR -> v[0].getString(i);
        default -> v[0].getLong(i);
      };
      Evaluators.writeConstant(out, type, i, Casts.cast(value, from, type));
    }
  }

  /** LIKE / ILIKE with a constant pattern. */
  static final class Like extends Strict {
    private final boolean caseInsensitive;
    private Pattern pattern;
    private String patternText;

    Like(Evaluator value, Evaluator pattern, boolean caseInsensitive) {
      super(List.of(value, pattern), SqlType.BOOLEAN);
      this.caseInsensitive = caseInsensitive;
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      String p = v[1].getString(i);
      if (!p.equals(patternText)) {
        patternText = p;
        pattern = toRegex(p, caseInsensitive);
      }
      Vectors.setBoolean(out, i, pattern.matcher(v[0].getString(i)).matches());
    }

    static Pattern toRegex(String like, boolean caseInsensitive) {
      StringBuilder re = new StringBuilder();
      for (int k = 0; k < like.length(); k++) {
        char c = like.charAt(k);
        if (c == '\\' && k + 1 < like.length()) {
          re.append(Pattern.quote(String.valueOf(like.charAt(++k))));
        } else if (c == '%') {
          re.append(".*");
        } else if (c == '_') {
          re.append('.');
        } else {
          re.append(Pattern.quote(String.valueOf(c)));
        }
      }
      int flags = Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
      return Pattern.compile(re.toString(), flags);
    }
  }

  /** Searched CASE: when1, then1, …, else (values already coerced to the result type). */
  static final class Case implements Evaluator {
    private final List<Evaluator> args;
    private final SqlType type;

    Case(List<Evaluator> args, SqlType type) {
      this.args = args;
      this.type = type;
    }

    @Override
    public SqlType type() {
      return type;
    }

    @Override
    public Value evaluate(VectorSchemaRoot batch, ExecContext context) {
      List<Value> values = evaluateAll(args, batch, context);
      try {
        int n = batch.getRowCount();
        int pairs = (values.size() - 1) / 2;
        Value otherwise = values.get(values.size() - 1);
        FieldVector out = Vectors.allocate("expr", type, n, context.allocator());
        for (int i = 0; i < n; i++) {
          Value chosen = otherwise;
          for (int p = 0; p < pairs; p++) {
            Value cond = values.get(2 * p);
            if (!cond.isNull(i) && cond.getBoolean(i)) {
              chosen = values.get(2 * p + 1);
              break;
            }
          }
          if (chosen.isNull(i)) {
            Vectors.setNull(out, i);
          } else {
            Evaluators.copy(chosen, i, out, i);
          }
        }
        out.setValueCount(n);
        return Value.owned(type, out);
      } finally {
        values.forEach(Value::close);
      }
    }
  }

  /** COALESCE / NVL: the first non-null operand. */
  static final class Coalesce implements Evaluator {
    private final List<Evaluator> args;
    private final SqlType type;

    Coalesce(List<Evaluator> args, SqlType type) {
      this.args = args;
      this.type = type;
    }

    @Override
    public SqlType type() {
      return type;
    }

    @Override
    public Value evaluate(VectorSchemaRoot batch, ExecContext context) {
      List<Value> values = evaluateAll(args, batch, context);
      try {
        int n = batch.getRowCount();
        FieldVector out = Vectors.allocate("expr", type, n, context.allocator());
        for (int i = 0; i < n; i++) {
          Vectors.setNull(out, i);
          for (Value v : values) {
            if (!v.isNull(i)) {
              Evaluators.copy(v, i, out, i);
              break;
            }
          }
        }
        out.setValueCount(n);
        return Value.owned(type, out);
      } finally {
        values.forEach(Value::close);
      }
    }
  }

  /** Calendar arithmetic: date/timestamp plus a number of days or months. */
  static final class DateAdd extends Strict {
    private final boolean months;

    DateAdd(boolean months, Evaluator date, Evaluator amount, SqlType type) {
      super(List.of(date, amount), type);
      this.months = months;
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      long base = v[0].getLong(i);
      long n = v[1].getLong(i);
      boolean isDate = type.kind() == SqlType.Kind.DATE;
      long day = isDate ? base : Math.floorDiv(base, Casts.MICROS_PER_DAY);
      long micros = isDate ? 0 : Math.floorMod(base, Casts.MICROS_PER_DAY);
      long newDay = months ? LocalDate.ofEpochDay(day).plusMonths(n).toEpochDay() : day + n;
      Vectors.setLong(out, i, isDate ? newDay : newDay * Casts.MICROS_PER_DAY + micros);
    }
  }

  /** EXTRACT(YEAR|MONTH|DAY FROM date/timestamp). */
  static final class Extract extends Strict {
    private final String field;
    private final boolean isDate;

    Extract(String field, Evaluator arg) {
      super(List.of(arg), SqlType.BIGINT);
      this.field = field;
      this.isDate = arg.type().kind() == SqlType.Kind.DATE;
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      long raw = v[0].getLong(i);
      LocalDate d = LocalDate.ofEpochDay(isDate ? raw : Math.floorDiv(raw, Casts.MICROS_PER_DAY));
      long r = switch (field) {
        case "year" -> d.getYear();
        case "month" -> d.getMonthValue();
        default -> d.getDayOfMonth();
      };
      Vectors.setLong(out, i, r);
    }
  }

  /** SUBSTRING(s FROM start [FOR length]), 1-based, by code points. */
  static final class Substring extends Strict {
    Substring(List<Evaluator> args, SqlType type) {
      super(args, type);
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      String s = v[0].getString(i);
      int cps = s.codePointCount(0, s.length());
      long start = v[1].getLong(i);
      long end = v.length > 2 ? start + v[2].getLong(i) : Long.MAX_VALUE;
      if (v.length > 2 && v[2].getLong(i) < 0) {
        throw new BlueshiftException(SqlState.INVALID_TEXT_REPRESENTATION, "negative substring length not allowed");
      }
      long from = Math.max(start, 1);
      long to = Math.min(end, cps + 1L);
      String r = from >= to ? "" : s.substring(s.offsetByCodePoints(0, (int) from - 1), s.offsetByCodePoints(0, (int) to - 1));
      Vectors.setString(out, i, r.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** One-argument string functions. */
  static final class StringFunction extends Strict {
    private final String fn;

    StringFunction(String fn, Evaluator arg, SqlType type) {
      super(List.of(arg), type);
      this.fn = fn;
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      String s = v[0].getString(i);
      if (fn.equals("length")) {
        // CHAR's trailing blanks are padding, not characters; VARCHAR counts them (as PostgreSQL)
        String counted = args.get(0).type().kind() == SqlType.Kind.CHAR ? Casts.rtrim(s) : s;
        Vectors.setLong(out, i, counted.codePointCount(0, counted.length()));
        return;
      }
      String r = switch (fn) {
        case "upper" -> s.toUpperCase(Locale.ROOT);
        case "lower" -> s.toLowerCase(Locale.ROOT);
        case "trim" -> s.strip();
        case "ltrim" -> s.stripLeading();
        default -> s.stripTrailing();
      };
      Vectors.setString(out, i, r.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** || and CONCAT. */
  static final class Concat extends Strict {
    Concat(List<Evaluator> args, SqlType type) {
      super(args, type);
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      StringBuilder sb = new StringBuilder();
      for (int a = 0; a < v.length; a++) {
        SqlType t = args.get(a).type();
        sb.append(t.isString() ? v[a].getString(i) : Casts.format(t.isLongLike() ? (Object) v[a].getLong(i)
            : Evaluators.isFloating(t) ? (Object) v[a].getDouble(i) : (Object) v[a].getBoolean(i), t));
      }
      Vectors.setString(out, i, sb.toString().getBytes(StandardCharsets.UTF_8));
    }
  }
}
