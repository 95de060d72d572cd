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
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 22 TPC-H queries at SF0.01 on real clusters (a coordinator and 1, 2 or 3 workers with 2
 * slices each, over gRPC), loaded with the shared Redshift DDL and plain COPY, queried through
 * the Blueshift JDBC driver and compared with the shared expected answers.
 */
class TpchQueryTest {
  @TempDir
  static Path dir;
  private static Path data;

  /** The generated .tbl files, made once for all cluster sizes. */
  static synchronized Path data() throws Exception {
    if (data == null) {
      data = dir.resolve("tbl");
      TpchGenerator.generate(0.01, data);
    }
    return data;
  }

  static Stream<String> queries() {
    return IntStream.rangeClosed(1, 22).mapToObj(q -> String.format("q%02d", q));
  }

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class OnCluster {
    private LocalCluster cluster;
    private Connection connection;

    abstract int workers();

    @BeforeAll
    void load() throws Exception {
      Path shared = SharedFiles.shared();
      Path tbl = data();
      cluster = LocalCluster.start(dir.resolve("cluster-" + workers()), workers(), 2, 0);
      connection = DriverManager.getConnection(cluster.jdbcUrl(), "admin", "");
      try (Statement st = connection.createStatement()) {
        for (String ddl : Files.readString(shared.resolve("tpch/ddl.sql")).replaceAll("(?m)^--.*$", "").split(";")) {
          if (!ddl.isBlank()) {
            st.execute(ddl);
          }
        }
        for (String table : List.of("region", "nation", "supplier", "part", "partsupp", "customer", "orders", "lineitem")) {
          st.execute("COPY " + table + " FROM '" + tbl.resolve(table + ".tbl") + "'");
        }
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM lineitem")) {
          rs.next();
          assertThat(rs.getLong(1)).isEqualTo(60_175);
        }
      }
    }

    @AfterAll
    void stop() throws Exception {
      if (connection != null) {
        connection.close();
      }
      if (cluster != null) {
        cluster.close();
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.blueshift.sqltests.TpchQueryTest#queries")
    void answersMatch(String query) throws Exception {
      Path shared = SharedFiles.shared();
      String sql = Files.readString(shared.resolve("tpch/queries/" + query + ".sql")).trim().replaceAll(";$", "");
      List<String> expected = Files.readAllLines(shared.resolve("tpch/answers-sf0.01/" + query + ".txt"));
      try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        assertThat(TpchAnswers.format(rs)).as(query).containsExactlyElementsOf(expected);
      }
    }
  }

  @Nested
  class OneWorker extends OnCluster {
    @Override
    int workers() {
      return 1;
    }
  }

  @Nested
  class TwoWorkers extends OnCluster {
    @Override
    int workers() {
      return 2;
    }
  }

  @Nested
  class ThreeWorkers extends OnCluster {
    @Override
    int workers() {
      return 3;
    }
  }
}
