package dev.blueshift.bench.concurrency;

import dev.blueshift.bench.measure.AnswerFormat;
import dev.blueshift.bench.measure.QueryRunner;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * N clients, each on its own connection, each cycling through the query mix in its own shuffled
 * order (seeded by client number, so a run is repeatable) until the window closes. Every client
 * connects before the clock starts. A query past the per-query timeout is cancelled and counted as
 * a timeout; a query still running when the window closes is cancelled and not counted. Every
 * answer is compared with the engine's own single-client answer, so a result that concurrency
 * breaks is counted, not hidden in the throughput.
 */
public final class ClientMix {
  /** How long a cancelled query may take to stop before its connection is closed under it. */
  private static final long CANCEL_GRACE_SECONDS = 30;

  private static final int RUNNING = 0;
  private static final int TIMED_OUT = 1;
  private static final int WINDOW_CLOSED = 2;

  /** What to run. */
  public record Options(int clients, Duration window, long timeoutSeconds, long seed) {}

  private ClientMix() {}

  /** The order client {@code client} runs the mix in: a shuffle seeded by the run's seed and the client. */
  static List<String> orderFor(List<String> queries, long seed, int client) {
    List<String> order = new ArrayList<>(queries);
    Collections.shuffle(order, new Random(seed * 1_000_003L + client));
    return order;
  }

