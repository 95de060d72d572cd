package dev.blueshift.coordinator.sql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rewrites Redshift's {@code SELECT [DISTINCT|ALL] TOP n …} into {@code SELECT … LIMIT n} before
 * parsing, because Calcite's grammar template has no hook after SELECT.
 *
 * <p>{@code TOP n} is overwritten with blanks (so line and column of every later token stay
 * the same for error messages) and {@code LIMIT n} is inserted where that SELECT ends: before the
 * parenthesis closing its subquery, or before the statement's ';' or end. The scan skips string
 * literals, quoted identifiers and comments.
 */
final class SelectTopRewriter {
  private SelectTopRewriter() {}

  private record Word(String upper, int start, int end, int depth) {}

  private record Edit(int removeStart, int removeEnd, int insertAt, String limit) {}

  /** {@code sql} with every {@code SELECT TOP n} rewritten, or {@code sql} itself if there is none. */
  static String rewrite(String sql) {
    if (!sql.toUpperCase(Locale.ROOT).contains("TOP")) {
      return sql;
    }
    List<Word> words = new ArrayList<>();
    // Offsets where depth drops below a level: index i holds (offset, depthAfter) for ')' and ';'.
    List<int[]> closers = new ArrayList<>();
    int depth = 0;
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        i = skipQuoted(sql, i, c);
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else if (c == '(') {
        depth++;
        i++;
      } else if (c == ')') {
        closers.add(new int[] {i, depth});
        depth--;
        i++;
      } else if (c == ';') {
        closers.add(new int[] {i, depth});
        i++;
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
            || sql.charAt(i) == '.' && Character.isDigit(sql.charAt(start)))) {
          i++;
        }
        words.add(new Word(sql.substring(start, i).toUpperCase(Locale.ROOT), start, i, depth));
      } else {
        i++;
      }
    }
    List<Edit> edits = new ArrayList<>();
    for (int w = 0; w < words.size(); w++) {
      Word select = words.get(w);
      if (!select.upper.equals("SELECT")) {
        continue;
      }
      int t = w + 1;
      if (t < words.size() && (words.get(t).upper.equals("DISTINCT") || words.get(t).upper.equals("ALL"))) {
        t++;
      }
      if (t + 1 >= words.size() || !words.get(t).upper.equals("TOP")) {
        continue;
      }
      Word top = words.get(t);
      Word count = words.get(t + 1);
      if (!count.upper.chars().allMatch(Character::isDigit) || !onlyBlanks(sql, top.end, count.start)) {
        continue;
      }
      int insertAt = n;
      for (int[] closer : closers) {
        if (closer[0] > count.end && closer[1] <= select.depth) {
          insertAt = closer[0];
          break;
        }
      }
      edits.add(new Edit(top.start, count.end, insertAt, count.upper));
    }
    if (edits.isEmpty()) {
      return sql;
    }
    StringBuilder out = new StringBuilder(sql);
    for (Edit e : edits) {
      for (int k = e.removeStart; k < e.removeEnd; k++) {
        out.setCharAt(k, ' ');
      }
    }
    // Insert from the end so earlier offsets stay valid; stable for equal offsets (inner first).
    edits.sort((a, b) -> Integer.compare(b.insertAt, a.insertAt));
    for (Edit e : edits) {
      out.insert(e.insertAt, " LIMIT " + e.limit + " ");
    }
    return out.toString();
  }

  private static boolean onlyBlanks(String sql, int from, int to) {
    for (int k = from; k < to; k++) {
      if (!Character.isWhitespace(sql.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  private static int skipQuoted(String sql, int i, char quote) {
    int k = i + 1;
    while (k < sql.length()) {
      if (sql.charAt(k) == quote) {
        if (k + 1 < sql.length() && sql.charAt(k + 1) == quote) {
          k += 2;
          continue;
        }
        return k + 1;
      }
      k++;
    }
    return k;
  }
}
