package dev.blueshift.shell;

import java.math.BigDecimal;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the shell shows JDBC values: as psql shows Redshift's (t/f, plain decimals, ISO dates). */
public final class ValueText {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private ValueText() {}

  /** The printers' view of a result's columns. */
  public static List<TableColumn> columns(ResultSetMetaData md) throws SQLException {
    List<TableColumn> out = new ArrayList<>(md.getColumnCount());
    for (int i = 1; i <= md.getColumnCount(); i++) {
      out.add(new TableColumn(md.getColumnLabel(i), kind(md.getColumnType(i))));
    }
    return out;
  }

  static TableColumn.Kind kind(int jdbcType) {
    return switch (jdbcType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT,
          Types.DOUBLE, Types.DECIMAL, Types.NUMERIC -> TableColumn.Kind.NUMBER;
      case Types.BOOLEAN, Types.BIT -> TableColumn.Kind.BOOLEAN;
      default -> TableColumn.Kind.TEXT;
    };
  }

  /**
   * The text of a value; null for SQL NULL. {@code typeName} (the column's database type name)
   * marks {@code timestamp with time zone} values, which are shown in UTC with {@code +00}.
   */
  public static String of(Object value, String typeName) {
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean b) {
      return b ? "t" : "f";
    } else if (value instanceof BigDecimal d) {
      return d.toPlainString();
    } else if (value instanceof Double || value instanceof Float) {
      return floating(((Number) value).doubleValue(), value instanceof Float);
    } else if (value instanceof Timestamp t) {
      String text = timestamp(t.toLocalDateTime());
      return typeName != null && typeName.toLowerCase(Locale.ROOT).contains("with time zone")
          ? text + "+00" : text;
    } else if (value instanceof LocalDateTime t) {
      return timestamp(t);
    }
    return value.toString();
  }

  /** {@code 2024-02-29 13:45:30.123}: fractional seconds only when present, without trailing zeros. */
  static String timestamp(LocalDateTime t) {
    String text = SECONDS.format(t);
    int nanos = t.getNano();
    if (nanos == 0) {
      return text;
    }
    String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
    return text + "." + fraction;
  }

  /** psql's shortest round-trip text: 2.5, 1e+20, NaN, Infinity. */
  static String floating(double d, boolean single) {
    if (Double.isNaN(d)) {
      return "NaN";
    } else if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    String s = single ? Float.toString((float) d) : Double.toString(d);
    int e = s.indexOf('E');
    if (e < 0) {
      return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
    String mantissa = s.substring(0, e);
    int exponent = Integer.parseInt(s.substring(e + 1));
    if (exponent >= -4 && exponent < 15) {
      return new BigDecimal(s).toPlainString();
    }
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
  }
}
