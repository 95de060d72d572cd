package dev.blueshift.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A {@code blueshift} subcommand running in its own JVM, started from the test classpath. */
final class NodeProcess implements AutoCloseable {
  private final Process process;
  private final StringBuilder output = new StringBuilder();
  private final CompletableFuture<String> ready = new CompletableFuture<>();

  private NodeProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readOutput, "node-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code blueshift ARGS...}; {@link #readyLine} waits until it is up. */
  static NodeProcess launch(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-opens=java.base/java.nio=ALL-UNNAMED",
        // small, quick-starting JVMs: the test starts seven of them on a shared machine
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), Blueshift.class.getName()));
    command.addAll(List.of(args));
    return new NodeProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  private void readOutput() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        synchronized (output) {
          output.append(line).append('\n');
        }
        if (line.startsWith("ready: ")) {
          ready.complete(line.substring("ready: ".length()));
        }
      }
    } catch (IOException e) {
      // the process was killed; its output ends here
    }
    ready.completeExceptionally(new IllegalStateException("node exited before it was ready:\n" + output()));
  }

  /**
   * Waits for the node to be up; what it printed after {@code ready: }, e.g.
   * {@code worker 127.0.0.1:PORT} or a JDBC URL.
   */
  String readyLine() {
    try {
      return ready.get(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("node did not start:\n" + output(), e);
    }
  }

  String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  /** Waits for the process to end by itself and for all its output; its exit code. */
  int exitCode() throws InterruptedException {
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("node did not exit:\n" + output());
    }
    try {
      ready.get(1, TimeUnit.MINUTES); // completes when the output ends
    } catch (Exception endOfOutput) {
      // expected: the node exited without becoming ready
    }
    return process.exitValue();
  }

  /** Kills the process at once, as a crash or {@code kill -9} would. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** SIGTERM, then waits for the clean shutdown; the exit code. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
