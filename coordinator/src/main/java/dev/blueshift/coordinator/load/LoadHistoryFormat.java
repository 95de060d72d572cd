package dev.blueshift.coordinator.load;

import dev.blueshift.coordinator.load.LoadHistory.ErrorRow;
import dev.blueshift.coordinator.load.LoadHistory.FileRow;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of the load history file: a kind tag ({@code E} error, {@code F} file), then
 * tab-separated fields with backslash escapes for tab, newline, carriage return and backslash,
 * and {@code \N} for null. Lines of an unknown kind or a torn last line (a crash mid-write) are
 * skipped.
 */
final class LoadHistoryFormat {
  private LoadHistoryFormat() {}

  static String error(ErrorRow e) {
    return join("E", e.userId(), e.slice(), e.tableOid(), e.startMicros(), e.session(), e.query(), e.filename(),
        e.lineNumber(), e.colname(), e.type(), e.colLength(), e.position(), e.rawLine(), e.rawFieldValue(),
        e.errCode(), e.errReason());
  }

  static String file(FileRow f) {
    return join("F", f.userId(), f.query(), f.tableOid(), f.endMicros(), f.filename(), f.linesScanned(), f.rows(),
        f.errors(), f.status());
  }

  /** The row a line holds, or null when the line is not a complete row. */
  static Object parse(String line) {
    List<String> f = split(line);
    try {
      if (f.size() == 17 && f.get(0).equals("E")) {
        return new ErrorRow(i(f.get(1)), i(f.get(2)), l(f.get(3)), l(f.get(4)), i(f.get(5)), l(f.get(6)), f.get(7),
            l(f.get(8)), f.get(9), f.get(10), f.get(11), i(f.get(12)), f.get(13), f.get(14), i(f.get(15)), f.get(16));
      }
      if (f.size() == 10 && f.get(0).equals("F")) {
        return new FileRow(i(f.get(1)), l(f.get(2)), l(f.get(3)), l(f.get(4)), f.get(5), l(f.get(6)), l(f.get(7)),
            l(f.get(8)), f.get(9));
      }
    } catch (NumberFormatException torn) {
      return null;
    }
    return null;
  }

  private static int i(String s) {
    return Integer.parseInt(s);
  }

  private static long l(String s) {
    return Long.parseLong(s);
  }

  private static String join(Object... fields) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < fields.length; k++) {
      if (k > 0) {
        sb.append('\t');
      }
      Object v = fields[k];
      if (v == null) {
        sb.append("\\N");
        continue;
      }
      String s = v.toString();
      for (int c = 0; c < s.length(); c++) {
        char ch = s.charAt(c);
        switch (ch) {
          case '\t' -> sb.append("\\t");
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '\\' -> sb.append("\\\\");
          default -> sb.append(ch);
        }
      }
    }
    return sb.toString();
  }

  private static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean isNull = false;
    for (int c = 0; c < line.length(); c++) {
      char ch = line.charAt(c);
      if (ch == '\t') {
        out.add(isNull ? null : sb.toString());
        sb.setLength(0);
        isNull = false;
      } else if (ch == '\\' && c + 1 < line.length()) {
        char next = line.charAt(++c);
        switch (next) {
          case 't' -> sb.append('\t');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 'N' -> isNull = true;
          default -> sb.append(next);
        }
      } else {
        sb.append(ch);
      }
    }
    out.add(isNull ? null : sb.toString());
    return out;
  }
}
