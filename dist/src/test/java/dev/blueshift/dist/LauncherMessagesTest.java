package dev.blueshift.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code blueshift} says when it cannot start: one {@code ERROR:} line naming the port and
 * the flag, the data directory held by another running cluster, a JDK that is too old — no usage
 * text, no stack trace.
 */
class LauncherMessagesTest {
  @TempDir
  Path dir;

  @Test
  void portInUseNamesThePortAndTheFlag() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      NodeProcess node = NodeProcess.launch("local", "--data-dir", dir.resolve("d").toString(), "--port",
          Integer.toString(port));
      assertThat(node.exitCode()).isEqualTo(1);
      assertThat(node.output().strip())
          .isEqualTo("ERROR: port " + port + " is already in use; choose another with --port");
    }
  }

  @Test
  void dataDirectoryOfARunningClusterIsRefused() throws Exception {
    Path data = dir.resolve("data");
    DataDirLock.acquire(data, "--data-dir"); // as the running cluster holds it
    NodeProcess node = NodeProcess.launch("local", "--data-dir", data.toString(), "--port", "0");
    assertThat(node.exitCode()).isEqualTo(1);
    assertThat(node.output().strip()).isEqualTo("ERROR: data directory " + data
        + " is in use by another running Blueshift (pid " + ProcessHandle.current().pid()
        + "); stop it, or choose another directory with --data-dir");
  }

  @Test
  void tooOldJdkIsNamed() throws Exception {
    Path fakeJdk = Files.createDirectories(dir.resolve("jdk11/bin"));
    Path java = fakeJdk.resolve("java");
    Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path script = Paths.get("..", "blueshift").toAbsolutePath().normalize();
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "sql", "-c", "select 1").redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", dir.resolve("jdk11").toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(out.strip()).isEqualTo("blueshift: Java 11 is too old; Blueshift needs JDK 17 or newer");
  }
}
