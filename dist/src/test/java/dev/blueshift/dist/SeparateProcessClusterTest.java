package dev.blueshift.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster of separate processes, as {@code blueshift coordinator} and {@code blueshift worker}
 * run it: a worker that dies (before or during a query) fails the query with a clear error
 * instead of hanging it, and once it is back on its data directory and port the cluster answers
 * again with every row.
 */
class SeparateProcessClusterTest {
  private static final int ROWS = 200_000;
  /** A coordinator requires a password for admin, set on its first start. */
  private static final String ADMIN_PASSWORD = "Admin1234";
  private static final String SUM_QUERY = "SELECT COUNT(*), SUM(k) FROM t";
  /** About 80 million joined pairs: seconds of work on every slice. */
  private static final String LONG_JOIN = "SELECT COUNT(*) FROM t a JOIN t b ON a.k % 500 = b.k % 500";

  @TempDir
  Path dir;

  private final List<NodeProcess> nodes = new ArrayList<>();

  @AfterEach
  void stopAll() throws InterruptedException {
    for (NodeProcess node : nodes) {
      node.close();
    }
  }

  @Test
  // A guard against the hang this test is about, not a timing assertion.
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void killedWorkerFailsTheQueryAndTheRestartedWorkerServesItsSlicesAgain() throws Exception {
    NodeProcess worker0 = start("worker", "--data-dir", dir.resolve("w0").toString(), "--port", "0");
    NodeProcess worker1 = start("worker", "--data-dir", dir.resolve("w1").toString(), "--port", "0");
    String address0 = workerAddress(worker0);
    String address1 = workerAddress(worker1);
    String workers = address0 + "," + address1;
    NodeProcess coordinator = start("coordinator", "--data-dir", dir.resolve("c").toString(), "--port", "0",
        "--workers", workers, "--admin-password", ADMIN_PASSWORD);
    String url = coordinator.readyLine();
    assertThat(url).startsWith("jdbc:blueshift://127.0.0.1:");
    List<Long> expected = List.of((long) ROWS, (long) ROWS * (ROWS + 1) / 2);

    try (Connection c = DriverManager.getConnection(url, "admin", ADMIN_PASSWORD); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (k INTEGER, v VARCHAR(10)) DISTKEY(k)");
      fill(st);
      assertThat(countAndSum(st)).isEqualTo(expected);

      worker1.kill();
      assertUnavailable(() -> countAndSum(st), address1);

      start("worker", "--data-dir", dir.resolve("w1").toString(), "--port", port(address1)).readyLine();
      assertThat(countAndSum(st)).isEqualTo(expected);

      // Killed while a long join runs on it: the query fails rather than waiting for the worker.
      ExecutorService client = Executors.newSingleThreadExecutor();
      try {
        Future<Long> join = client.submit(() -> {
          try (ResultSet rs = st.executeQuery(LONG_JOIN)) {
            rs.next();
            return rs.getLong(1);
          }
        });
        Thread.sleep(500); // let the join start; killed before it starts, the query fails the same way
        worker0.kill();
        assertThatThrownBy(join::get).isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08006"))
            .hasMessageContaining("worker " + address0 + " is unavailable");
      } finally {
        client.shutdownNow();
      }
    }

    // The whole cluster stopped and started again on the same directories still has the table.
    coordinator.stop();
    // Started together: the coordinator waits for its workers.
    start("worker", "--data-dir", dir.resolve("w0").toString(), "--port", port(address0));
    NodeProcess restarted = start("coordinator", "--data-dir", dir.resolve("c").toString(), "--port", "0",
        "--workers", workers);
    try (Connection c = DriverManager.getConnection(restarted.readyLine(), "admin", ADMIN_PASSWORD);
        Statement st = c.createStatement()) {
      assertThat(countAndSum(st)).isEqualTo(expected);
    }
  }

  private static void assertUnavailable(ThrowingCallable query, String worker) {
    assertThatThrownBy(query)
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08006"))
        .hasMessageContaining("worker " + worker + " is unavailable");
  }

  /** Rows k = 1..ROWS: a cross join of two 0..499 ranges, one INSERT instead of thousands. */
  private static void fill(Statement st) throws SQLException {
    StringBuilder digits = new StringBuilder("INSERT INTO d VALUES (0)");
    for (int i = 1; i < 500; i++) {
      digits.append(", (").append(i).append(')');
    }
    st.execute("CREATE TABLE d (i INTEGER) DISTSTYLE ALL");
    st.execute(digits.toString());
    st.execute("INSERT INTO t SELECT a.i * 500 + b.i + 1, 'v' FROM d a CROSS JOIN d b WHERE a.i < " + ROWS / 500);
  }

  private NodeProcess start(String... args) throws Exception {
    NodeProcess node = NodeProcess.launch(args);
    nodes.add(node);
    return node;
  }

  private static String workerAddress(NodeProcess worker) {
    assertThat(worker.readyLine()).startsWith("worker 127.0.0.1:");
    return worker.readyLine().substring("worker ".length());
  }

  private static String port(String address) {
    return address.substring(address.lastIndexOf(':') + 1);
  }

  private static List<Long> countAndSum(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery(SUM_QUERY)) {
      assertThat(rs.next()).isTrue();
      return List.of(rs.getLong(1), rs.getLong(2));
    }
  }
}
