package dev.blueshift.coordinator.dml;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.types.SqlType;
import dev.blueshift.types.SqlType.Kind;
import dev.blueshift.worker.exec.Vectors;
import dev.blueshift.worker.exec.expr.Casts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Redshift's assignment rules for a value stored into a column (INSERT, UPDATE, defaults): numbers
 * must fit the column's type (22003), strings its length in bytes (22001; CHAR ignores trailing
 * blanks), text must parse (22P02), and a value of an unrelated type is refused (42804). Input
 * values are literals or query results in their JDBC-facing Java form; outputs are execution values
 * (Long, Double, String, Boolean). Every error names the column and the value.
 */
public final class AssignmentCast {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private AssignmentCast() {}

  /** Refuses, before any row is read, a source type that can never be stored in the column. */
  public static void check(SqlType from, SqlType to, String column) {
    if (!assignable(from.kind(), to)) {
      throw mismatch(from.redshiftName(), to, column);
    }
  }

  private static boolean assignable(Kind from, SqlType to) {
    if (to.isString() || from == Kind.CHAR || from == Kind.VARCHAR) {
      return true;
    }
    return switch (to.kind()) {
      case SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE -> isNumeric(from);
      case BOOLEAN -> from == Kind.BOOLEAN;
      case DATE, TIMESTAMP, TIMESTAMPTZ -> from == Kind.DATE || from == Kind.TIMESTAMP || from == Kind.TIMESTAMPTZ;
      default -> false;
    };
  }

  private static boolean isNumeric(Kind k) {
    return switch (k) {
      case SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE -> true;
      default -> false;
    };
  }

  /** Converts a Java value to the execution value of the column's type, or fails naming both. */
  public static Object convert(Object value, SqlType to, String column) {
    if (value == null) {
      return null;
    }
    try {
      if (value instanceof String s) {
        return to.isString() ? fitString(s, to, column) : Casts.parse(s, to);
      }
      if (to.isString()) {
        return fitString(text(value), to, column);
      }
      if (value instanceof BigDecimal d) {
        return fromDecimal(d, to, column);
      }
      if (value instanceof Short || value instanceof Integer || value instanceof Long) {
        return fromDecimal(BigDecimal.valueOf(((Number) value).longValue()), to, column);
      }
      if (value instanceof Float || value instanceof Double) {
        double d = ((Number) value).doubleValue();
        if (to.kind() == Kind.REAL || to.kind() == Kind.DOUBLE) {
          return d;
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw outOfRange(value, to, column);
        }
        return fromDecimal(BigDecimal.valueOf(d), to, column);
      }
      if (value instanceof Boolean b) {
        if (to.kind() == Kind.BOOLEAN) {
          return b;
        }
        throw mismatch("boolean", to, column);
      }
      if (value instanceof LocalDate d) {
        return fromMicros(d.toEpochDay() * MICROS_PER_DAY, "date", to, column);
      }
      if (value instanceof LocalDateTime t) {
        return fromMicros(t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000, "timestamp", to, column);
      }
      if (value instanceof OffsetDateTime t) {
        return fromMicros(Vectors.micros(t), "timestamptz", to, column);
      }
    } catch (BlueshiftException e) {
      if (e.getMessage().startsWith("column \"")) {
        throw e;
      }
      throw new BlueshiftException(e.state(), "column \"" + column + "\": " + e.getMessage(), e);
    }
    throw mismatch(value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT), to, column);
  }

  private static Object fromDecimal(BigDecimal d, SqlType to, String column) {
    switch (to.kind()) {
      case REAL, DOUBLE -> {
        return d.doubleValue();
      }
      case SMALLINT, INTEGER, BIGINT, DECIMAL -> {
        int scale = to.kind() == Kind.DECIMAL ? to.scale() : 0;
        long unscaled;
        try {
          unscaled = d.setScale(scale, RoundingMode.HALF_UP).unscaledValue().longValueExact();
          Casts.checkRange(unscaled, to);
        } catch (ArithmeticException | BlueshiftException e) {
          throw outOfRange(d.toPlainString(), to, column);
        }
        return unscaled;
      }
      default -> throw mismatch("numeric", to, column);
    }
  }

  private static Object fromMicros(long micros, String fromName, SqlType to, String column) {
    return switch (to.kind()) {
      case DATE -> Math.floorDiv(micros, MICROS_PER_DAY);
      case TIMESTAMP, TIMESTAMPTZ -> micros;
      default -> throw mismatch(fromName, to, column);
    };
  }

  private static String fitString(String s, SqlType to, String column) {
    String v = to.kind() == Kind.CHAR ? s.stripTrailing() : s;
    if (v.getBytes(StandardCharsets.UTF_8).length > to.length()) {
      throw new BlueshiftException(SqlState.STRING_DATA_RIGHT_TRUNCATION, "column \"" + column
          + "\": value too long for type " + to.redshiftName() + ": \"" + s + "\"");
    }
    return v;
  }

  private static String text(Object value) {
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof LocalDateTime t) {
      return Casts.format(t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000, SqlType.TIMESTAMP);
    }
    return String.valueOf(value);
  }

  private static BlueshiftException outOfRange(Object value, SqlType to, String column) {
    return new BlueshiftException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "column \"" + column + "\": value " + value
        + " is out of range for type " + to.redshiftName());
  }

  private static BlueshiftException mismatch(String from, SqlType to, String column) {
    return new BlueshiftException(SqlState.DATATYPE_MISMATCH, "column \"" + column + "\" is of type "
        + to.redshiftName() + " but expression is of type " + from);
  }
}
