package dev.blueshift.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The psql-style completion tag printed for a statement without a result set ({@code CREATE
 * TABLE}, {@code INSERT 0 5}, {@code COPY 3}), derived from the statement's leading keywords and
 * its update count because JDBC carries no tag.
 */
public final class CommandTag {
  private CommandTag() {}

  /** The tag for {@code sql} that affected {@code count} rows. */
  public static String of(String sql, long count) {
    List<String> words = leadingWords(sql, 6);
    if (words.isEmpty()) {
      return "OK";
    }
    String first = words.get(0);
    return switch (first) {
      case "INSERT" -> "INSERT 0 " + count;
      case "UPDATE", "DELETE", "COPY", "MERGE", "FETCH", "MOVE" -> first + " " + count;
      case "SELECT" -> "SELECT " + count;
      case "CREATE", "DROP", "ALTER" -> first + " " + objectKind(words);
      case "TRUNCATE" -> "TRUNCATE TABLE";
      case "END" -> "COMMIT";
      case "START" -> "START TRANSACTION";
      case "UNLOAD" -> "UNLOAD";
      default -> first;
    };
  }

  /** CREATE [OR REPLACE] [LOCAL] [TEMP|TEMPORARY] [EXTERNAL|MATERIALIZED] TABLE|VIEW|SCHEMA… */
  private static String objectKind(List<String> words) {
    List<String> kind = new ArrayList<>();
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      switch (w) {
        case "OR", "REPLACE", "LOCAL", "TEMP", "TEMPORARY", "UNIQUE", "IF" -> {
          continue;
        }
        case "EXTERNAL", "MATERIALIZED" -> kind.add(w);
        default -> {
          kind.add(w);
          return String.join(" ", kind);
        }
      }
    }
    return String.join(" ", kind);
  }

  /** Up to {@code max} leading words, upper-cased, skipping comments and parentheses. */
  static List<String> leadingWords(String sql, int max) {
    List<String> words = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n && words.size() < max) {
      char c = sql.charAt(i);
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
          i++;
        }
        words.add(sql.substring(start, i).toUpperCase(Locale.ROOT));
      } else if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else {
        break;
      }
    }
    return words;
  }
}
