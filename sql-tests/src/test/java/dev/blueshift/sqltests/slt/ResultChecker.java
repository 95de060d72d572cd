package dev.blueshift.sqltests.slt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;

/** Compares a query's rendered result with its expected lines (README, "Comparing"). */
final class ResultChecker {
  private static final int PREVIEW_ROWS = 12;
  private static final Set<String> TRUE = Set.of("true", "t", "1");
  private static final Set<String> FALSE = Set.of("false", "f", "0");

  private ResultChecker() {}

  /** Why a result does not match: a short reason for the expected-failures list and the details. */
  record Mismatch(String reason, String detail) {}

  /** Null when {@code actual} matches what {@code query} expects. */
  static Mismatch check(SltRecord.Query query, ResultTable actual, Dialect dialect) {
    int columns = query.types().length();
    if (actual.columns() != columns) {
      return new Mismatch("wrong column count", "expected " + columns + " columns (" + query.types() + "), got "
          + actual.columns() + "\nactual:\n" + preview(actual.values(), actual.columns()));
    }
    List<String> sorted = actual.sorted(query.sort());
    Matcher hash = ResultHash.parse(query.expected());
    if (hash != null) {
      if (Integer.parseInt(hash.group(1)) == sorted.size() && hash.group(2).equals(ResultHash.md5(sorted))) {
        return null;
      }
      return wrong(query, "expected: " + query.expected().get(0) + "\nactual:   " + ResultHash.line(sorted)
          + "\nactual values (" + query.sort().name().toLowerCase(Locale.ROOT) + "):\n" + preview(sorted, columns));
    }
    List<String> expected = ResultTable.sort(expectedValues(query.expected(), columns, dialect), columns, query.sort());
    if (matches(expected, sorted, actual, query.sort(), dialect)) {
      return null;
    }
    // DuckDB files expect insertion order from nosort queries without ORDER BY; a distributed engine
    // need not keep it, so compare as multisets as DuckDB's runner can be told to.
    if (dialect == Dialect.DUCKDB && query.sort() == SortMode.NOSORT && matches(
        ResultTable.sort(expected, columns, SortMode.ROWSORT), actual.sorted(SortMode.ROWSORT), actual,
        SortMode.ROWSORT, dialect)) {
      return null;
    }
    return wrong(query, "expected:\n" + preview(expected, columns) + "\nactual:\n" + preview(sorted, columns));
  }

  private static Mismatch wrong(SltRecord.Query query, String detail) {
    return new Mismatch(query.label() == null ? "wrong result" : "wrong result (" + query.label() + ")", detail);
  }

  /**
   * SQLite files list one value per line; DuckDB files one row per line with TABs between values
   * when there is more than one column (detected per query: every line must hold a TAB).
   */
  static List<String> expectedValues(List<String> lines, int columns, Dialect dialect) {
    boolean rowPerLine = dialect == Dialect.DUCKDB && columns > 1 && !lines.isEmpty()
        && lines.stream().allMatch(l -> l.indexOf('\t') >= 0);
    if (!rowPerLine) {
      return lines;
    }
    List<String> values = new ArrayList<>();
    for (String line : lines) {
      values.addAll(List.of(line.split("\t", -1)));
    }
    return values;
  }

  private static boolean matches(List<String> expected, List<String> actual, ResultTable table, SortMode sort,
      Dialect dialect) {
    if (expected.size() != actual.size()) {
      return false;
    }
    boolean anyApproximate = table.approximate().contains(true);
    for (int i = 0; i < expected.size(); i++) {
      boolean approximate = sort == SortMode.VALUESORT ? anyApproximate
          : table.columns() > 0 && table.approximate().get(i % table.columns());
      if (!valueMatches(expected.get(i), actual.get(i), approximate, dialect)) {
        return false;
      }
    }
    return true;
  }

  /**
   * SQLite: the same string. DuckDB: the same string, or the same boolean in any spelling, or the
   * same number ({@code 4.000000} = {@code 4}); an approximate number also matches when rounded to
   * the expected text's decimals.
   */
  static boolean valueMatches(String expected, String actual, boolean approximate, Dialect dialect) {
    if (expected.equals(actual)) {
      return true;
    }
    if (dialect == Dialect.SQLITE) {
      return false;
    }
    String e = expected.strip().toLowerCase(Locale.ROOT);
    String a = actual.strip().toLowerCase(Locale.ROOT);
    if ((TRUE.contains(e) && TRUE.contains(a)) || (FALSE.contains(e) && FALSE.contains(a))) {
      return true;
    }
    BigDecimal en = decimal(e);
    BigDecimal an = decimal(a);
    if (en == null || an == null) {
      return false;
    }
    if (en.compareTo(an) == 0) {
      return true;
    }
    return approximate && an.setScale(Math.max(en.scale(), 0), RoundingMode.HALF_UP).compareTo(en) == 0;
  }

  private static BigDecimal decimal(String s) {
    if (s.isEmpty() || !(Character.isDigit(s.charAt(s.length() - 1)) || s.endsWith("."))) {
      return null;
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String preview(List<String> values, int columns) {
    if (values.isEmpty()) {
      return "  (no rows)";
    }
    int width = Math.max(columns, 1);
    StringBuilder out = new StringBuilder();
    int rows = (values.size() + width - 1) / width;
    for (int r = 0; r < Math.min(rows, PREVIEW_ROWS); r++) {
      out.append("  ").append(String.join("\t", values.subList(r * width, Math.min(values.size(), (r + 1) * width))))
          .append('\n');
    }
    if (rows > PREVIEW_ROWS) {
      out.append("  … ").append(rows - PREVIEW_ROWS).append(" more rows\n");
    }
    return out.toString().stripTrailing();
  }
}
