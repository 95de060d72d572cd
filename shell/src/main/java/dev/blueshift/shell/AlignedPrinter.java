package dev.blueshift.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * psql's aligned format: centered header, a dashed separator, cells padded to the column width
 * (numbers right-aligned), then {@code (N rows)} and a blank line. Newlines inside a cell are
 * shown as {@code \n} to keep rows on one line.
 */
final class AlignedPrinter implements TablePrinter {
  private final PrintStream out;
  private final String title;
  private final List<String> footer;
  private List<TableColumn> columns;
  private final List<String[]> rows = new ArrayList<>();

  AlignedPrinter(PrintStream out) {
    this(out, null, null);
  }

  /**
   * A printer with psql's title centered above the table (null for none) and footer lines
   * instead of the {@code (N rows)} line (null keeps it), as psql's {@code \d TABLE} prints.
   */
  AlignedPrinter(PrintStream out, String title, List<String> footer) {
    this.out = out;
    this.title = title;
    this.footer = footer == null ? null : List.copyOf(footer);
  }

  @Override
  public void start(List<TableColumn> columns) {
    this.columns = columns;
    rows.clear();
  }

  @Override
  public void row(List<String> cells) {
    String[] r = new String[cells.size()];
    for (int i = 0; i < r.length; i++) {
      String c = cells.get(i);
      r[i] = c == null ? "" : c.replace("\r", "\\r").replace("\n", "\\n");
    }
    rows.add(r);
  }

  @Override
  public void finish(long rowCount) {
    int n = columns.size();
    int[] width = new int[n];
    for (int i = 0; i < n; i++) {
      width[i] = columns.get(i).name().length();
    }
    for (String[] r : rows) {
      for (int i = 0; i < n; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    if (title != null) {
      int tableWidth = 0;
      for (int i = 0; i < n; i++) {
        tableWidth += width[i] + (i == 0 ? 2 : 3);
      }
      pad(sb, Math.max(0, (tableWidth - title.length()) / 2)).append(title);
      out.println(sb);
      sb.setLength(0);
    }
    for (int i = 0; i < n; i++) {
      String name = columns.get(i).name();
      int left = (width[i] - name.length()) / 2;
      sb.append(i == 0 ? " " : " | ");
      pad(sb, left).append(name);
      pad(sb, width[i] - name.length() - left);
    }
    out.println(sb.append(' ').toString().stripTrailing());
    sb.setLength(0);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append('+');
      }
      sb.append("-".repeat(width[i] + 2));
    }
    out.println(sb);
    for (String[] r : rows) {
      sb.setLength(0);
      for (int i = 0; i < n; i++) {
        sb.append(i == 0 ? " " : " | ");
        int gap = width[i] - r[i].length();
        if (columns.get(i).kind() == TableColumn.Kind.NUMBER) {
          pad(sb, gap).append(r[i]);
        } else {
          sb.append(r[i]);
          if (i < n - 1) {
            pad(sb, gap);
          }
        }
      }
      out.println(sb.toString().stripTrailing());
    }
    if (footer == null) {
      out.println(rowCount == 1 ? "(1 row)" : "(" + rowCount + " rows)");
    } else {
      footer.forEach(out::println);
    }
    out.println();
    rows.clear();
  }

  private static StringBuilder pad(StringBuilder sb, int n) {
    for (int i = 0; i < n; i++) {
      sb.append(' ');
    }
    return sb;
  }
}
