package dev.blueshift.sqltests.slt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Turns one JDBC result value into the text the expected lines use (README, "Rendering values"). */
final class ValueRenderer {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private ValueRenderer() {}

  static String render(Object value, char typeLetter, Dialect dialect) {
    if (value == null) {
      return "NULL";
    }
    if (dialect == Dialect.DUCKDB) {
      return emptyMarked(text(value, dialect));
    }
    return switch (typeLetter) {
      case 'I' -> integer(value);
      case 'R' -> real(value);
      default -> printableAscii(emptyMarked(text(value, dialect)));
    };
  }

  /** As the C runner does: reals and decimals truncated toward zero, booleans 1/0. */
  private static String integer(Object value) {
    if (value instanceof Boolean b) {
      return b ? "1" : "0";
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? new BigDecimal(d).toBigInteger().toString() : text(value, Dialect.SQLITE);
    }
    BigDecimal number = number(value);
    return number == null ? printableAscii(emptyMarked(text(value, Dialect.SQLITE)))
        : number.toBigInteger().toString();
  }

  /** {@code printf("%.3f")}. */
  private static String real(Object value) {
    if (value instanceof Boolean b) {
      return b ? "1.000" : "0.000";
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? new BigDecimal(d).setScale(3, RoundingMode.HALF_EVEN).toPlainString()
          : text(value, Dialect.SQLITE);
    }
    BigDecimal number = number(value);
    return number == null ? printableAscii(emptyMarked(text(value, Dialect.SQLITE)))
        : number.setScale(3, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static BigDecimal number(Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    try {
      return new BigDecimal(value.toString().strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The value as PostgreSQL would print it (DuckDB's booleans and SQLite's 1/0 aside). */
  static String text(Object value, Dialect dialect) {
    if (value instanceof Boolean b) {
      return dialect == Dialect.DUCKDB ? b.toString() : (b ? "1" : "0");
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Double || value instanceof Float) {
      return floating(((Number) value).doubleValue());
    }
    if (value instanceof Timestamp t) {
      return timestamp(t.toLocalDateTime());
    }
    if (value instanceof Time t) {
      return t.toString();
    }
    if (value instanceof LocalDateTime t) {
      return timestamp(t);
    }
    if (value instanceof LocalTime t) {
      return t.toString();
    }
    return value.toString();
  }

  private static String floating(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    double magnitude = Math.abs(d);
    if (magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e15)) {
      return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }
    return Double.toString(d);
  }

  /** {@code YYYY-MM-DD HH:MM:SS[.fff]} with trailing fraction zeros dropped, as PostgreSQL prints. */
  private static String timestamp(LocalDateTime t) {
    String seconds = t.format(SECONDS);
    if (t.getNano() == 0) {
      return seconds;
    }
    String fraction = String.format("%09d", t.getNano()).replaceAll("0+$", "");
    return seconds + "." + fraction;
  }

  private static String emptyMarked(String text) {
    return text.isEmpty() ? "(empty)" : text;
  }

  /** Every byte below 0x20 or above 0x7E becomes {@code @}, as in SQLite's runner. */
  private static String printableAscii(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      out.append(b >= 0x20 && b <= 0x7E ? (char) b : '@');
    }
    return out.toString();
  }
}
