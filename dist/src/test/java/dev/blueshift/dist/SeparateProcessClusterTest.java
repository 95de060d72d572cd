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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster of separate processes, as {@code blueshift coordinator} and {@code blueshift worker}
 * run it: a worker that dies fails the query with a clear error instead of hanging it, and once
 * it is back on its data directory and port the cluster answers again with every row.
 */
class SeparateProcessClusterTest {
  private static final String SUM_QUERY = "SELECT COUNT(*), SUM(k) FROM t";

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
    String address1 = workerAddress(worker1);
    String workers = workerAddress(worker0) + "," + address1;
    NodeProcess coordinator = start("coordinator", "--data-dir", dir.resolve("c").toString(), "--port", "0",
        "--workers", workers);
    String url = coordinator.readyLine();
    assertThat(url).startsWith("jdbc:blueshift://127.0.0.1:");

    try (Connection c = DriverManager.getConnection(url, "admin", ""); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (k INTEGER, v VARCHAR(10)) DISTKEY(k)");
      st.execute("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e'), (6, 'f'), (7, 'g'), (8, 'h')");
      assertThat(countAndSum(st)).containsExactly(8L, 36L);

      worker1.kill();
      assertThatThrownBy(() -> countAndSum(st))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08006"))
          .hasMessageContaining("worker " + address1 + " is unavailable");

      start("worker", "--data-dir", dir.resolve("w1").toString(), "--port", port(address1)).readyLine();
      assertThat(countAndSum(st)).containsExactly(8L, 36L);
    }

    // The whole cluster stopped and started again on the same directories still has the table.
    coordinator.stop();
    worker0.stop();
    // Started together: the coordinator waits for its workers.
    start("worker", "--data-dir", dir.resolve("w0").toString(), "--port", port(workerAddress(worker0)));
    NodeProcess restarted = start("coordinator", "--data-dir", dir.resolve("c").toString(), "--port", "0",
        "--workers", workers);
    try (Connection c = DriverManager.getConnection(restarted.readyLine(), "admin", "");
        Statement st = c.createStatement()) {
      assertThat(countAndSum(st)).containsExactly(8L, 36L);
    }
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
