package dev.blueshift.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.coordinator.server.LocalCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CREATE/DROP INDEX are accepted for portability (checked against the table) and change nothing. */
class IndexStatementTest {
  @TempDir
  Path dir;

  @Test
  void indexStatementsAreCheckedAndIgnored() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir, 1, 2, 0);
        Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "admin", "");
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t1 (a INTEGER, b INTEGER)");
      st.execute("INSERT INTO t1 VALUES (1, 2), (3, 4)");
      assertThat(st.executeUpdate("CREATE UNIQUE INDEX t1i ON t1 (a DESC, b)")).isZero();
      assertThatThrownBy(() -> st.execute("CREATE INDEX t1j ON t1 (zz)")).hasMessageContaining("zz");
      assertThatThrownBy(() -> st.execute("CREATE INDEX t1k ON nope (a)")).hasMessageContaining("nope");
      st.execute("DROP INDEX t1i");
      try (ResultSet rs = st.executeQuery("SELECT sum(a + b) FROM t1")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(10);
      }
    }
  }
}
