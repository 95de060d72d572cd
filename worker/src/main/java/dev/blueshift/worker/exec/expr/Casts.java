package dev.blueshift.worker.exec.expr;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.types.SqlType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Conversions between SQL types, one value at a time, with Redshift-style errors. */
public final class Casts {
  static final long MICROS_PER_DAY = 86_400_000_000L;

  private Casts() {}

  /** Converts an execution value of type {@code from} to an execution value of type {@code to}. */
  public static Object cast(Object value, SqlType from, SqlType to) {
    if (value == null) {
      return null;
    }
    if (to.isString()) {
      String s = from.isString() ? (String) value : format(value, from);
      if (to.kind() == SqlType.Kind.CHAR) {
        s = rtrim(s);
      }
      return s.codePointCount(0, s.length()) > to.length() ? truncate(s, to.length()) : s;
    }
    if (from.isString()) {
      return parse((String) value, to);
    }
    return switch (to.kind()) {
      case BOOLEAN -> {
        if (from.kind() == SqlType.Kind.BOOLEAN) {
          yield value;
        }
        yield ((Number) value).doubleValue() != 0;
      }
      case REAL, DOUBLE -> {
        if (value instanceof Boolean b) {
          yield b ? 1.0 : 0.0;
        }
        if (Evaluators.isFloating(from)) {
          yield ((Number) value).doubleValue();
        }
        long l = ((Number) value).longValue();
        int s = Evaluators.scale(from);
        yield s == 0 ? (double) l : l / (double) Decimals.pow10(s);
      }
      case DATE -> switch (from.kind()) {
        case DATE -> value;
        case TIMESTAMP, TIMESTAMPTZ -> Math.floorDiv((Long) value, MICROS_PER_DAY);
        default -> throw cannotCast(from, to);
      };
      case TIMESTAMP, TIMESTAMPTZ -> switch (from.kind()) {
        case DATE -> (Long) value * MICROS_PER_DAY;
        case TIMESTAMP, TIMESTAMPTZ -> value;
        default -> throw cannotCast(from, to);
      };
      default -> toExact(value, from, to);
    };
  }

  private static Object toExact(Object value, SqlType from, SqlType to) {
    if (Evaluators.isDateTime(from)) {
      throw cannotCast(from, to);
    }
    int toScale = Evaluators.scale(to);
    long result;
    if (value instanceof Boolean b) {
      result = Decimals.rescale(b ? 1 : 0, 0, toScale);
    } else if (Evaluators.isFloating(from)) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw Decimals.overflow();
      }
      BigDecimal bd = BigDecimal.valueOf(d).setScale(toScale, RoundingMode.HALF_UP);
      try {
        result = bd.unscaledValue().longValueExact();
      } catch (ArithmeticException e) {
        throw Decimals.overflow();
      }
    } else {
      result = Decimals.rescale(((Number) value).longValue(), Evaluators.scale(from), toScale);
    }
    checkRange(result, to);
    return result;
  }

  /** Throws 22003 when a long-like value does not fit the target type. */
  public static void checkRange(long v, SqlType to) {
    boolean ok = switch (to.kind()) {
      case SMALLINT -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
      case INTEGER -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
      case DECIMAL -> Decimals.fitsPrecision(v, to.precision());
      default -> true;
    };
    if (!ok) {
      throw new BlueshiftException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
          "value out of range for type " + to.redshiftName());
    }
  }

  /** Parses text into an execution value of the type; bad text is a 22P02/22007 error. */
  public static Object parse(String text, SqlType to) {
    String t = text.trim();
    try {
      return switch (to.kind()) {
        case SMALLINT, INTEGER, BIGINT -> {
          long v = Long.parseLong(t);
          checkRange(v, to);
          yield v;
        }
        case DECIMAL -> {
          BigDecimal bd = new BigDecimal(t).setScale(to.scale(), RoundingMode.HALF_UP);
          long v;
          try {
            v = bd.unscaledValue().longValueExact();
          } catch (ArithmeticException e) {
            throw Decimals.overflow();
          }
          checkRange(v, to);
          yield v;
        }
        case REAL, DOUBLE -> Double.parseDouble(t);
        case BOOLEAN -> switch (t.toLowerCase(Locale.ROOT)) {
          case "t", "true", "1", "y", "yes", "on" -> true;
          case "f", "false", "0", "n", "no", "off" -> false;
          default -> throw invalid(text, to);
        };
        case DATE -> LocalDate.parse(t).toEpochDay();
        case TIMESTAMP, TIMESTAMPTZ -> parseTimestamp(t);
        case CHAR, VARCHAR -> text;
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw invalid(text, to);
    }
  }

  private static long parseTimestamp(String t) {
    String iso = t.replace(' ', 'T');
    LocalDateTime ldt = iso.length() == 10 ? LocalDate.parse(iso).atStartOfDay() : LocalDateTime.parse(iso);
    return ldt.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + ldt.getNano() / 1000;
  }

  /** Text form of an execution value, as PostgreSQL would print it. */
  public static String format(Object value, SqlType type) {
    return switch (type.kind()) {
      case DECIMAL -> BigDecimal.valueOf((Long) value, type.scale()).toPlainString();
      case DATE -> LocalDate.ofEpochDay((Long) value).toString();
      case TIMESTAMP, TIMESTAMPTZ -> {
        long micros = (Long) value;
        LocalDateTime ldt = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
            (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
        String s = ldt.toLocalDate() + " " + ldt.toLocalTime();
        yield ldt.getSecond() == 0 && ldt.getNano() == 0 ? s + ":00" : s;
      }
      default -> String.valueOf(value);
    };
  }

  static String rtrim(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }

  private static String truncate(String s, int codePoints) {
    return s.substring(0, s.offsetByCodePoints(0, codePoints));
  }

  public static BlueshiftException invalid(String text, SqlType to) {
    SqlState state = Evaluators.isDateTime(to) ? SqlState.INVALID_DATETIME_FORMAT : SqlState.INVALID_TEXT_REPRESENTATION;
    return new BlueshiftException(state, "invalid input syntax for type " + to.redshiftName() + ": \"" + text + "\"");
  }

  private static BlueshiftException cannotCast(SqlType from, SqlType to) {
    return new BlueshiftException(SqlState.DATATYPE_MISMATCH,
        "cannot cast type " + from.redshiftName() + " to " + to.redshiftName());
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
