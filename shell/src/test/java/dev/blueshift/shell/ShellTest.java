package dev.blueshift.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellTest {

  @Test
  void unreachableServerIsOneErrorLineAndExitCode2() throws Exception {
    // A reactor run that stops before 'package' puts jdbc-driver's unshaded classes, without
    // Avatica, on this class path; the driver is then not loadable (verify and -pl builds use the jar).
    assumeTrue(driverLoads(), "the Blueshift driver jar is not on the class path");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Shell.run(new ShellOptions("jdbc:blueshift://127.0.0.1:" + port + "/dev", "admin",
            null, List.of("select 1"), null, ShellOptions.Format.CSV),
        new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("ERROR:  cannot connect to Blueshift at 127.0.0.1:"
        + port + ": connection refused" + System.lineSeparator());
  }

  private static boolean driverLoads() {
    try {
      Class.forName("dev.blueshift.jdbc.Driver");
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  @Test
  void parsesCommandLines() {
    ShellOptions o = ShellOptions.fromArgs("--url", "jdbc:blueshift://h:1/db", "-c", "select 1",
        "-c", "select 2; select 3", "-f", "x.sql", "--format=csv", "-U", "admin");
    assertThat(o).isEqualTo(new ShellOptions("jdbc:blueshift://h:1/db", "admin", null,
        List.of("select 1", "select 2; select 3"), Paths.get("x.sql"), ShellOptions.Format.CSV));
    assertThat(ShellOptions.fromArgs()).isEqualTo(new ShellOptions(ShellOptions.DEFAULT_URL,
        "admin", null, List.of(), null, ShellOptions.Format.ALIGNED));
    assertThat(ShellOptions.fromArgs("--help")).isNull();
    ByteArrayOutputStream help = new ByteArrayOutputStream();
    assertThat(Shell.run(ShellOptions.fromArgs("-h"), new ByteArrayInputStream(new byte[0]),
        new PrintStream(help, true, StandardCharsets.UTF_8), System.err)).isZero();
    assertThat(help.toString(StandardCharsets.UTF_8)).startsWith("Usage: blueshift sql");
    assertThatThrownBy(() -> ShellOptions.fromArgs("--format", "xml"))
        .hasMessageContaining("unknown format \"xml\"");
    assertThatThrownBy(() -> ShellOptions.fromArgs("-c")).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> ShellOptions.fromArgs("--bogus")).hasMessageContaining("unknown option");
  }
}
