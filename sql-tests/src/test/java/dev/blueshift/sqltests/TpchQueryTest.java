package dev.blueshift.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.coordinator.server.LocalCluster;
import dev.blueshift.dist.TpchGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TPC-H at SF0.01 on a real cluster (coordinator + 2 workers over gRPC), loaded with the shared
 * Redshift DDL and plain COPY, queried through the Blueshift JDBC driver, compared with the
 * shared expected answers.
 */
class TpchQueryTest {
  @TempDir
  static Path dir;
  static LocalCluster cluster;
  static Connection connection;

  @BeforeAll
  static void load() throws Exception {
    Path shared = SharedFiles.shared();
    Path data = dir.resolve("tbl");
    TpchGenerator.generate(0.01, data);
    cluster = LocalCluster.start(dir.resolve("cluster"), 2, 2, 0);
    connection = DriverManager.getConnection(cluster.jdbcUrl(), "admin", "");
    try (Statement st = connection.createStatement()) {
      for (String ddl : Files.readString(shared.resolve("tpch/ddl.sql")).replaceAll("(?m)^--.*$", "").split(";")) {
        if (!ddl.isBlank()) {
          st.execute(ddl);
        }
      }
      for (String table : List.of("region", "nation", "supplier", "part", "partsupp", "customer", "orders", "lineitem")) {
        st.execute("COPY " + table + " FROM '" + data.resolve(table + ".tbl") + "'");
      }
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM lineitem")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(60_175);
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (connection != null) {
      connection.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"q01", "q06"})
  void answersMatch(String query) throws Exception {
    Path shared = SharedFiles.shared();
    String sql = Files.readString(shared.resolve("tpch/queries/" + query + ".sql")).trim().replaceAll(";$", "");
    List<String> expected = Files.readAllLines(shared.resolve("tpch/answers-sf0.01/" + query + ".txt"));
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      assertThat(TpchAnswers.format(rs)).containsExactlyElementsOf(expected);
    }
  }
}
