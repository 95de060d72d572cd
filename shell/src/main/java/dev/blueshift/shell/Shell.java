package dev.blueshift.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The psql-like SQL shell on the Blueshift JDBC driver ({@code ./blueshift sql}). Non-interactive
 * it runs each {@code -c} command, then the {@code -f} file, or else the statements read from
 * standard input, and stops at the first failure; on a terminal it reads statements interactively.
 *
 * <p>Exit codes: 0 success, 1 a statement or command failed ({@code ERROR:} on stderr), 2 bad
 * arguments or no connection.
 */
public final class Shell {
  /** The shell's version. */
  public static final String VERSION = "0.1.0";

  private Shell() {}

  /** Command-line entry point; see {@link ShellOptions#usage()}. */
  public static void main(String[] args) {
    ShellOptions options;
    try {
      options = ShellOptions.fromArgs(args);
    } catch (IllegalArgumentException e) {
      System.err.println("ERROR:  " + e.getMessage());
      System.err.print(ShellOptions.usage());
      System.exit(2);
      return;
    }
    if (options == null) {
      System.out.print(ShellOptions.usage());
      return;
    }
    System.exit(run(options, System.in, System.out, System.err));
  }

  /**
   * Runs the shell and returns the process exit code. Interactive only when {@code in} is
   * {@link System#in}, there is no {@code -c}/{@code -f}, and the console is a terminal. Null
   * options (what {@link ShellOptions#fromArgs} returns for {@code --help}) print the usage.
   */
  public static int run(ShellOptions options, InputStream in, PrintStream out, PrintStream err) {
    if (options == null) {
      out.print(ShellOptions.usage());
      return 0;
    }
    Connection connection;
    try {
      connection = connect(options);
    } catch (SQLException e) {
      err.println("ERROR:  " + dev.blueshift.jdbc.ServerMessages.of(e.getMessage()));
      return 2;
    }
    try (ShellSession session = new ShellSession(connection, options.format(), out, err)) {
      if (options.hasScript()) {
        for (String command : options.commands()) {
          ShellSession.Outcome o = session.runScript(new BufferedReader(new StringReader(command)), true);
          if (o != ShellSession.Outcome.OK) {
            return o == ShellSession.Outcome.QUIT ? 0 : 1;
          }
        }
        if (options.file() != null) {
          try (BufferedReader r = Files.newBufferedReader(options.file(), StandardCharsets.UTF_8)) {
            return exitCode(session.runScript(r, true));
          } catch (NoSuchFileException e) {
            return exitCode(session.error(options.file() + ": No such file or directory", null));
          }
        }
        return 0;
      }
      if (in == System.in && System.console() != null) {
        return InteractiveShell.run(session, options, out);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return exitCode(session.runScript(r, true));
    } catch (IOException e) {
      err.println("ERROR:  " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return 1;
    }
  }

  /** A connection as the options say (the shell's own, or a second one for progress). */
  static Connection connect(ShellOptions options) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", options.user());
    if (options.password() != null) {
      props.setProperty("password", options.password());
    }
    return DriverManager.getConnection(options.url(), props);
  }

  private static int exitCode(ShellSession.Outcome outcome) {
    return outcome == ShellSession.Outcome.FAILED ? 1 : 0;
  }
}
