package dev.blueshift.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One shell connection and its settings: runs statements and scripts, prints results in the
 * chosen format, handles backslash commands, and cancels the running statement on request.
 */
final class ShellSession implements AutoCloseable {
  /** What running a script or a command led to. */
  enum Outcome { OK, FAILED, QUIT }

  private final Connection connection;
  private final PrintStream stdout;
  private final PrintStream err;
  private final ShellOptions.Format format;
  private PrintStream out;
  private boolean expanded;
  private boolean timing;
  private volatile Statement running;
  /** Where the live progress line is drawn (the terminal), or null for none. */
  private PrintStream progressTerminal;
  private java.util.concurrent.ScheduledExecutorService progressTimer;
  private volatile ProgressLine progress;
  private java.util.concurrent.Callable<Connection> sideConnection;
  /** Opened at the first COPY that runs long, for its progress. */
  private Connection progressConnection;

  ShellSession(Connection connection, ShellOptions.Format format, PrintStream out, PrintStream err) {
    this.connection = connection;
    this.format = format;
    this.stdout = out;
    this.out = out;
    this.err = err;
  }

  /**
   * Runs every statement and backslash command of {@code reader} in order.
   *
   * @param stopOnError stop at the first failure and return FAILED (psql's ON_ERROR_STOP)
   */
  Outcome runScript(BufferedReader reader, boolean stopOnError) throws IOException {
    StatementSplitter splitter = new StatementSplitter();
    boolean failed = false;
    String line;
    while ((line = reader.readLine()) != null) {
      if (splitter.isEmpty() && line.strip().startsWith("\\")) {
        Outcome o = meta(line.strip());
        if (o == Outcome.QUIT) {
          return Outcome.QUIT;
        } else if (o == Outcome.FAILED) {
          failed = true;
          if (stopOnError) {
            return Outcome.FAILED;
          }
        }
        continue;
      }
      for (String sql : splitter.feed(line + "\n")) {
        if (!execute(sql)) {
          failed = true;
          if (stopOnError) {
            return Outcome.FAILED;
          }
        }
      }
    }
    String last = splitter.finish();
    if (last != null && !execute(last)) {
      return Outcome.FAILED;
    }
    return failed ? Outcome.FAILED : Outcome.OK;
  }

  /** Runs one SQL statement and prints its result; prints the error and returns false if it fails. */
  boolean execute(String sql) {
    long start = System.nanoTime();
    try (Statement statement = connection.createStatement()) {
      running = statement;
      if (progressTerminal != null) {
        progress = new ProgressLine(progressTerminal, progressTimer, isCopy(sql) ? this::loadState : null);
      }
      if (statement.execute(sql)) {
        try (ResultSet rs = statement.getResultSet()) {
          print(rs);
        }
      } else {
        stopProgress();
        out.println(CommandTag.of(sql, Math.max(0, statement.getUpdateCount())));
      }
      if (timing) {
        out.printf(Locale.ROOT, "Time: %.3f ms%n", (System.nanoTime() - start) / 1e6);
      }
      return true;
    } catch (SQLException e) {
      error(e);
      return false;
    } catch (RuntimeException e) {
      error(e.getMessage() == null ? e.toString() : e.getMessage(), null);
      return false;
    } finally {
      stopProgress();
      running = null;
      out.flush();
    }
  }

  /**
   * Draws a live progress line on {@code terminal} for statements running longer than a second
   * (interactive use only: it is erased before results are printed).
   */
  void showProgress(PrintStream terminal, java.util.concurrent.Callable<Connection> sideConnection) {
    this.progressTerminal = terminal;
    this.progressTimer = ProgressLine.newTimer();
    this.sideConnection = sideConnection;
  }

  private static boolean isCopy(String sql) {
    return sql.stripLeading().regionMatches(true, 0, "copy", 0, 4);
  }

  /**
   * What the running COPY has read, from {@code stv_load_state} on a second connection (this one
   * is busy with the COPY); null when it cannot be read.
   */
  private String loadState() {
    try {
      if (progressConnection == null) {
        progressConnection = sideConnection.call();
      }
      try (Statement s = progressConnection.createStatement();
          ResultSet rs = s.executeQuery("SELECT SUM(bytes_loaded), SUM(bytes_to_load), SUM(lines)"
              + " FROM stv_load_state")) {
        if (!rs.next() || rs.getObject(2) == null) {
          return null;
        }
        long loaded = rs.getLong(1);
        long total = rs.getLong(2);
        return String.format(Locale.ROOT, "%.1f of %.1f MB%s, %,d lines", loaded / 1e6, total / 1e6,
            total > 0 ? String.format(Locale.ROOT, " (%d %%)", loaded * 100 / total) : "", rs.getLong(3));
      }
    } catch (Exception e) {
      return null;
    }
  }

  private void stopProgress() {
    ProgressLine p = progress;
    if (p != null) {
      p.close();
      progress = null;
    }
  }

  /** Tab completion from this session's connection. */
  SqlCompleter completer() {
    return new SqlCompleter(connection, this::isRunning);
  }

