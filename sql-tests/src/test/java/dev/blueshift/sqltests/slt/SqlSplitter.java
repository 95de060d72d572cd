package dev.blueshift.sqltests.slt;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a record's SQL into statements at top-level semicolons, as psql does: the engine parses one
 * statement at a time, and DuckDB files end statements with {@code ;} (two records hold several).
 * Semicolons inside quotes and comments do not count; pieces that are only comments are dropped.
 */
final class SqlSplitter {
  private SqlSplitter() {}

  static List<String> split(String sql) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean onlyComments = true;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = closingQuote(sql, i, c);
        current.append(sql, i, end);
        onlyComments = false;
        i = end;
      } else if (c == '-' && sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? sql.length() : end;
        current.append(sql, i, end);
        i = end;
      } else if (c == '/' && sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        end = end < 0 ? sql.length() : end + 2;
        current.append(sql, i, end);
        i = end;
      } else if (c == ';') {
        add(statements, current, onlyComments);
        current.setLength(0);
        onlyComments = true;
        i++;
      } else {
        if (!Character.isWhitespace(c)) {
          onlyComments = false;
        }
        current.append(c);
        i++;
      }
    }
    add(statements, current, onlyComments);
    return statements;
  }

  /** Index just past the quote closing the one at {@code start}; a doubled quote is an escaped one. */
  private static int closingQuote(String sql, int start, char quote) {
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
    return sql.length();
  }

  private static void add(List<String> statements, StringBuilder sql, boolean onlyComments) {
    if (!onlyComments) {
      statements.add(sql.toString().strip());
    }
  }
}
