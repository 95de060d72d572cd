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

  /** Starts {@code blueshift ARGS...} and waits for its {@code ready: } line. */
  static NodeProcess start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), Blueshift.class.getName()));
    command.addAll(List.of(args));
    NodeProcess node = new NodeProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    node.awaitReady();
    return node;
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

  private void awaitReady() {
    try {
      ready.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("node did not start:\n" + output(), e);
    }
  }

  /** What the node printed after {@code ready: }, e.g. {@code worker 127.0.0.1:PORT} or a JDBC URL. */
  String readyLine() {
    return ready.join();
  }

  String output() {
    synchronized (output) {
      return output.toString();
    }
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
