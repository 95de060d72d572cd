package dev.blueshift.shell;

import java.io.PrintStream;
import java.util.List;

/**
 * Prints a result: {@link #start} with the columns, {@link #row} for each row (cell text, null
 * for SQL NULL), {@link #finish} with the row count. Streaming formats write each row at once;
 * the aligned format needs every row for its column widths and writes at {@link #finish}.
 */
public interface TablePrinter {
  void start(List<TableColumn> columns);

  void row(List<String> cells);

  void finish(long rowCount);

  /** The printer for a format; {@code expanded} (psql's \x) applies to the aligned format. */
  static TablePrinter of(ShellOptions.Format format, boolean expanded, PrintStream out) {
    return switch (format) {
      case ALIGNED -> expanded ? new ExpandedPrinter(out) : new AlignedPrinter(out);
      case CSV -> new DelimitedPrinter(out, DelimitedPrinter.Style.CSV);
      case TSV -> new DelimitedPrinter(out, DelimitedPrinter.Style.TSV);
      case JSON -> new JsonPrinter(out);
    };
  }
}
