package dev.blueshift.shell;

import dev.blueshift.jdbc.BlueshiftUrl;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive loop on a terminal (JLine): prompt {@code dev=> } ({@code dev-> } inside a
 * statement), statements until {@code ;}, history in {@code ~/.blueshift_history}, backslash
 * commands, Ctrl-C cancels the running statement or clears the line, Ctrl-D or {@code \q} quits.
 */
final class InteractiveShell {
  private InteractiveShell() {}

  static int run(ShellSession session, ShellOptions options, PrintStream out) throws IOException {
    String database = database(options.url());
    Path history = Paths.get(System.getProperty("user.home"), ".blueshift_history");
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      LineReader reader = LineReaderBuilder.builder()
          .terminal(terminal)
          .appName("blueshift")
          .variable(LineReader.HISTORY_FILE, history)
          .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
          .completer(session.completer())
          .build();
      session.showProgress(out, () -> Shell.connect(options));
      terminal.handle(Terminal.Signal.INT, signal -> session.cancel());
      out.println("blueshift " + Shell.VERSION
          + " — type \\? for help, \\q to quit.");
      StatementSplitter splitter = new StatementSplitter();
      while (true) {
        String line;
        try {
          line = reader.readLine(database + (splitter.isEmpty() ? "=> " : "-> "));
        } catch (UserInterruptException e) {
          splitter.reset();
          continue;
        } catch (EndOfFileException e) {
          out.println();
          return 0;
        }
        if (splitter.isEmpty() && line.strip().startsWith("\\")) {
          if (session.meta(line.strip()) == ShellSession.Outcome.QUIT) {
            return 0;
          }
          continue;
        }
        for (String sql : splitter.feed(line + "\n")) {
          session.execute(sql); // errors are printed; the session goes on
        }
      }
    }
  }

  private static String database(String url) {
    try {
      return BlueshiftUrl.parse(url, null).database();
    } catch (SQLException e) {
      return "dev";
    }
  }
}
