package dev.blueshift.coordinator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real cluster (coordinator + 2 workers over gRPC on loopback) driven through JDBC. */
class LocalClusterTest {
  @TempDir
  Path dir;

  private static Connection connect(LocalCluster cluster) throws SQLException {
    int port = cluster.coordinator().jdbcPort();
    return DriverManager.getConnection("jdbc:avatica:remote:url=http://127.0.0.1:" + port + ";serialization=protobuf",
        "admin", "");
  }

  private static List<String> rows(Statement st, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int c = 1; c <= n; c++) {
          sb.append(c > 1 ? "|" : "").append(rs.getString(c));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  @Test
  void createCopySelectGroupByAcrossWorkersAndRestart() throws Exception {
    Path data = dir.resolve("data");
    Path file = dir.resolve("t.tbl");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      text.append(i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "c").append('|').append(i).append('|').append(i / 100.0).append('\n');
    }
    Files.writeString(file, text.toString());
    try (LocalCluster cluster = LocalCluster.start(data, 2, 2, 0);
        Connection conn = connect(cluster);
        Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE t (k VARCHAR(10), v INTEGER NOT NULL, d DECIMAL(10,2)) DISTKEY(v) SORTKEY(v)");
      st.execute("COPY t FROM '" + file + "'");
      assertThat(rows(st, "SELECT k, SUM(v) AS total, COUNT(*) AS n, MIN(d), MAX(d), AVG(v) FROM t GROUP BY k ORDER BY k"))
          .containsExactly("a|166833|334|0.00|9.99|499", "b|166167|333|0.01|9.97|499", "c|166500|333|0.02|9.98|500");
      assertThat(rows(st, "SELECT COUNT(*), SUM(d) FROM t WHERE v < 100 AND k = 'a'")).containsExactly("34|16.83");
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*), MAX(v) AS top, v + 1 FROM t WHERE v = 5 GROUP BY v")) {
        assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("count");
        assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("top");
        assertThat(rs.getMetaData().getColumnLabel(3)).isEqualTo("?column?");
      }
      assertThat(rows(st, "SELECT v FROM t WHERE v >= 995 ORDER BY v DESC LIMIT 3")).containsExactly("999", "998", "997");
      assertThatThrownBy(() -> rows(st, "SELECT k FROM no_such_table"))
          .isInstanceOf(SQLException.class).hasMessageContaining("no_such_table");
    }
    try (LocalCluster cluster = LocalCluster.start(data, 2, 2, 0);
        Connection conn = connect(cluster);
        Statement st = conn.createStatement()) {
      assertThat(rows(st, "SELECT COUNT(*), SUM(v) FROM t")).containsExactly("1000|499500");
    }
  }

  @Test
  void badRowFailsTheCopyAndLeavesTheTableUnchanged() throws Exception {
    Path file = dir.resolve("bad.tbl");
    Files.writeString(file, "x|1\ny|2\nz|oops\n");
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("data2"), 2, 2, 0);
        Connection conn = connect(cluster);
        Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE b (k CHAR(3), v INTEGER)");
      assertThatThrownBy(() -> st.execute("COPY b FROM '" + file + "'"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("line 3").hasMessageContaining("column v").hasMessageContaining("oops");
      assertThat(rows(st, "SELECT COUNT(*) FROM b")).containsExactly("0");
    }
  }
}
