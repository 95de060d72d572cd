package dev.blueshift.sqltests.differential;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rows of one engine, normalized for comparison with the other: integers and decimals as
 * {@link BigDecimal} (so scale and integer width do not matter), REAL/DOUBLE as {@code Double}
 * compared with a relative tolerance, text right-trimmed (CHAR padding), dates and timestamps as
 * ISO text, NULL as {@code null}.
 */
record QueryResult(int columns, List<List<Object>> rows) {
  private static final double TOLERANCE = 1e-9;
  private static final MathContext KEY_PRECISION = new MathContext(12);

  static QueryResult of(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>(n);
      for (int c = 1; c <= n; c++) {
        row.add(normalize(rs.getObject(c)));
      }
      rows.add(row);
    }
    return new QueryResult(n, rows);
  }

  static Object normalize(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof Double || o instanceof Float) {
      return ((Number) o).doubleValue();
    }
    if (o instanceof BigDecimal d) {
      return d;
    }
    if (o instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (o instanceof Number n) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (o instanceof Boolean) {
      return o;
    }
    if (o instanceof java.sql.Timestamp t) {
      return timestamp(t.toLocalDateTime());
    }
    if (o instanceof LocalDateTime t) {
      return timestamp(t);
    }
    if (o instanceof OffsetDateTime t) {
      return timestamp(t.toLocalDateTime());
    }
    if (o instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (o instanceof LocalDate d) {
      return d.toString();
    }
    return o.toString().replaceAll(" +$", "");
  }

  private static String timestamp(LocalDateTime t) {
    String s = t.toLocalDate() + " " + String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
    return t.getNano() == 0 ? s : s + "." + String.format("%09d", t.getNano()).replaceAll("0+$", "");
  }

  /** Null when the two results agree, else a description of the difference. */
  static String difference(QueryResult expected, QueryResult actual, boolean ordered) {
    if (expected.columns != actual.columns) {
      return "column count: DuckDB " + expected.columns + ", Blueshift " + actual.columns;
    }
    List<List<Object>> e = ordered ? expected.rows : sorted(expected.rows);
    List<List<Object>> a = ordered ? actual.rows : sorted(actual.rows);
    int diffAt = -1;
    for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
      if (!sameRow(e.get(i), a.get(i))) {
        diffAt = i;
        break;
      }
    }
    if (diffAt < 0 && e.size() == a.size()) {
      return null;
    }
    StringBuilder s = new StringBuilder();
    s.append("DuckDB ").append(e.size()).append(" rows, Blueshift ").append(a.size()).append(" rows");
    if (diffAt >= 0) {
      s.append("; first difference at ").append(ordered ? "row " : "sorted row ").append(diffAt + 1)
          .append(": DuckDB ").append(render(e.get(diffAt))).append(", Blueshift ").append(render(a.get(diffAt)));
    }
    List<String> onlyE = minus(e, a);
    List<String> onlyA = minus(a, e);
    if (!onlyE.isEmpty() || !onlyA.isEmpty()) {
      s.append("\n  only in DuckDB (").append(onlyE.size()).append("): ")
          .append(onlyE.stream().limit(8).collect(Collectors.joining("; ")))
          .append("\n  only in Blueshift (").append(onlyA.size()).append("): ")
          .append(onlyA.stream().limit(8).collect(Collectors.joining("; ")));
    }
    return s.toString();
  }

  /** Rows of {@code a} not matched by a row of {@code b} (as a multiset, by tolerant key). */
  private static List<String> minus(List<List<Object>> a, List<List<Object>> b) {
    java.util.Map<String, Integer> counts = new java.util.HashMap<>();
    b.forEach(row -> counts.merge(key(row), 1, Integer::sum));
    List<String> out = new ArrayList<>();
    for (List<Object> row : a) {
      String k = key(row);
      Integer c = counts.get(k);
      if (c == null || c == 0) {
        out.add(render(row));
      } else {
        counts.put(k, c - 1);
      }
    }
    return out;
  }

  static String render(List<Object> row) {
    return row.stream().map(v -> v == null ? "NULL" : v instanceof String s ? "'" + s + "'" : v.toString())
        .collect(Collectors.joining(", ", "(", ")"));
  }

  /**
   * Sorted by value (numbers numerically, whatever their type), so that equal results of the two
   * engines line up row by row; the tolerance only applies afterwards, cell by cell.
   */
  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>(rows);
    out.sort(QueryResult::compareRows);
    return out;
  }

  private static int compareRows(List<Object> a, List<Object> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compareValues(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y);
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a.getClass() != b.getClass()) {
      return a.getClass().getName().compareTo(b.getClass().getName());
    }
    return a.toString().compareTo(b.toString());
  }

  /** A key for the multiset difference in which an exact number and a close approximate one look the same. */
  private static String key(List<Object> row) {
    StringBuilder s = new StringBuilder();
    for (Object v : row) {
      s.append('\u0001');
      if (v == null) {
        s.append("\u0000NULL");
      } else if (v instanceof Double d) {
        s.append(d.isNaN() || d.isInfinite() ? d.toString() : numberKey(BigDecimal.valueOf(d)));
      } else if (v instanceof BigDecimal d) {
        s.append(numberKey(d));
      } else {
        s.append(v);
      }
    }
    return s.toString();
  }

  private static String numberKey(BigDecimal d) {
    return d.round(KEY_PRECISION).stripTrailingZeros().toPlainString();
  }

  private static boolean sameRow(List<Object> e, List<Object> a) {
    for (int i = 0; i < e.size(); i++) {
      if (!sameValue(e.get(i), a.get(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean sameValue(Object e, Object a) {
    if (e == null || a == null) {
      return e == a;
    }
    if (e instanceof Double || a instanceof Double) {
      if (!(e instanceof Number) || !(a instanceof Number)) {
        return false;
      }
      double x = ((Number) e).doubleValue();
      double y = ((Number) a).doubleValue();
      return x == y || Math.abs(x - y) <= TOLERANCE * Math.max(1, Math.max(Math.abs(x), Math.abs(y)));
    }
    if (e instanceof BigDecimal x && a instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return e.equals(a);
  }
}