  /** Cancels the running statement, if any (called from another thread, e.g. on Ctrl-C). */
  void cancel() {
    Statement s = running;
    if (s != null) {
      try {
        s.cancel();
      } catch (SQLException e) {
        error(e);
      }
    }
  }

  boolean isRunning() {
    return running != null;
  }

  private void print(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<TableColumn> columns = ValueText.columns(md);
    String[] typeNames = new String[columns.size()];
    for (int i = 0; i < typeNames.length; i++) {
      typeNames[i] = md.getColumnTypeName(i + 1);
    }
    TablePrinter printer = TablePrinter.of(format, expanded, out);
    if (format != ShellOptions.Format.ALIGNED) {
      stopProgress(); // rows are written as they come
    }
    ProgressLine p = progress;
    printer.start(columns);
    long count = 0;
    String[] cells = new String[columns.size()];
    List<String> row = Arrays.asList(cells);
    while (rs.next()) {
      for (int i = 0; i < cells.length; i++) {
        cells[i] = ValueText.of(rs.getObject(i + 1), typeNames[i]);
      }
      printer.row(row);
      count++;
      if (p != null) {
        p.row();
      }
    }
    stopProgress();
    printer.finish(count);
  }

  /** Runs a backslash command line such as {@code \timing} or {@code \d lineitem}. */
  Outcome meta(String line) {
    String[] words = line.trim().split("\\s+", 2);
    String command = words[0];
    String arg = words.length > 1 ? words[1].trim() : "";
    try {
      switch (command) {
        case "\\q" -> {
          return Outcome.QUIT;
        }
        case "\\?" -> out.print(HELP);
        case "\\timing" -> {
          timing = toggle(timing, arg);
          out.println("Timing is " + (timing ? "on." : "off."));
        }
        case "\\x" -> {
          expanded = toggle(expanded, arg);
          out.println("Expanded display is " + (expanded ? "on." : "off."));
        }
        case "\\i" -> {
          if (arg.isEmpty()) {
            return error("\\i: missing required argument", null);
          }
          Path file = Paths.get(arg);
          try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return runScript(r, true);
          } catch (IOException e) {
            return error(arg + ": " + describe(e), null);
          }
        }
        case "\\o" -> {
          if (out != stdout) {
            out.close();
          }
          out = arg.isEmpty() ? stdout : openOutput(Paths.get(arg));
        }
        case "\\d" -> {
          if (arg.isEmpty()) {
            catalog().listRelations(arg, false);
          } else {
            catalog().describe(arg);
          }
        }
        case "\\dt" -> catalog().listRelations(arg, true);
        case "\\dn" -> catalog().listSchemas(arg);
        case "\\copy" -> out.println("COPY " + LocalFileCopy.run(connection, arg));
        default -> {
          return error("invalid command " + command + "; try \\? for help", null);
        }
      }
      return Outcome.OK;
    } catch (SQLException e) {
      error(e);
      return Outcome.FAILED;
    } catch (IOException e) {
      return error(describe(e), null);
    }
  }

  private CatalogCommands catalog() {
    return new CatalogCommands(connection, out);
  }

  private PrintStream openOutput(Path file) throws IOException {
    OutputStream os = Files.newOutputStream(file);
    return new PrintStream(os, false, StandardCharsets.UTF_8);
  }

  private static boolean toggle(boolean current, String arg) {
    return switch (arg.toLowerCase(Locale.ROOT)) {
      case "on" -> true;
      case "off" -> false;
      default -> !current;
    };
  }

  void error(SQLException e) {
    error(dev.blueshift.jdbc.ServerMessages.of(e.getMessage()), e.getSQLState());
  }

  /** Prints {@code ERROR:  message} (and the SQLSTATE when known) on stderr. */
  Outcome error(String message, String sqlState) {
    stopProgress();
    out.flush();
    err.println("ERROR:  " + message);
    if (sqlState != null && !sqlState.isEmpty() && !"00000".equals(sqlState)) {
      err.println("SQLSTATE: " + sqlState);
    }
    err.flush();
    return Outcome.FAILED;
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "No such file or directory";
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  @Override
  public void close() {
    if (progressTimer != null) {
      progressTimer.shutdownNow();
    }
    if (progressConnection != null) {
      try {
        progressConnection.close();
      } catch (SQLException e) {
        // closing: nothing left to tell the user
      }
    }
    if (out != stdout) {
      out.close();
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // closing: nothing left to tell the user
    }
  }

  static final String HELP = """
      General
        \\q                quit
        \\?                show this help
        \\timing [on|off]  show how long each statement takes
        \\x [on|off]       expanded display (one line per column)
      Input/Output
        \\i FILE           run the statements in FILE
        \\o [FILE]         send results to FILE, or back to the screen
      Informational
        \\d                list tables and views
        \\dt [PATTERN]     list tables
        \\d NAME           describe table NAME (columns, encoding, distkey, sortkey)
        \\dn [PATTERN]     list schemas
      Statements end with ';' and may span lines; Ctrl-C cancels the running statement.
      """;
}
