package dev.blueshift.shell;

import java.io.PrintStream;
import java.util.List;

/**
 * CSV (RFC 4180 quoting: a field with a comma, quote, CR or LF, or an empty string, is quoted;
 * NULL is an empty unquoted field) or TSV (tab, newline, CR and backslash escaped as {@code \t},
 * {@code \n}, {@code \r}, {@code \\}; NULL is empty), each with a header line, rows ending in LF.
 */
final class DelimitedPrinter implements TablePrinter {
  enum Style { CSV, TSV }

  private final PrintStream out;
  private final Style style;
  private final StringBuilder line = new StringBuilder();

  DelimitedPrinter(PrintStream out, Style style) {
    this.out = out;
    this.style = style;
  }

  @Override
  public void start(List<TableColumn> columns) {
    line.setLength(0);
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        line.append(style == Style.CSV ? ',' : '\t');
      }
      field(columns.get(i).name());
    }
    out.print(line.append('\n'));
  }

  @Override
  public void row(List<String> cells) {
    line.setLength(0);
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(style == Style.CSV ? ',' : '\t');
      }
      String cell = cells.get(i);
      if (cell != null) {
        field(cell);
      }
    }
    out.print(line.append('\n'));
  }

  @Override
  public void finish(long rowCount) {
    out.flush();
  }

  private void field(String value) {
    if (style == Style.CSV) {
      boolean quote = value.isEmpty();
      for (int i = 0; i < value.length() && !quote; i++) {
        char c = value.charAt(i);
        quote = c == ',' || c == '"' || c == '\n' || c == '\r';
      }
      if (quote) {
        line.append('"').append(value.replace("\"", "\"\"")).append('"');
      } else {
        line.append(value);
      }
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\t' -> line.append("\\t");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\\' -> line.append("\\\\");
        default -> line.append(c);
      }
    }
  }
}
