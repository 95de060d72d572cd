package dev.blueshift.dist;

import java.util.concurrent.CountDownLatch;

/** Keeps a started node in the foreground: prints its ready line, then waits for SIGTERM/Ctrl-C. */
final class Foreground {
  private Foreground() {}

  /** Blocks until the JVM is asked to stop; the shutdown hook closes {@code node} before exit. */
  static int runUntilStopped(AutoCloseable node, String readyLine) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.close();
      } catch (Exception e) {
        System.err.println("ERROR: while stopping: " + e.getMessage());
      } finally {
        stopped.countDown();
      }
    }, "blueshift-shutdown"));
    // Scripts and tests wait for this exact line before connecting.
    System.out.println("ready: " + readyLine);
    System.out.flush();
    stopped.await();
    return 0;
  }
}
