package dev.blueshift.shell;

import java.io.PrintStream;
import java.util.List;

/** psql's expanded display (\x): one {@code -[ RECORD n ]} block per row, a line per column. */
final class ExpandedPrinter implements TablePrinter {
  private final PrintStream out;
  private List<TableColumn> columns;
  private int nameWidth;
  private long record;

  ExpandedPrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void start(List<TableColumn> columns) {
    this.columns = columns;
    nameWidth = columns.stream().mapToInt(c -> c.name().length()).max().orElse(0);
    record = 0;
  }

  @Override
  public void row(List<String> cells) {
    out.println("-[ RECORD " + (++record) + " ]" + "-".repeat(Math.max(0, nameWidth - 10)));
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i).name();
      String cell = cells.get(i) == null ? "" : cells.get(i);
      out.println((name + " ".repeat(nameWidth - name.length()) + " | " + cell).stripTrailing());
    }
  }

  @Override
  public void finish(long rowCount) {
    if (rowCount == 0) {
      out.println("(0 rows)");
    }
    out.println();
  }
}
