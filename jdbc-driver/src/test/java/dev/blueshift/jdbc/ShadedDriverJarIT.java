package dev.blueshift.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged driver jar works alone: a child JVM with nothing else on its class path finds the
 * driver through service loading, carries its dependencies relocated, and reports a refused
 * connection in one clear line.
 */
class ShadedDriverJarIT {

  @Test
  void driverLoadsFromTheShadedJarAlone(@TempDir Path tmp) throws Exception {
    Path jar = Paths.get(System.getProperty("blueshift.jdbc.jar", "target/blueshift-jdbc-0.1.0.jar"));
    assertThat(jar).exists();
    Path probe = Paths.get("src/test/resources/DriverProbe.java").toAbsolutePath();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Path output = tmp.resolve("probe.out");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", jar.toAbsolutePath().toString(), probe.toString(),
        Integer.toString(closedPort))
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    List<String> out = Files.readAllLines(output, StandardCharsets.UTF_8);

    assertThat(p.exitValue()).as("probe output: %s", out).isZero();
    assertThat(out).contains("driver=dev.blueshift.jdbc.Driver",
        "registered=dev.blueshift.jdbc.Driver",
        "error=cannot connect to Blueshift at 127.0.0.1:" + closedPort + ": connection refused",
        "sqlstate=08001");
    assertThat(out).noneMatch(line -> line.startsWith("unrelocated="));
    // nothing else is printed: no SLF4J provider warnings, no stack traces
    assertThat(out).allMatch(line -> line.matches("(driver|registered|error|sqlstate)=.*"));
  }
}
