package dev.blueshift.shell;

import java.util.List;

/**
 * A result held in memory: columns and rows of cell text, null for SQL NULL. Used for metadata
 * listings and tests; query results stream through {@link TablePrinter} without being held.
 */
public record TabularResult(List<TableColumn> columns, List<List<String>> rows) {
  public TabularResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** Prints the whole result with {@code printer}. */
  public void printTo(TablePrinter printer) {
    printer.start(columns);
    for (List<String> row : rows) {
      printer.row(row);
    }
    printer.finish(rows.size());
  }
}
