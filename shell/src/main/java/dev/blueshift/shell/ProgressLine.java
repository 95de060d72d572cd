package dev.blueshift.shell;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The live status line of a statement running longer than a second on a terminal: elapsed time,
 * rows fetched and rows per second (or what {@code detail} reports, e.g. a COPY's bytes), redrawn
 * in place with a carriage return and erased before results are printed.
 */
final class ProgressLine implements AutoCloseable {
  private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
  private static final String ERASE = "\r\u001b[K";

  private final PrintStream terminal;
  private final long start = System.nanoTime();
  private final AtomicLong rows = new AtomicLong();
  private final Supplier<String> detail;
  private final ScheduledFuture<?> task;
  private boolean shown;
  private boolean stopped;

  /** Starts drawing on {@code terminal}; {@code detail} (may be null or return null) adds to the line. */
  ProgressLine(PrintStream terminal, ScheduledExecutorService timer, Supplier<String> detail) {
    this.terminal = terminal;
    this.detail = detail;
    this.task = timer.scheduleAtFixedRate(this::draw, 250, 250, TimeUnit.MILLISECONDS);
  }

  /** A timer thread for progress lines (a daemon, so it never keeps the shell alive). */
  static ScheduledExecutorService newTimer() {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "blueshift-shell-progress");
      t.setDaemon(true);
      return t;
    });
  }

  /** One more row fetched. */
  void row() {
    rows.incrementAndGet();
  }

  /** The line as it is drawn now (for tests). */
  static String text(double seconds, long rows, String detail) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "… %.1f s", seconds));
    if (rows > 0) {
      sb.append(String.format(Locale.ROOT, ", %,d rows, %,.0f rows/s", rows, rows / Math.max(seconds, 1e-3)));
    }
    if (detail != null && !detail.isEmpty()) {
      sb.append(", ").append(detail);
    }
    return sb.append("  (Ctrl-C cancels)").toString();
  }

  private synchronized void draw() {
    long elapsed = System.nanoTime() - start;
    if (stopped || elapsed < SHOW_AFTER_NANOS) {
      return;
    }
    String extra = null;
    if (detail != null) {
      try {
        extra = detail.get();
      } catch (RuntimeException e) {
        extra = null;
      }
    }
    terminal.print(ERASE + text(elapsed / 1e9, rows.get(), extra));
    terminal.flush();
    shown = true;
  }

  /** Stops and erases the line; idempotent. Call before printing anything else. */
  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    task.cancel(false);
    if (shown) {
      terminal.print(ERASE);
      terminal.flush();
    }
  }
}
