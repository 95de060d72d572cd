package dev.blueshift.coordinator.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDBC endpoint seen through the plain Avatica remote driver over protobuf. */
class JdbcServerTest {
  private static FixedResultEngine engine;
  private static JdbcServer server;

  @BeforeAll
  static void startServer() {
    engine = new FixedResultEngine();
    server = JdbcServer.start(engine, "127.0.0.1", 0);
  }

  @AfterAll
  static void stopServer() {
    server.stop();
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:avatica:remote:url=http://127.0.0.1:" + server.port()
        + ";serialization=protobuf", "admin", "");
  }

  @Test
  void typedValuesRoundTripWithMetadata() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select types")) {
      ResultSetMetaData md = rs.getMetaData();
      assertThat(md.getColumnCount()).isEqualTo(12);
      assertThat(md.getColumnName(1)).isEqualTo("c_smallint");
      assertThat(md.getColumnType(1)).isEqualTo(Types.SMALLINT);
      assertThat(md.getColumnType(4)).isEqualTo(Types.DECIMAL);
      assertThat(md.getColumnTypeName(4)).isEqualTo("numeric(15,2)");
      assertThat(md.getPrecision(4)).isEqualTo(15);
      assertThat(md.getScale(4)).isEqualTo(2);
      assertThat(md.getColumnTypeName(9)).isEqualTo("character varying(40)");
      assertThat(md.getColumnDisplaySize(9)).isEqualTo(40);
      assertThat(md.isNullable(9)).isEqualTo(ResultSetMetaData.columnNoNulls);
      assertThat(md.getColumnType(10)).isEqualTo(Types.DATE);
      assertThat(md.getColumnType(11)).isEqualTo(Types.TIMESTAMP);
      assertThat(md.getColumnType(12)).isEqualTo(Types.TIMESTAMP);
      assertThat(md.getColumnTypeName(12)).isEqualTo("timestamp with time zone");

      assertThat(rs.next()).isTrue();
      assertThat(rs.getShort(1)).isEqualTo((short) -12);
      assertThat(rs.getInt(2)).isEqualTo(123_456);
      assertThat(rs.getLong(3)).isEqualTo(9_000_000_000L);
      assertThat(rs.getBigDecimal(4)).isEqualTo(new BigDecimal("12.00"));
      assertThat(rs.getString(4)).isEqualTo("12.00");
      assertThat(rs.getFloat(5)).isEqualTo(1.5f);
      assertThat(rs.getDouble(6)).isEqualTo(2.25);
      assertThat(rs.getBoolean(7)).isTrue();
      assertThat(rs.getString(8)).isEqualTo("ab   ");
      assertThat(rs.getString(9)).isEqualTo("héllo, 'world'");
      assertThat(rs.getDate(10).toLocalDate()).isEqualTo(LocalDate.of(1998, 12, 1));
      assertThat(rs.getString(10)).isEqualTo("1998-12-01");
      assertThat(rs.getTimestamp(11).toLocalDateTime())
          .isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_000_000));
      assertThat(rs.getString(11)).isEqualTo("2024-02-29 13:45:30.123");
      assertThat(rs.getTimestamp(12).toLocalDateTime())
          .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000));
      assertThat(rs.getObject(4)).isEqualTo(new BigDecimal("12.00"));
      assertThat(rs.getObject(1)).isEqualTo((short) -12);

      assertThat(rs.next()).isTrue();
      for (int i = 1; i <= 12; i++) {
        if (i == 9) {
          assertThat(rs.getString(i)).isEmpty();
          continue;
        }
        assertThat(rs.getObject(i)).as("column %d", i).isNull();
        assertThat(rs.wasNull()).isTrue();
      }
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void largeResultStreamsInSeveralFrames() throws Exception {
    engine.bigCursorRequests.clear();
    int closedBefore = engine.cursorsClosed.get();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.setFetchSize(7_000);
      long count = 0;
      long sum = 0;
      try (ResultSet rs = s.executeQuery("select big")) {
        while (rs.next()) {
          assertThat(rs.getString(2)).isEqualTo("row " + rs.getInt(1));
          sum += rs.getInt(1);
          count++;
        }
      }
      assertThat(count).isEqualTo(FixedResultEngine.BIG_ROWS);
      assertThat(sum).isEqualTo((long) FixedResultEngine.BIG_ROWS * (FixedResultEngine.BIG_ROWS - 1) / 2);
    }
    // first frame of 10,000 then frames of the client's fetch size, never all at once
    assertThat(engine.bigCursorRequests.size()).isGreaterThan(10);
    assertThat(engine.bigCursorRequests).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(10_000));
    assertThat(engine.bigCursorRequests).contains(7_000);
    assertThat(engine.cursorsClosed.get()).isGreaterThan(closedBefore);
  }

  @Test
  void maxRowsLimitsTheResult() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.setMaxRows(25);
      int count = 0;
      try (ResultSet rs = s.executeQuery("select big")) {
        while (rs.next()) {
          count++;
        }
      }
      assertThat(count).isEqualTo(25);
    }
  }

  @Test
  void engineErrorCarriesSqlStateAndMessage() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("select * from missing"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("relation \"missing\" does not exist (line 1, col 15)")
          .satisfies(e -> {
            assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01");
            assertThat(((SQLException) e).getErrorCode()).isZero();
          });
      // the connection stays usable after an error
      try (ResultSet rs = s.executeQuery("select echo 1")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  @Test
  void internalErrorIsReportedAsXx000() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("select boom"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("boom")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("XX000"));
    }
  }

  @Test
  void updateCounts() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("create table t (a int)")).isZero();
      assertThat(s.execute("insert into t values (1),(2),(3),(4),(5)")).isFalse();
      assertThat(s.getUpdateCount()).isEqualTo(5);
      assertThat(s.getResultSet()).isNull();
    }
  }

  @Test
  void preparedStatementSubstitutesLiterals() throws Exception {
    try (Connection c = connect();
         PreparedStatement p = c.prepareStatement("select echo ?, '?', ?, ? -- ?\n, ?")) {
      p.setInt(1, 42);
      p.setString(2, "it's");
      p.setDate(3, java.sql.Date.valueOf("2024-03-01"));
      p.setNull(4, Types.INTEGER);
      try (ResultSet rs = p.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1))
            .isEqualTo("select echo 42, '?', 'it''s', DATE '2024-03-01' -- ?\n, NULL");
      }
      try (PreparedStatement u = c.prepareStatement("insert into t values (?)")) {
        u.setInt(1, 1);
        assertThat(u.executeUpdate()).isEqualTo(5);
      }
    }
  }

  @Test
  void wrongUserIsRejected() {
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:avatica:remote:url=http://127.0.0.1:"
        + server.port() + ";serialization=protobuf", "mallory", ""))
        .hasMessageContaining("password authentication failed for user \"mallory\"");
  }

  @Test
  void closingTheConnectionClosesTheSessionAndOpenCursors() throws Exception {
    int closedSessions = engine.sessionsClosed.get();
    int closedCursors = engine.cursorsClosed.get();
    Connection c = connect();
    Statement s = c.createStatement();
    ResultSet rs = s.executeQuery("select big");
    assertThat(rs.next()).isTrue();
    c.close();
    assertThat(engine.sessionsClosed.get()).isEqualTo(closedSessions + 1);
    assertThat(engine.cursorsClosed.get()).isEqualTo(closedCursors + 1);
  }

  @Test
  void cancelStopsTheRunningStatement() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      Future<?> running = pool.submit(() -> s.executeQuery("select sleep"));
      assertThat(engine.sleeping.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
      server.meta().cancel(c.unwrap(AvaticaConnection.class).id);
      assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS))
          .hasMessageContaining("canceling statement due to user request")
          .hasMessageContaining("57014");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closingARunningStatementOnTheServerCancelsIt() throws Exception {
    // what the Blueshift driver's Statement.cancel() sends
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      Future<?> running = pool.submit(() -> s.executeQuery("select sleep"));
      assertThat(engine.sleeping.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
      server.meta().closeStatement(s.unwrap(AvaticaStatement.class).handle);
      assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS))
          .hasMessageContaining("canceling statement due to user request");
      // Avatica re-creates the closed server statement when the JDBC statement is used again
      try (ResultSet rs = s.executeQuery("select echo again")) {
        assertThat(rs.next()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void metadataAnsweredByQueriesReportsTheEngineError() throws Exception {
    // getTables queries information_schema, which this stand-in engine does not have
    try (Connection c = connect()) {
      assertThatThrownBy(() -> c.getMetaData().getTables(null, null, "%", null))
          .hasMessageContaining("does not exist");
      // answers that need no query work on any engine
      try (ResultSet rs = c.getMetaData().getTableTypes()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("TABLE_TYPE")).isEqualTo("SYSTEM TABLE");
      }
    }
  }

  @Test
  void healthEndpoints() throws Exception {
    AtomicBoolean ready = new AtomicBoolean(false);
    try (JdbcServer health = JdbcServer.start(engine, "127.0.0.1", 0, ready::get)) {
      HttpClient http = HttpClient.newHttpClient();
      Function<String, HttpResponse<String>> get = path -> {
        try {
          return http.send(HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + health.port() + path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      };
      assertThat(get.apply("/health/live").statusCode()).isEqualTo(200);
      assertThat(get.apply("/health/ready").statusCode()).isEqualTo(503);
      ready.set(true);
      assertThat(get.apply("/health/ready").statusCode()).isEqualTo(200);
      assertThat(get.apply("/health/ready").body()).isEqualTo("ready\n");
      assertThat(get.apply("/health/other").statusCode()).isEqualTo(404);
      // JDBC still works on the same port
      try (Connection c = DriverManager.getConnection("jdbc:avatica:remote:url=http://127.0.0.1:"
          + health.port() + ";serialization=protobuf", "admin", "");
           Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select echo health")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  @Test
  void idleConnectionsAreClosedWhenAnotherOpens() {
    FixedResultEngine own = new FixedResultEngine();
    BlueshiftMeta meta = new BlueshiftMeta(own, Duration.ZERO);
    meta.openConnection(new Meta.ConnectionHandle("gone"), Map.of("user", "admin"));
    meta.openConnection(new Meta.ConnectionHandle("new"), Map.of("user", "admin"));
    assertThat(meta.openConnections()).isEqualTo(1);
    assertThat(own.sessionsClosed.get()).isEqualTo(1);

    BlueshiftMeta patient = new BlueshiftMeta(own, Duration.ofHours(1));
    patient.openConnection(new Meta.ConnectionHandle("a"), Map.of());
    patient.openConnection(new Meta.ConnectionHandle("b"), Map.of());
    assertThat(patient.openConnections()).isEqualTo(2);
  }
}
