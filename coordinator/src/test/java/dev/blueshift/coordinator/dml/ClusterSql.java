package dev.blueshift.coordinator.dml;

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

/**
 * A real local cluster (2 workers x 2 slices, gRPC on loopback, files in a directory) driven
 * through JDBC, for SQL-level tests of statements; {@link #restart()} reopens the same data.
 */
public final class ClusterSql implements AutoCloseable {
  private final Path dir;
  private LocalCluster cluster;
  private final List<Connection> connections = new ArrayList<>();
  private Statement statement;

  public ClusterSql(Path dir) throws Exception {
    this.dir = dir;
    start();
  }

  private void start() throws Exception {
    cluster = LocalCluster.start(dir, 2, 2, 0);
    statement = connect().createStatement();
  }

  /** A further connection (its own session) to the cluster. */
  public Connection connect() throws SQLException {
    int port = cluster.coordinator().jdbcPort();
    Connection c = DriverManager.getConnection("jdbc:avatica:remote:url=http://127.0.0.1:" + port
        + ";serialization=protobuf", "admin", "");
    connections.add(c);
    return c;
  }

  /** Runs a statement; returns its update count (-1 for a query). */
  public long exec(String sql) throws SQLException {
    return exec(statement, sql);
  }

  public static long exec(Statement st, String sql) throws SQLException {
    return st.execute(sql) ? -1 : st.getLargeUpdateCount();
  }

  /** The rows of a query, columns joined with '|'. */
  public List<String> rows(String sql) throws SQLException {
    return rows(statement, sql);
  }

  public static List<String> rows(Statement st, String sql) throws SQLException {
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

  /** Asserts the statement fails with the SQLSTATE and a message containing every fragment. */
  public void fails(String sql, String sqlState, String... fragments) {
    var assertion = assertThatThrownBy(() -> exec(sql)).isInstanceOf(SQLException.class)
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isEqualTo(sqlState));
    for (String f : fragments) {
      assertion.hasMessageContaining(f);
    }
  }

  /** Stops the whole cluster and starts it again on the same directory. */
  public void restart() throws Exception {
    closeCluster();
    start();
  }

  private void closeCluster() throws SQLException {
    for (Connection c : connections) {
      c.close();
    }
    connections.clear();
    cluster.close();
  }

  @Override
  public void close() throws Exception {
    closeCluster();
  }
}
