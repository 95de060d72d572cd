package dev.blueshift.coordinator.jdbc;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Binds prepared-statement parameters by substituting SQL literals for the {@code ?} placeholders
 * (outside quotes and comments). Interim: the engine has no parameter binding yet.
 */
final class ParameterBinder {
  private ParameterBinder() {}

  /** Offsets of the {@code ?} placeholders in {@code sql}. */
  static List<Integer> placeholders(String sql) {
    List<Integer> out = new ArrayList<>();
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        i = skipQuoted(sql, i, c);
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        if (c == '?') {
          out.add(i);
        }
        i++;
      }
    }
    return out;
  }

  private static int skipQuoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return i;
  }

  /** {@code sql} with each placeholder replaced by the literal of its value. */
  static String bind(String sql, List<TypedValue> values) {
    List<Integer> at = placeholders(sql);
    int given = values == null ? 0 : values.size();
    if (at.size() != given) {
      throw new BlueshiftException(SqlState.SYNTAX_ERROR,
          "statement has " + at.size() + " parameters but " + given + " values were bound");
    }
    StringBuilder sb = new StringBuilder(sql.length() + 16 * given);
    int from = 0;
    for (int k = 0; k < at.size(); k++) {
      sb.append(sql, from, at.get(k)).append(literal(values.get(k)));
      from = at.get(k) + 1;
    }
    return sb.append(sql, from, sql.length()).toString();
  }

  static String literal(TypedValue value) {
    if (value == null || value.value == null) {
      return "NULL";
    }
    Object v = value.toJdbc(Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT));
    if (v instanceof String s) {
      return quote(s);
    } else if (v instanceof Boolean b) {
      return b ? "TRUE" : "FALSE";
    } else if (v instanceof BigDecimal d) {
      return d.toPlainString();
    } else if (v instanceof Float || v instanceof Double) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return quote(Double.toString(d)) + "::float8";
      }
      return v.toString();
    } else if (v instanceof Number) {
      return v.toString();
    } else if (v instanceof java.sql.Date d) {
      return "DATE " + quote(LocalDate.ofEpochDay(Math.floorDiv(d.getTime(), 86_400_000L)).toString());
    } else if (v instanceof Timestamp t) {
      LocalDateTime ldt = LocalDateTime.ofInstant(Instant.ofEpochMilli(t.getTime()), ZoneOffset.UTC);
      return "TIMESTAMP " + quote(ldt.toString().replace('T', ' '));
    } else if (v instanceof Character ch) {
      return quote(ch.toString());
    }
    throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED,
        "parameters of type " + value.type + " are not supported");
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
