package dev.blueshift.worker.exec.expr;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Vectors;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.vector.FieldVector;

/** Date/time functions of Redshift over DATE (epoch days) and TIMESTAMP (epoch microseconds) values. */
final class DateFunctions {
  private DateFunctions() {}

  static final long MICROS_PER_SECOND = 1_000_000L;
  static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
  static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
  static final long MICROS_PER_DAY = Casts.MICROS_PER_DAY;

  /** Date parts by their canonical name. */
  enum Unit {
    MILLENNIUM, CENTURY, DECADE, YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND,
    DOW, DOY, EPOCH, ISODOW
  }

  /** Redshift's names and abbreviations of date parts. */
  static Unit unit(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "millennium", "millennia", "mil", "mils" -> Unit.MILLENNIUM;
      case "century", "centuries", "c", "cent", "cents" -> Unit.CENTURY;
      case "decade", "decades", "dec", "decs" -> Unit.DECADE;
      case "year", "years", "y", "yr", "yrs" -> Unit.YEAR;
      case "quarter", "quarters", "qtr", "qtrs" -> Unit.QUARTER;
      case "month", "months", "mon", "mons" -> Unit.MONTH;
      case "week", "weeks", "w" -> Unit.WEEK;
      case "day", "days", "d" -> Unit.DAY;
      case "hour", "hours", "h", "hr", "hrs" -> Unit.HOUR;
      case "minute", "minutes", "m", "min", "mins" -> Unit.MINUTE;
      case "second", "seconds", "s", "sec", "secs" -> Unit.SECOND;
      case "millisecond", "milliseconds", "ms", "msec", "msecs", "msecond", "mseconds", "millisec", "millisecs",
          "millisecon" -> Unit.MILLISECOND;
      case "microsecond", "microseconds", "microsec", "microsecs", "microsecond_", "usec", "usecs", "us",
          "useconds" -> Unit.MICROSECOND;
      case "dow", "dayofweek", "weekday" -> Unit.DOW;
      case "isodow" -> Unit.ISODOW;
      case "doy", "dayofyear", "yearday" -> Unit.DOY;
      case "epoch" -> Unit.EPOCH;
      default -> throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE, "unit \"" + name + "\" not recognized");
    };
  }

  /** A DATE or TIMESTAMP value as epoch microseconds. */
  static long micros(SqlType type, long raw) {
    return type.kind() == SqlType.Kind.DATE ? raw * MICROS_PER_DAY : raw;
  }

  static LocalDateTime dateTime(long micros) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
        (int) Math.floorMod(micros, MICROS_PER_SECOND) * 1000, ZoneOffset.UTC);
  }

  static long toMicros(LocalDateTime t) {
    return t.toEpochSecond(ZoneOffset.UTC) * MICROS_PER_SECOND + t.getNano() / 1000;
  }

  /** Writes epoch microseconds into a DATE or TIMESTAMP result. */
  static long asResult(SqlType type, long micros) {
    return type.kind() == SqlType.Kind.DATE ? Math.floorDiv(micros, MICROS_PER_DAY) : micros;
  }

  /** The unit of a constant unit argument, resolved once per batch. */
  private static Unit constantUnit(Value v, int i, Unit cached, String[] cachedName) {
    String name = v.getString(i);
    if (cached != null && name.equals(cachedName[0])) {
      return cached;
    }
    cachedName[0] = name;
    return unit(name);
  }

  /** DATE_TRUNC('unit', date or timestamp): the start of the unit containing the value. */
  static final class DateTrunc extends Functions.Strict {
    private final SqlType in;
    private Unit unit;
    private final String[] unitName = new String[1];

    DateTrunc(List<Evaluator> args, SqlType type) {
      super(args, type);
      this.in = args.get(1).type();
    }

    @Override
    Value computeBatch(Value[] v, int n, ExecContext context) {
      if (!v[0].isConstant()) {
        return null;
      }
      Unit u = unit((String) v[0].constant());
      long step = switch (u) {
        case DAY -> MICROS_PER_DAY;
        case HOUR -> MICROS_PER_HOUR;
        case MINUTE -> MICROS_PER_MINUTE;
        case SECOND -> MICROS_PER_SECOND;
        case MILLISECOND -> 1000;
        case MICROSECOND -> 1;
        default -> 0;
      };
      if (step == 0) {
        return null;
      }
      long[] x = Kernels.longs(v[1], n);
      long mul = in.kind() == SqlType.Kind.DATE ? MICROS_PER_DAY : 1;
      boolean toDate = type.kind() == SqlType.Kind.DATE;
      for (int i = 0; i < n; i++) {
        long t = x[i] * mul;
        t -= Math.floorMod(t, step);
        x[i] = toDate ? Math.floorDiv(t, MICROS_PER_DAY) : t;
      }
      return Kernels.longValue(type, x, Kernels.validityOfAll(v, n), n, context.allocator());
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      unit = constantUnit(v[0], i, unit, unitName);
      Vectors.setLong(out, i, asResult(type, truncate(unit, micros(in, v[1].getLong(i)))));
    }
  }

  /** The start (epoch microseconds) of the unit containing {@code micros}; weeks start on Monday. */
  static long truncate(Unit unit, long micros) {
    long step = switch (unit) {
      case DAY -> MICROS_PER_DAY;
      case HOUR -> MICROS_PER_HOUR;
      case MINUTE -> MICROS_PER_MINUTE;
      case SECOND -> MICROS_PER_SECOND;
      case MILLISECOND -> 1000;
      case MICROSECOND -> 1;
      default -> 0;
    };
    if (step != 0) {
      return micros - Math.floorMod(micros, step);
    }
    LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(micros, MICROS_PER_DAY));
    LocalDate r = switch (unit) {
      case WEEK -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> d.withDayOfMonth(1);
      case QUARTER -> LocalDate.of(d.getYear(), (d.getMonthValue() - 1) / 3 * 3 + 1, 1);
      case YEAR -> d.withDayOfYear(1);
      case DECADE -> LocalDate.of(Math.floorDiv(d.getYear(), 10) * 10, 1, 1);
      case CENTURY -> LocalDate.of(d.getYear() > 0 ? (d.getYear() - 1) / 100 * 100 + 1 : d.getYear(), 1, 1);
      case MILLENNIUM -> LocalDate.of(d.getYear() > 0 ? (d.getYear() - 1) / 1000 * 1000 + 1 : d.getYear(), 1, 1);
      default -> throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE,
          "unit " + unit.name().toLowerCase(Locale.ROOT) + " not supported by date_trunc");
    };
    return r.toEpochDay() * MICROS_PER_DAY;
  }

  /** DATE_PART('field', value) and EXTRACT(field FROM value). */
  static final class DatePart extends Functions.Strict {
    private final SqlType in;
    private Unit unit;
    private final String[] unitName = new String[1];

    DatePart(List<Evaluator> args, SqlType type) {
      super(args, type);
      this.in = args.get(1).type();
    }

    @Override
    Value computeBatch(Value[] v, int n, ExecContext context) {
      if (!v[0].isConstant() || Evaluators.isFloating(type)) {
        return null;
      }
      Unit u = unit((String) v[0].constant());
      if (u != Unit.YEAR && u != Unit.MONTH && u != Unit.DAY && u != Unit.HOUR && u != Unit.MINUTE) {
        return null;
      }
      long[] x = Kernels.longs(v[1], n);
      boolean date = in.kind() == SqlType.Kind.DATE;
      for (int i = 0; i < n; i++) {
        long m = date ? x[i] * MICROS_PER_DAY : x[i];
        x[i] = switch (u) {
          case HOUR -> Math.floorMod(m, MICROS_PER_DAY) / MICROS_PER_HOUR;
          case MINUTE -> Math.floorMod(m, MICROS_PER_HOUR) / MICROS_PER_MINUTE;
          default -> {
            LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(m, MICROS_PER_DAY));
            yield u == Unit.YEAR ? d.getYear() : u == Unit.MONTH ? d.getMonthValue() : d.getDayOfMonth();
          }
        };
      }
      return Kernels.longValue(type, x, Kernels.validityOfAll(v, n), n, context.allocator());
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      unit = constantUnit(v[0], i, unit, unitName);
      double r = part(unit, micros(in, v[1].getLong(i)));
      if (Evaluators.isFloating(type)) {
        Vectors.setDouble(out, i, r);
      } else {
        Vectors.setLong(out, i, Decimals.rescale((long) Math.floor(r), 0, Evaluators.scale(type)));
      }
    }
  }

  /** A date part of epoch microseconds (seconds with their fraction; epoch in seconds). */
  static double part(Unit unit, long micros) {
    LocalDateTime t = dateTime(micros);
    long inMinute = Math.floorMod(micros, MICROS_PER_MINUTE);
    return switch (unit) {
      case MILLENNIUM -> t.getYear() > 0 ? (t.getYear() + 999) / 1000 : -((999 - t.getYear()) / 1000);
      case CENTURY -> t.getYear() > 0 ? (t.getYear() + 99) / 100 : -((99 - t.getYear()) / 100);
      case DECADE -> Math.floorDiv(t.getYear(), 10);
      case YEAR -> t.getYear();
      case QUARTER -> (t.getMonthValue() + 2) / 3;
      case MONTH -> t.getMonthValue();
      case WEEK -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case DAY -> t.getDayOfMonth();
      case HOUR -> t.getHour();
      case MINUTE -> t.getMinute();
      case SECOND -> inMinute / 1e6;
      case MILLISECOND -> inMinute / 1e3;
      case MICROSECOND -> inMinute;
      case DOW -> t.getDayOfWeek().getValue() % 7;
      case ISODOW -> t.getDayOfWeek().getValue();
      case DOY -> t.getDayOfYear();
      case EPOCH -> micros / 1e6;
    };
  }

  /** DATEADD('unit', n, value): calendar units move the date (clamping the day), others add time. */
  static final class DateAddUnit extends Functions.Strict {
    private final SqlType in;
    private Unit unit;
    private final String[] unitName = new String[1];

    DateAddUnit(List<Evaluator> args, SqlType type) {
      super(args, type);
      this.in = args.get(2).type();
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      unit = constantUnit(v[0], i, unit, unitName);
      Vectors.setLong(out, i, asResult(type, add(unit, v[1].getLong(i), micros(in, v[2].getLong(i)))));
    }
  }

  static long add(Unit unit, long n, long micros) {
    LocalDateTime t = dateTime(micros);
    try {
      return switch (unit) {
        case MILLENNIUM -> toMicros(t.plusYears(Math.multiplyExact(n, 1000)));
        case CENTURY -> toMicros(t.plusYears(Math.multiplyExact(n, 100)));
        case DECADE -> toMicros(t.plusYears(Math.multiplyExact(n, 10)));
        case YEAR -> toMicros(t.plusYears(n));
        case QUARTER -> toMicros(t.plusMonths(Math.multiplyExact(n, 3)));
        case MONTH -> toMicros(t.plusMonths(n));
        case WEEK -> Math.addExact(micros, Math.multiplyExact(n, 7 * MICROS_PER_DAY));
        case DAY -> Math.addExact(micros, Math.multiplyExact(n, MICROS_PER_DAY));
        case HOUR -> Math.addExact(micros, Math.multiplyExact(n, MICROS_PER_HOUR));
        case MINUTE -> Math.addExact(micros, Math.multiplyExact(n, MICROS_PER_MINUTE));
        case SECOND -> Math.addExact(micros, Math.multiplyExact(n, MICROS_PER_SECOND));
        case MILLISECOND -> Math.addExact(micros, Math.multiplyExact(n, 1000));
        case MICROSECOND -> Math.addExact(micros, n);
        default -> throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE,
            "unit " + unit.name().toLowerCase(Locale.ROOT) + " not supported by dateadd");
      };
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw new BlueshiftException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "date/time value out of range");
    }
  }

  /** DATEDIFF('unit', a, b): the number of unit boundaries crossed from a to b (weeks start on Monday). */
  static final class DateDiff extends Functions.Strict {
    private final SqlType ta;
    private final SqlType tb;
    private Unit unit;
    private final String[] unitName = new String[1];

    DateDiff(List<Evaluator> args, SqlType type) {
      super(args, type);
      this.ta = args.get(1).type();
      this.tb = args.get(2).type();
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      unit = constantUnit(v[0], i, unit, unitName);
      long r = diff(unit, micros(ta, v[1].getLong(i)), micros(tb, v[2].getLong(i)));
      Evaluators.writeConstant(out, type, i, r);
    }
  }

  static long diff(Unit unit, long a, long b) {
    LocalDateTime x = dateTime(a);
    LocalDateTime y = dateTime(b);
    return switch (unit) {
      case MILLENNIUM, CENTURY, DECADE, YEAR -> {
        long years = (long) y.getYear() - x.getYear();
        yield switch (unit) {
          case YEAR -> years;
          default -> (long) part(unit, b) - (long) part(unit, a);
        };
      }
      case QUARTER -> (y.getYear() * 4L + (y.getMonthValue() - 1) / 3) - (x.getYear() * 4L + (x.getMonthValue() - 1) / 3);
      case MONTH -> (y.getYear() * 12L + y.getMonthValue()) - (x.getYear() * 12L + x.getMonthValue());
      case WEEK -> Math.floorDiv(truncate(Unit.WEEK, b) - truncate(Unit.WEEK, a), 7 * MICROS_PER_DAY);
      case DAY -> Math.floorDiv(b, MICROS_PER_DAY) - Math.floorDiv(a, MICROS_PER_DAY);
      case HOUR -> Math.floorDiv(b, MICROS_PER_HOUR) - Math.floorDiv(a, MICROS_PER_HOUR);
      case MINUTE -> Math.floorDiv(b, MICROS_PER_MINUTE) - Math.floorDiv(a, MICROS_PER_MINUTE);
      case SECOND -> Math.floorDiv(b, MICROS_PER_SECOND) - Math.floorDiv(a, MICROS_PER_SECOND);
      case MILLISECOND -> Math.floorDiv(b, 1000) - Math.floorDiv(a, 1000);
      case MICROSECOND -> b - a;
      default -> throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE,
          "unit " + unit.name().toLowerCase(Locale.ROOT) + " not supported by datediff");
    };
  }

  /**
   * The remaining one-value date functions: ADD_MONTHS (the last day of a month stays the last day),
   * LAST_DAY, MONTHS_BETWEEN, adding microseconds (sub-day intervals), DATE - DATE.
   */
  static final class DateCall extends Functions.Strict {
    private final String fn;

    DateCall(String fn, List<Evaluator> args, SqlType type) {
      super(args, type);
      this.fn = fn;
    }

    private long micros(Value[] v, int a, int i) {
      return DateFunctions.micros(args.get(a).type(), v[a].getLong(i));
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      switch (fn) {
        case "add_months_eom" -> {
          long m = micros(v, 0, i);
          LocalDateTime t = dateTime(m);
          LocalDate d = t.toLocalDate();
          LocalDate r = d.plusMonths(v[1].getLong(i));
          if (d.getDayOfMonth() == d.lengthOfMonth()) {
            r = r.withDayOfMonth(r.lengthOfMonth());
          }
          Vectors.setLong(out, i, asResult(type, toMicros(r.atTime(t.toLocalTime()))));
        }
        case "last_day" -> {
          LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(micros(v, 0, i), MICROS_PER_DAY));
          Vectors.setLong(out, i, asResult(type, d.withDayOfMonth(d.lengthOfMonth()).toEpochDay() * MICROS_PER_DAY));
        }
        case "months_between" -> {
          LocalDate a = LocalDate.ofEpochDay(Math.floorDiv(micros(v, 0, i), MICROS_PER_DAY));
          LocalDate b = LocalDate.ofEpochDay(Math.floorDiv(micros(v, 1, i), MICROS_PER_DAY));
          double months = (a.getYear() - b.getYear()) * 12 + a.getMonthValue() - b.getMonthValue();
          boolean bothLast = a.getDayOfMonth() == a.lengthOfMonth() && b.getDayOfMonth() == b.lengthOfMonth();
          if (a.getDayOfMonth() != b.getDayOfMonth() && !bothLast) {
            months += (a.getDayOfMonth() - b.getDayOfMonth()) / 31.0;
          }
          Evaluators.writeConstant(out, type, i, Evaluators.isFloating(type) ? (Object) months
              : Casts.cast(months, SqlType.DOUBLE, type));
        }
        case "add_micros" -> {
          Vectors.setLong(out, i, asResult(type, Decimals.add(micros(v, 0, i), v[1].getLong(i))));
        }
        default -> { // date_diff_days: DATE - DATE
          Vectors.setLong(out, i, Math.floorDiv(micros(v, 0, i), MICROS_PER_DAY) - Math.floorDiv(micros(v, 1, i), MICROS_PER_DAY));
        }
      }
    }
  }

  /** TO_CHAR(date/timestamp or number, format), TO_DATE, TO_TIMESTAMP, TO_NUMBER(text, format). */
  static final class Formatting extends Functions.Strict {
    private final String fn;
    private final SqlType in;

    Formatting(String fn, List<Evaluator> args, SqlType type) {
      super(args, type);
      this.fn = fn;
      this.in = args.get(0).type();
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      String format = v[1].getString(i);
      switch (fn) {
        case "to_char" -> {
          String s;
          if (Evaluators.isDateTime(in)) {
            s = DateFormat.format(dateTime(micros(in, v[0].getLong(i))), format);
          } else if (in.isString()) {
            s = v[0].getString(i);
          } else {
            BigDecimal d = Evaluators.isFloating(in) ? BigDecimal.valueOf(v[0].getDouble(i))
                : BigDecimal.valueOf(v[0].getLong(i), Evaluators.scale(in));
            s = NumberFormat.format(d, format);
          }
          Vectors.setString(out, i, s.getBytes(StandardCharsets.UTF_8));
        }
        case "to_date", "to_timestamp" -> {
          LocalDateTime t = DateFormat.parse(v[0].getString(i), format);
          Vectors.setLong(out, i, asResult(type, toMicros(t)));
        }
        default -> { // to_number
          BigDecimal d = NumberFormat.parse(v[0].getString(i), format);
          if (Evaluators.isFloating(type)) {
            Vectors.setDouble(out, i, d.doubleValue());
          } else {
            long r;
            try {
              r = d.setScale(Evaluators.scale(type), RoundingMode.HALF_UP).unscaledValue().longValueExact();
            } catch (ArithmeticException e) {
              throw Decimals.overflow();
            }
            Casts.checkRange(r, type);
            Vectors.setLong(out, i, r);
          }
        }
      }
    }
  }

  static String monthName(LocalDateTime t, TextStyle style) {
    return t.getMonth().getDisplayName(style, Locale.ENGLISH);
  }

  static String dayName(LocalDateTime t, TextStyle style) {
    return t.getDayOfWeek().getDisplayName(style, Locale.ENGLISH);
  }

  static long daysBetween(LocalDate a, LocalDate b) {
    return ChronoUnit.DAYS.between(a, b);
  }
}
