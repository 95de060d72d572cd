package dev.blueshift.coordinator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.coordinator.server.LocalCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EXPLAIN on a real cluster: the distributed plan with Redshift's join distribution labels. */
class ExplainTest {
  @TempDir
  static Path dir;
  static LocalCluster cluster;
  static Connection connection;

  @BeforeAll
  static void start() throws Exception {
    cluster = LocalCluster.start(dir, 2, 2, 0);
    connection = DriverManager.getConnection(cluster.jdbcUrl(), "admin", "");
    try (Statement st = connection.createStatement()) {
      st.execute("CREATE TABLE orders (o_orderkey INT NOT NULL, o_custkey INT, o_total DECIMAL(12,2)) DISTKEY(o_orderkey)");
      st.execute("CREATE TABLE lineitem (l_orderkey INT NOT NULL, l_qty INT, l_nation INT) DISTKEY(l_orderkey)");
      st.execute("CREATE TABLE nation (n_nationkey INT NOT NULL, n_name VARCHAR(25)) DISTSTYLE ALL");
      st.execute("CREATE TABLE customer (c_custkey INT NOT NULL, c_name VARCHAR(25)) DISTKEY(c_custkey)");
      st.execute("INSERT INTO orders VALUES (1, 1, 10.00), (2, 2, 20.00), (3, 1, 30.00)");
      st.execute("INSERT INTO lineitem VALUES (1, 5, 0), (1, 7, 1), (3, 1, 0)");
      st.execute("INSERT INTO nation VALUES (0, 'ALGERIA'), (1, 'ARGENTINA')");
      st.execute("INSERT INTO customer VALUES (1, 'a'), (2, 'b')");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    connection.close();
    cluster.close();
  }

  private static List<String> explain(String sql) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("EXPLAIN " + sql)) {
      assertThat(rs.getMetaData().getColumnName(1)).isEqualTo("QUERY PLAN");
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
    }
    return lines;
  }

  @Test
  void joinOnBothDistKeysMovesNothing() throws Exception {
    List<String> plan = explain("SELECT o_orderkey, sum(l_qty) FROM orders JOIN lineitem ON l_orderkey = o_orderkey GROUP BY o_orderkey");
    assertThat(String.join("\n", plan)).contains("XN Hash Join DS_DIST_NONE").contains("Send to leader")
        .contains("XN Seq Scan on orders").contains("XN Seq Scan on lineitem").doesNotContain("Distribute");
  }

  @Test
  void joinWithAllTableReadsTheLocalCopy() throws Exception {
    List<String> plan = explain("SELECT n_name, l_qty FROM lineitem JOIN nation ON n_nationkey = l_nation");
    assertThat(String.join("\n", plan)).contains("DS_DIST_ALL_NONE").doesNotContain("Broadcast");
  }

  @Test
  void joinOffTheDistKeyMovesOneSide() throws Exception {
    String text = String.join("\n", explain("SELECT c_name, o_total FROM orders JOIN customer ON c_custkey = o_custkey"));
    assertThat(text).containsAnyOf("DS_DIST_INNER", "DS_DIST_OUTER", "DS_BCAST_INNER");
    assertThat(text).containsAnyOf("Distribute", "Broadcast");
  }

  @Test
  void explainDoesNotRunTheQueryAndAnswersStillMatch() throws Exception {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT c_name, sum(o_total) FROM orders JOIN customer ON c_custkey = o_custkey "
            + "GROUP BY c_name ORDER BY c_name")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + "=" + rs.getBigDecimal(2));
      }
      assertThat(rows).containsExactly("a=40.00", "b=20.00");
    }
  }

  @Test
  void explainAnalyzeCountsRowsPerOperatorAcrossSlices() throws SQLException {
    List<String> lines = explain("ANALYZE SELECT l_nation, SUM(l_qty) FROM lineitem JOIN orders ON l_orderkey = o_orderkey"
        + " WHERE o_total > 15 GROUP BY l_nation");
    assertThat(lines).anyMatch(l -> l.contains("XN Hash Join DS_DIST_NONE") && l.contains("actual rows=1 "));
    assertThat(lines).anyMatch(l -> l.contains("XN Seq Scan on lineitem") && l.contains("actual rows=3 ")
        && l.contains("slices=4") && l.contains("blocks read="));
    assertThat(lines).anyMatch(l -> l.contains("XN Seq Scan on orders") && l.contains("actual rows=2 "));
    assertThat(lines).anyMatch(l -> l.contains("XN HashAggregate (final)") && l.contains("actual rows=1 "));
    assertThat(lines.get(lines.size() - 1)).startsWith("Execution time:").endsWith(", 1 rows");
  }

  /** Segments whose key range cannot match are left out at planning time; the scans read no block. */
  @Test
  void explainAnalyzeReportsSegmentsPrunedByZoneMaps() throws SQLException {
    List<String> pruned = explain("ANALYZE SELECT COUNT(*) FROM orders WHERE o_orderkey > 100");
    assertThat(pruned).anyMatch(l -> l.contains("XN Seq Scan on orders") && l.contains("actual rows=0 ")
        && l.contains("blocks read=0 skipped=0"));
    assertThat(pruned).anyMatch(l -> l.matches("Segments pruned by zone maps: [1-9][0-9]*"));

    List<String> kept = explain("ANALYZE SELECT COUNT(*) FROM orders WHERE o_orderkey >= 1");
    assertThat(kept).anyMatch(l -> l.contains("XN Seq Scan on orders") && l.contains("actual rows=3 "));
    assertThat(kept).contains("Segments pruned by zone maps: 0");
  }
}
