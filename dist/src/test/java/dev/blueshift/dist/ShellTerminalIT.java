package dev.blueshift.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.blueshift.coordinator.server.LocalCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shell on a real pseudo-terminal: {@code java -jar dist/target/blueshift.jar sql}
 * runs in a tmux session (on a private tmux server) against a local cluster with a small TPC-H
 * data set; keys are typed with {@code send-keys} and the screen read with {@code capture-pane}.
 * Checks the aligned output and its row-count footer, {@code \d lineitem}, {@code \timing}, tab
 * completion of a table name, the progress line of a long query, and that Ctrl-C cancels that
 * query while the shell stays usable.
 */
class ShellTerminalIT {
  private static final String TMUX = "/usr/bin/tmux";
  /** About 900 million joined rows: minutes of work, so only Ctrl-C ends it early. */
  private static final String LONG_QUERY = "select count(*) from lineitem a, lineitem b, nation c"
      + " where a.l_orderkey + b.l_orderkey + c.n_nationkey < 0;";

  @TempDir
  Path dir;

  private final String socket = "blueshift-it-" + ProcessHandle.current().pid();
  private LocalCluster cluster;

  @AfterEach
  void stop() throws Exception {
    tmux(false, "kill-server");
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES) // a guard against a hung shell, not a timing assertion
  void interactiveShellOnAPseudoTerminal() throws Exception {
    assumeTrue(Files.isExecutable(Paths.get(TMUX)), "tmux is not installed at " + TMUX
        + "; this test drives the shell through a tmux pseudo-terminal");
    Path jar = Paths.get(System.getProperty("blueshift.jar", "target/blueshift.jar")).toAbsolutePath();
    assertThat(jar).exists();
    cluster = LocalCluster.start(dir.resolve("data"), 2, 2, 0);
    String url = "jdbc:blueshift://127.0.0.1:" + cluster.coordinator().jdbcPort() + "/dev";
    Blueshift.loadDemo(url, "tpch:0.001", dir.resolve("data"));

    Path home = Files.createDirectories(dir.resolve("home"));
    String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    String command = "env HOME=" + home + " TERM=xterm-256color " + javaBin
        + " --add-opens=java.base/java.nio=ALL-UNNAMED -jar " + jar + " sql --url " + url;
    tmux(true, "new-session", "-d", "-s", "shell", "-x", "160", "-y", "50", command);
    waitFor("the prompt", screen -> screen.contains("dev=> "));

    type("select n_name, n_nationkey from nation where n_nationkey < 3 order by 2;");
    String screen = waitFor("an aligned result", s -> s.contains("(3 rows)"));
    assertThat(screen).containsPattern("n_name\\s+\\| n_nationkey")
        .containsPattern("-+\\+-+")
        .containsPattern("ALGERIA\\s+\\|\\s+0");

    type("\\d lineitem");
    screen = waitFor("\\d lineitem", s -> s.contains("Table \"public.lineitem\""));
    assertThat(screen).containsPattern("l_orderkey\\s+\\| (bigint|integer|int8|int4)")
        .contains("l_shipinstruct");

    type("\\timing");
    waitFor("timing on", s -> s.contains("Timing is on."));
    type("select 40 + 2 as answer;");
    screen = waitFor("a timed statement", s -> s.contains("Time: "));
    assertThat(screen).containsPattern("answer\\s*\\n-+\\s*\\n\\s+42").contains("(1 row)");

    tmux(true, "send-keys", "-t", "shell", "-l", "select count(*) as n from linei");
    tmux(true, "send-keys", "-t", "shell", "Tab");
    waitFor("the completed table name", s -> s.contains("from lineitem"));
    type(";");
    long lineitems;
    try (var c = java.sql.DriverManager.getConnection(url, "admin", "");
        var rs = c.createStatement().executeQuery("select count(*) from lineitem")) {
      rs.next();
      lineitems = rs.getLong(1);
    }
    waitFor("the lineitem count", s -> s.matches("(?s).*\\n\\s+" + lineitems + "\\s*\\n\\(1 row\\).*"));

    tmux(true, "send-keys", "-t", "shell", "C-l");
    type(LONG_QUERY);
    waitFor("the progress line of the long query", s -> s.contains("(Ctrl-C cancels)"));
    tmux(true, "send-keys", "-t", "shell", "C-c");
    screen = waitFor("the cancelled query", s -> s.contains("canceling statement due to user request"));
    assertThat(screen).contains("ERROR:");

    type("select 'still here' as status;");
    waitFor("the shell answering after Ctrl-C", s -> s.contains("still here") && s.contains("(1 row)"));

    type("\\q");
    waitFor("the shell to exit", s -> !paneAlive());
  }

  private void type(String text) throws IOException, InterruptedException {
    // tmux reads an argument ending in ';' as a command separator: send that ';' by its code
    boolean semicolon = text.endsWith(";");
    String body = semicolon ? text.substring(0, text.length() - 1) : text;
    if (!body.isEmpty()) {
      tmux(true, "send-keys", "-t", "shell", "-l", body);
    }
    if (semicolon) {
      tmux(true, "send-keys", "-t", "shell", "-H", "3b");
    }
    tmux(true, "send-keys", "-t", "shell", "Enter");
  }

  private boolean paneAlive() {
    try {
      return tmux(false, "has-session", "-t", "shell").exitCode == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** Polls the screen (with its scroll-back) until {@code done}; fails naming {@code what}. */
  private String waitFor(String what, Predicate<String> done) throws Exception {
    String last = "";
    for (int i = 0; i < 1200; i++) {
      Result r = tmux(false, "capture-pane", "-p", "-J", "-t", "shell", "-S", "-300");
      if (r.exitCode == 0) {
        last = r.output;
      }
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + what + " on the screen:\n" + last);
  }

  private record Result(int exitCode, String output) {}

  private Result tmux(boolean check, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(TMUX, "-L", socket, "-f", "/dev/null"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    if (check && code != 0) {
      throw new AssertionError("tmux " + String.join(" ", args) + " failed (" + code + "): " + out);
    }
    return new Result(code, out);
  }
}