  /**
   * Runs the mix.
   *
   * @param queries query name to SQL, the whole mix
   * @param expected query name to the answer (formatted as {@link AnswerFormat}) one client got
   */
  public static MixResult run(QueryRunner.ConnectionSource source, Map<String, String> queries,
      Map<String, List<String>> expected, Options options) throws InterruptedException {
    List<String> names = List.copyOf(queries.keySet());
    ExecutorService pool = Executors.newFixedThreadPool(options.clients(), daemon("bench-client"));
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemon("bench-mix-watchdog"));
    try {
      Window window = new Window();
      CountDownLatch connected = new CountDownLatch(options.clients());
      List<Client> clients = new ArrayList<>();
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < options.clients(); i++) {
        Client client = new Client(i, orderFor(names, options.seed(), i), queries, expected, source, window,
            watchdog, options.timeoutSeconds(), connected);
        clients.add(client);
        running.add(pool.submit(client::run));
      }
      connected.await();
      long start = System.nanoTime();
      window.open(start + options.window().toNanos());
      TimeUnit.NANOSECONDS.sleep(options.window().toNanos());
      window.close();
      for (Client c : clients) {
        c.cancelRunning(WINDOW_CLOSED);
      }
      String abandoned = await(running, clients);
      long windowNanos = options.window().toNanos();
      List<MixResult.Completion> completions = new ArrayList<>();
      List<MixResult.Failure> errors = new ArrayList<>();
      List<MixResult.Failure> timeouts = new ArrayList<>();
      List<MixResult.Failure> wrong = new ArrayList<>();
      int unfinished = 0;
      for (Client c : clients) {
        synchronized (c) {
          completions.addAll(c.completions);
          errors.addAll(c.errors);
          timeouts.addAll(c.timeouts);
          wrong.addAll(c.wrong);
          unfinished += c.unfinished;
        }
      }
      return new MixResult(options.clients(), windowNanos, completions, errors, timeouts, wrong, unfinished, abandoned);
    } finally {
      pool.shutdownNow();
      watchdog.shutdownNow();
    }
  }

  /** Waits for the clients to stop; closes connections under the ones that ignore the cancel. */
  private static String await(List<Future<?>> running, List<Client> clients) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(CANCEL_GRACE_SECONDS);
    for (int i = 0; i < running.size(); i++) {
      try {
        running.get(i).get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        clients.get(i).closeConnection();
        try {
          running.get(i).get(10, TimeUnit.SECONDS);
        } catch (TimeoutException stillRunning) {
          return "client " + i + " did not stop " + CANCEL_GRACE_SECONDS + " s after the window closed,"
              + " even with its connection closed";
        } catch (ExecutionException ignored) {
          // the closed connection ended it
        }
      } catch (ExecutionException e) {
        // a client records its own failures; an exception here is a bug in the client loop
        return "client " + i + " failed: " + QueryRunner.message(e.getCause());
      }
    }
    return null;
  }

  /** The measured window, shared by the clients: not yet open, open until a deadline, closed. */
  private static final class Window {
    private volatile long deadline = Long.MAX_VALUE;
    private volatile boolean closed;
    private final CountDownLatch opened = new CountDownLatch(1);

    void open(long deadlineNanos) {
      deadline = deadlineNanos;
      opened.countDown();
    }

    void close() {
      closed = true;
    }

    /**
     * Whether a client may start a query: before the deadline and not closed (the closing thread
     * may wake late on a busy machine; queries started after the deadline would only be cut).
     */
    boolean isOpen() {
      return !closed && System.nanoTime() < deadline;
    }

    void awaitOpen() throws InterruptedException {
      opened.await();
    }
  }

  /** One client: its connection, its order, and what it saw. */
  private static final class Client {
    private final int id;
    private final List<String> order;
    private final Map<String, String> queries;
    private final Map<String, List<String>> expected;
    private final QueryRunner.ConnectionSource source;
    private final Window window;
    private final ScheduledExecutorService watchdog;
    private final long timeoutSeconds;
    private final CountDownLatch connected;
    private final AtomicReference<Run> current = new AtomicReference<>();
    private volatile Connection connection;

    final List<MixResult.Completion> completions = new ArrayList<>();
    final List<MixResult.Failure> errors = new ArrayList<>();
    final List<MixResult.Failure> timeouts = new ArrayList<>();
    final List<MixResult.Failure> wrong = new ArrayList<>();
    int unfinished;

    Client(int id, List<String> order, Map<String, String> queries, Map<String, List<String>> expected,
        QueryRunner.ConnectionSource source, Window window, ScheduledExecutorService watchdog, long timeoutSeconds,
        CountDownLatch connected) {
      this.id = id;
      this.order = order;
      this.queries = queries;
      this.expected = expected;
      this.source = source;
      this.window = window;
      this.watchdog = watchdog;
      this.timeoutSeconds = timeoutSeconds;
      this.connected = connected;
    }

    void run() {
      try {
        connection = source.open();
      } catch (SQLException | RuntimeException e) {
        synchronized (this) {
          errors.add(new MixResult.Failure("connect", id, QueryRunner.message(e)));
        }
        return;
      } finally {
        connected.countDown();
      }
      try {
        window.awaitOpen();
        for (int i = 0; window.isOpen(); i++) {
          String query = order.get(i % order.size());
          if (!runOne(query)) {
            break;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        closeConnection();
      }
    }

    /** One query; false when the client cannot go on (its connection is gone and cannot be reopened). */
    private boolean runOne(String query) {
      Statement st;
      try {
        if (connection == null || connection.isClosed()) {
          connection = source.open();
        }
        st = connection.createStatement();
      } catch (SQLException e) {
        synchronized (this) {
          errors.add(new MixResult.Failure(query, id, QueryRunner.message(e)));
        }
        return false;
      }
      Run run = new Run(st);
      current.set(run);
      // the window may have closed between the loop's check and here: then the sweep may have missed st
      if (!window.isOpen()) {
        current.set(null);
        close(st);
        return false;
      }
      ScheduledFuture<?> timer = watchdog.schedule(() -> run.cancel(TIMED_OUT), timeoutSeconds, TimeUnit.SECONDS);
      long start = System.nanoTime();
      try (ResultSet rs = st.executeQuery(queries.get(query))) {
        List<String> answer = AnswerFormat.format(rs);
        long end = System.nanoTime();
        timer.cancel(false);
        record(query, run.state.get(), end - start, end, answer, null);
      } catch (SQLException | RuntimeException e) {
        timer.cancel(false);
        record(query, run.state.get(), 0, System.nanoTime(), null, QueryRunner.message(e));
      } finally {
        current.set(null);
        close(st);
      }
      return true;
    }

    private synchronized void record(String query, int why, long nanos, long end, List<String> answer, String error) {
      if (why == WINDOW_CLOSED || end > window.deadline) {
        unfinished++;
      } else if (why == TIMED_OUT) {
        timeouts.add(new MixResult.Failure(query, id, "timeout after " + timeoutSeconds + " s"));
      } else if (error != null) {
        errors.add(new MixResult.Failure(query, id, error));
      } else {
        List<String> want = expected.get(query);
        String difference = want == null ? null : AnswerFormat.difference(want, answer);
        if (difference != null) {
          wrong.add(new MixResult.Failure(query, id, difference));
        } else {
          completions.add(new MixResult.Completion(query, id, nanos));
        }
      }
    }

    /** Cancels the running query, if any, for the given reason. */
    void cancelRunning(int reason) {
      Run run = current.get();
      if (run != null) {
        run.cancel(reason);
      }
    }

    void closeConnection() {
      Connection c = connection;
      if (c != null) {
        close(c);
      }
    }

    private static void close(AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing after the query ended; its outcome is already recorded
      }
    }
  }

  /** One query execution: its statement and why it ended early, if it did (the first reason wins). */
  private static final class Run {
    final Statement st;
    final AtomicInteger state = new AtomicInteger(RUNNING);

    Run(Statement st) {
      this.st = st;
    }

    void cancel(int reason) {
      if (state.compareAndSet(RUNNING, reason)) {
        try {
          st.cancel();
        } catch (SQLException | RuntimeException ignored) {
          // the client's own wait (or the closing of its connection) ends the query
        }
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
  }
}
