package dev.blueshift.bench.measure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a query one warm-up time (its rows kept, formatted for the answer check) and then N timed
 * times, each timed from execute until the last row is read. A run that passes the timeout is
 * cancelled with {@link Statement#cancel()}; if the engine ignores the cancel, the connection is
 * closed and a new one opened; if even that does not free the run, the engine is given up on.
 */
public final class QueryRunner implements AutoCloseable {
  /** Opens connections to one engine. */
  @FunctionalInterface
  public interface ConnectionSource {
    Connection open() throws SQLException;
  }

  private static final long CANCEL_GRACE_SECONDS = 30;

  private final ConnectionSource source;
  private final long timeoutSeconds;
  private final ScheduledExecutorService watchdog;
  private ExecutorService runner;
  private Connection connection;
  private String givenUp;

  public QueryRunner(ConnectionSource source, long timeoutSeconds) {
    this.source = source;
    this.timeoutSeconds = timeoutSeconds;
    this.watchdog = Executors.newSingleThreadScheduledExecutor(named("bench-watchdog"));
    this.runner = Executors.newSingleThreadExecutor(named("bench-query"));
  }

  /** 1 warm-up run (answer kept) and {@code timedRuns} timed runs. */
  public QueryOutcome run(String sql, int timedRuns) {
    if (givenUp != null) {
      return QueryOutcome.skipped(givenUp);
    }
    List<Long> times = new ArrayList<>();
    List<String> answer = null;
    for (int i = 0; i <= timedRuns; i++) {
      Run run = once(sql, i == 0);
      if (run.outcome != null) {
        return run.outcome;
      }
      if (i == 0) {
        answer = run.answer;
      } else {
        times.add(run.nanos);
      }
    }
    return QueryOutcome.ok(times, answer);
  }

  /** Executes one statement without timing it (DDL, settings). */
  public void execute(String sql) throws SQLException {
    try (Statement st = connection().createStatement()) {
      st.execute(sql);
    }
  }

  private record Run(long nanos, List<String> answer, QueryOutcome outcome) {}

  private Run once(String sql, boolean keepAnswer) {
    Connection c;
    Statement st;
    try {
      c = connection();
      st = c.createStatement();
    } catch (SQLException e) {
      return new Run(0, null, QueryOutcome.failed(message(e)));
    }
    AtomicBoolean cancelled = new AtomicBoolean();
    ScheduledFuture<?> cancel = watchdog.schedule(() -> {
      cancelled.set(true);
      try {
        st.cancel();
      } catch (SQLException | RuntimeException ignored) {
        // the run's own wait below closes the connection if the cancel did not stop it
      }
    }, timeoutSeconds, TimeUnit.SECONDS);
    Future<Run> future = runner.submit(() -> execute(st, sql, keepAnswer));
    try {
      Run run = future.get(timeoutSeconds + CANCEL_GRACE_SECONDS, TimeUnit.SECONDS);
      return cancelled.get() ? new Run(0, null, QueryOutcome.timeout(timeoutSeconds)) : run;
    } catch (ExecutionException e) {
      if (cancelled.get()) {
        return new Run(0, null, QueryOutcome.timeout(timeoutSeconds));
      }
      return new Run(0, null, QueryOutcome.failed(message(e.getCause())));
    } catch (TimeoutException e) {
      abandon(future);
      return new Run(0, null, QueryOutcome.timeout(timeoutSeconds));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Run(0, null, QueryOutcome.failed("interrupted"));
    } finally {
      cancel.cancel(false);
      closeQuietly(st);
    }
  }

  private static Run execute(Statement st, String sql, boolean keepAnswer) throws SQLException {
    long start = System.nanoTime();
    try (ResultSet rs = st.executeQuery(sql)) {
      if (keepAnswer) {
        List<String> answer = AnswerFormat.format(rs);
        return new Run(System.nanoTime() - start, answer, null);
      }
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int col = 1; col <= columns; col++) {
          rs.getObject(col);
        }
      }
      return new Run(System.nanoTime() - start, null, null);
    }
  }

  /** The engine ignored the cancel: drop the connection and, if the run still hangs, the engine. */
  private void abandon(Future<Run> future) {
    closeQuietly(connection);
    connection = null;
    try {
      future.get(10, TimeUnit.SECONDS);
    } catch (TimeoutException stillRunning) {
      givenUp = "skipped: the engine did not stop a query after its timeout";
      runner.shutdownNow();
      runner = Executors.newSingleThreadExecutor(named("bench-query"));
    } catch (ExecutionException expected) {
      // the closed connection ended the run
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = source.open();
    }
    return connection;
  }

  /**
   * The first line of an error's message (engines' messages can carry whole stack traces and the
   * query text).
   */
  public static String message(Throwable e) {
    Throwable t = e;
    String m = t.getMessage();
    while ((m == null || m.isBlank()) && t.getCause() != null) {
      t = t.getCause();
      m = t.getMessage();
    }
    if (m == null) {
      return t.getClass().getSimpleName();
    }
    // Blueshift's driver wraps the server's message (after the SQL text); keep the server's own words
    String server = dev.blueshift.jdbc.ServerMessages.of(m).strip();
    String first = server.lines().findFirst().orElse(server);
    return first.length() > 300 ? first.substring(0, 300) + "…" : first;
  }

  private static java.util.concurrent.ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception ignored) {
      // closing after a failure or timeout; the outcome already says what went wrong
    }
  }

  @Override
  public void close() {
    closeQuietly(connection);
    runner.shutdownNow();
    watchdog.shutdownNow();
  }
}
