package dev.blueshift.sqltests.slt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A query's result as rendered text, row after row, and which columns hold approximate numbers
 * (REAL/DOUBLE), which the DuckDB comparison rounds to the precision of the expected text.
 */
record ResultTable(int columns, List<String> values, List<Boolean> approximate) {
  /** C {@code strcmp} order of the UTF-8 bytes, which is code point order. */
  static final Comparator<String> BYTE_ORDER = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  };

  ResultTable {
    values = List.copyOf(values);
    approximate = List.copyOf(approximate);
  }

  int rows() {
    return columns == 0 ? 0 : values.size() / columns;
  }

  /** The values ordered as {@code mode} asks, still flat. */
  List<String> sorted(SortMode mode) {
    return sort(values, columns, mode);
  }

  static List<String> sort(List<String> values, int columns, SortMode mode) {
    return switch (mode) {
      case NOSORT -> values;
      case VALUESORT -> values.stream().sorted(BYTE_ORDER).toList();
      case ROWSORT -> {
        if (columns <= 0 || values.size() % columns != 0) {
          yield values;
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i += columns) {
          rows.add(values.subList(i, i + columns));
        }
        rows.sort(ResultTable::compareRows);
        yield rows.stream().flatMap(List::stream).toList();
      }
    };
  }

  private static int compareRows(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = BYTE_ORDER.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
