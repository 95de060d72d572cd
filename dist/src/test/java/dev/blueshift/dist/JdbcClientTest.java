package dev.blueshift.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.coordinator.server.LocalCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDBC driver against a real local cluster: a client with nothing but the shaded driver jar
 * on its class path loads, reads back and describes 100,000 rows; {@code Statement.cancel()} and
 * {@code setQueryTimeout} stop a long distributed query and leave the connection usable.
 */
class JdbcClientTest {
  private static final int ROWS = 100_000;
  /** 20,000 x 20,000 pairs: minutes of work, so only a cancel ends it early. */
  private static final String LONG_QUERY = "SELECT COUNT(*) FROM long_t a, long_t b WHERE a.k + b.k < 0";

  @TempDir
  static Path dir;
  private static LocalCluster cluster;
  private static String url;

  @BeforeAll
  static void start() throws Exception {
    cluster = LocalCluster.start(dir.resolve("data"), 2, 2, 0);
    url = "jdbc:blueshift://127.0.0.1:" + cluster.coordinator().jdbcPort() + "/dev";
    try (Connection c = DriverManager.getConnection(url, "admin", "")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE long_t (k INTEGER)");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO long_t VALUES (?)")) {
        for (int i = 0; i < 20_000; i++) {
          ps.setInt(1, i);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void clientWithOnlyTheShadedJarLoadsReadsAndDescribes() throws Exception {
    Path jar = Paths.get(System.getProperty("blueshift.jdbc.jar", "../jdbc-driver/target/blueshift-jdbc-0.1.0.jar"));
    assertThat(jar).exists();
    Path probe = Paths.get("src/test/resources/JdbcClientProbe.java").toAbsolutePath();
    Path output = dir.resolve("probe.out");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", jar.toAbsolutePath().toString(), probe.toString(), url,
        Integer.toString(ROWS), "25000")
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    List<String> out = Files.readAllLines(output, StandardCharsets.UTF_8);

    assertThat(p.exitValue()).as("probe output: %s", out).isZero();
    assertThat(out).contains("driver=dev.blueshift.jdbc.Driver", "batches=4", "table_rows=100000",
        "fetch_size=10000", "read=100000", "id_sum=" + ((long) ROWS * (ROWS - 1) / 2), "null_names=10000");
    long commits = Long.parseLong(value(out, "commits"));
    assertThat(commits).as("commits for 4 batches").isBetween(1L, 9L);
    assertThat(out).noneMatch(line -> line.startsWith("mismatch="));
    assertThat(Integer.parseInt(value(out, "tables"))).isGreaterThan(10);
    assertThat(out).contains(
        "column=id -5 int8 19 0 0",
        "column=name 12 varchar 20 0 1",
        "column=amount 3 numeric 12 2 1",
        "column=day 91 date 10 0 1",
        "column=flag 16 bool 1 0 1",
        "column=ratio 8 float8 17 0 1");
  }

  private static String value(List<String> lines, String key) {
    return lines.stream().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + key + " in " + lines));
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES) // a guard against a cancel that does not stop the query
  void cancelStopsALongDistributedQuery() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection c = DriverManager.getConnection(url, "admin", ""); Statement s = c.createStatement()) {
      Future<Long> running = pool.submit(() -> {
        try (ResultSet rs = s.executeQuery(LONG_QUERY)) {
          rs.next();
          return rs.getLong(1);
        }
      });
      Thread.sleep(1500); // let it reach the workers
      assertThat(running).isNotDone();
      s.cancel();
      assertThatThrownBy(() -> running.get(2, TimeUnit.MINUTES))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(SQLException.class)
          .hasMessageContaining("canceling statement due to user request");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM long_t")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(20_000);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void queryTimeoutCancelsTheQuery() throws Exception {
    try (Connection c = DriverManager.getConnection(url, "admin", ""); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      assertThatThrownBy(() -> s.executeQuery(LONG_QUERY))
          .isInstanceOf(SQLTimeoutException.class)
          .hasMessageContaining("statement timeout")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM long_t")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(20_000);
      }
    }
  }

  @Test
  void autoCommitOffMakesTransactionsThatCommitAndRollbackEnd() throws Exception {
    try (Connection writer = DriverManager.getConnection(url, "admin", "");
        Connection reader = DriverManager.getConnection(url, "admin", "");
        Statement w = writer.createStatement()) {
      w.execute("CREATE TABLE tx_t (k INTEGER)");
      writer.setAutoCommit(false);
      w.execute("INSERT INTO tx_t VALUES (1)");
      try (PreparedStatement ps = writer.prepareStatement("INSERT INTO tx_t VALUES (?)")) {
        for (int i = 2; i <= 5; i++) {
          ps.setInt(1, i);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      assertThat(count(writer, "tx_t")).isEqualTo(5); // the transaction sees its own rows
      assertThat(count(reader, "tx_t")).isZero();
      writer.commit();
      assertThat(count(reader, "tx_t")).isEqualTo(5);
      w.execute("DELETE FROM tx_t");
      writer.rollback();
      assertThat(count(reader, "tx_t")).isEqualTo(5);
      w.execute("INSERT INTO tx_t VALUES (6)");
      writer.setAutoCommit(true); // commits, as JDBC says
      assertThat(count(reader, "tx_t")).isEqualTo(6);
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void shellPrintsOneLineForWrongPasswordAndUnknownDatabase() {
    assertThat(shell(url, "secret")).isEqualTo("ERROR:  password authentication failed for user \"admin\"");
    assertThat(shell(url.replace("/dev", "/sales"), null)).isEqualTo("ERROR:  database \"sales\" does not exist");
  }

  /** Runs {@code blueshift sql -c "select 1"}; its stderr, after checking it exited with 2. */
  private static String shell(String shellUrl, String password) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code = dev.blueshift.shell.Shell.run(new dev.blueshift.shell.ShellOptions(shellUrl, "admin", password,
            List.of("select 1"), null, dev.blueshift.shell.ShellOptions.Format.ALIGNED),
        new java.io.ByteArrayInputStream(new byte[0]), new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
        new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    return err.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  void batchOfOneRowInsertsIsOneCommitAndAllOrNothing() throws Exception {
    try (Connection c = DriverManager.getConnection(url, "admin", ""); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE atomic_t (k INTEGER NOT NULL, v VARCHAR(3))");
      try (PreparedStatement ps = c.prepareStatement("insert into atomic_t(k, v) values (?, ?);")) {
        for (int i = 0; i < 1000; i++) {
          ps.setInt(1, i);
          ps.setString(2, i == 700 ? "toolong" : "ok");
          ps.addBatch();
        }
        assertThatThrownBy(ps::executeBatch).isInstanceOf(SQLException.class)
            .hasMessageContaining("batch row 701");
        ps.clearBatch();
        for (int i = 0; i < 1000; i++) {
          ps.setInt(1, i);
          ps.setString(2, "ok");
          ps.addBatch();
        }
        assertThat(ps.executeBatch()).hasSize(1000).containsOnly(1);
      }
      try (ResultSet rs = s.executeQuery("SELECT version, tbl_rows FROM stv_table_versions WHERE tablename = 'atomic_t'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(1);
        assertThat(rs.getLong(2)).isEqualTo(1000);
      }
    }
  }
}
