package dev.blueshift.coordinator.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * The fast path of {@code executeBatch} for a prepared {@code INSERT INTO t [(cols)] VALUES (?, …)}:
 * every parameter row becomes one row of a single multi-row INSERT, so a batch is parsed, written
 * and committed once instead of once per row. Only the VALUES row template is bound per parameter
 * row (a text substitution); the statement around it is shared.
 *
 * <p>Large batches are cut into several INSERTs of at most {@link #MAX_CELLS} values each (the
 * parse tree of one statement stays bounded); the caller runs them in one transaction.
 */
final class BatchInsert {
  /** Values per generated INSERT: bounds the coordinator memory one statement's parse tree takes. */
  static final int MAX_CELLS = 400_000;

  private final String prefix;
  private final String rowTemplate;
  private final int parameters;

  private BatchInsert(String prefix, String rowTemplate, int parameters) {
    this.prefix = prefix;
    this.rowTemplate = rowTemplate;
    this.parameters = parameters;
  }

  /**
   * The fast path for {@code sql}, or null when it is not a single-row {@code INSERT … VALUES (…)}
   * whose placeholders all sit in that row (such statements run once per parameter row).
   */
  static BatchInsert of(String sql) {
    String text = stripTrailing(sql);
    if (!startsWithWord(text, skipSpace(text, 0), "insert")) {
      return null;
    }
    int values = topLevelKeyword(text, "values");
    if (values < 0) {
      return null;
    }
    int open = skipSpace(text, values + "values".length());
    if (open >= text.length() || text.charAt(open) != '(') {
      return null;
    }
    int close = matchingParen(text, open);
    if (close < 0 || skipSpace(text, close + 1) != text.length()) {
      return null; // several rows, or something after the row (RETURNING, a second statement…)
    }
    String prefix = text.substring(0, open);
    if (!ParameterBinder.placeholders(prefix).isEmpty()) {
      return null;
    }
    String row = text.substring(open, close + 1);
    return new BatchInsert(prefix, row, ParameterBinder.placeholders(row).size());
  }

  /** Parameter rows per generated statement. */
  int rowsPerStatement() {
    return Math.max(1, MAX_CELLS / Math.max(1, parameters));
  }

  /**
   * The INSERT statements for the parameter rows, each holding up to {@link #rowsPerStatement()}
   * rows, one row per line (so an error's line number points at the row).
   */
  List<String> statements(List<List<TypedValue>> rows) {
    List<String> out = new ArrayList<>();
    int per = rowsPerStatement();
    for (int from = 0; from < rows.size(); from += per) {
      int to = Math.min(rows.size(), from + per);
      StringBuilder sb = new StringBuilder(prefix.length() + (to - from) * (rowTemplate.length() + 16));
      sb.append(prefix).append('\n');
      for (int i = from; i < to; i++) {
        if (i > from) {
          sb.append(",\n");
        }
        sb.append(ParameterBinder.bind(rowTemplate, rows.get(i)));
      }
      out.add(sb.toString());
    }
    return out;
  }

  /** Line (1-based) of the first row in a generated statement. */
  int firstRowLine() {
    int lines = 1;
    for (int i = 0; i < prefix.length(); i++) {
      if (prefix.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines + 1;
  }

  private static String stripTrailing(String sql) {
    String s = sql.strip();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    return s;
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
        int eol = s.indexOf('\n', i);
        i = eol < 0 ? s.length() : eol + 1;
      } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? s.length() : end + 2;
      } else {
        break;
      }
    }
    return i;
  }

  private static boolean startsWithWord(String s, int at, String word) {
    return s.regionMatches(true, at, word, 0, word.length())
        && (at + word.length() == s.length() || !isIdentifierChar(s.charAt(at + word.length())));
  }

  private static boolean isIdentifierChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /** Offset of {@code keyword} outside quotes, comments and parentheses, or -1. */
  private static int topLevelKeyword(String s, String keyword) {
    int depth = 0;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"') {
        i = skipQuoted(s, i, c);
        continue;
      }
      int after = skipSpace(s, i);
      if (after != i) {
        i = after;
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (depth == 0 && (i == 0 || !isIdentifierChar(s.charAt(i - 1)))
          && startsWithWord(s, i, keyword.toLowerCase(Locale.ROOT))) {
        return i;
      }
      i++;
    }
    return -1;
  }

  private static int matchingParen(String s, int open) {
    int depth = 0;
    int i = open;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"') {
        i = skipQuoted(s, i, c);
        continue;
      }
      int after = skipSpace(s, i);
      if (after != i) {
        i = after;
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
      i++;
    }
    return -1;
  }

  private static int skipQuoted(String s, int start, char quote) {
    int i = start + 1;
    while (i < s.length()) {
      if (s.charAt(i) == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return i;
  }
}
