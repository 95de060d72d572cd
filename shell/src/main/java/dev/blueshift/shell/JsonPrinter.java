package dev.blueshift.shell;

import java.io.PrintStream;
import java.util.List;

/**
 * One JSON object per row and line ({@code {"a":1,"b":"x","c":null}}): numbers bare when they are
 * JSON numbers, booleans as true/false, everything else as strings.
 */
final class JsonPrinter implements TablePrinter {
  private final PrintStream out;
  private List<TableColumn> columns;
  private final StringBuilder line = new StringBuilder();

  JsonPrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void start(List<TableColumn> columns) {
    this.columns = columns;
  }

  @Override
  public void row(List<String> cells) {
    line.setLength(0);
    line.append('{');
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      string(columns.get(i).name());
      line.append(':');
      String cell = cells.get(i);
      if (cell == null) {
        line.append("null");
      } else if (columns.get(i).kind() == TableColumn.Kind.NUMBER && isJsonNumber(cell)) {
        line.append(cell);
      } else if (columns.get(i).kind() == TableColumn.Kind.BOOLEAN
          && (cell.equals("t") || cell.equals("f"))) {
        line.append(cell.equals("t") ? "true" : "false");
      } else {
        string(cell);
      }
    }
    out.print(line.append("}\n"));
  }

  @Override
  public void finish(long rowCount) {
    out.flush();
  }

  static boolean isJsonNumber(String s) {
    return s.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  }

  private void string(String s) {
    line.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> line.append("\\\"");
        case '\\' -> line.append("\\\\");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> {
          if (c < 0x20) {
            line.append(String.format("\\u%04x", (int) c));
          } else {
            line.append(c);
          }
        }
      }
    }
    line.append('"');
  }
}
