package dev.blueshift.bench.engine;

import dev.blueshift.bench.measure.PeakSampler;
import dev.blueshift.bench.measure.ProcessMemory;
import dev.blueshift.bench.tpch.TpchDataset;
import dev.blueshift.bench.tpch.TpchSchema;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL 15 on a private instance: standard DDL, client-side COPY of the .tbl files, then the
 * spec's primary keys and ANALYZE (timed apart from the COPY).
 */
public final class PostgresEngine implements Engine {
  private final PostgresInstance instance;
  private final List<String> settings;
  private final long statementTimeoutSeconds;
  private final PeakSampler memory;

  private PostgresEngine(PostgresInstance instance, List<String> settings, long statementTimeoutSeconds) {
    this.instance = instance;
    this.settings = settings;
    this.statementTimeoutSeconds = statementTimeoutSeconds;
    this.memory = new PeakSampler(() -> ProcessMemory.treeProportionalBytes(instance.postmasterPid()));
  }

  /** Starts a private server; {@code cores} sets the parallel workers per query. */
  public static PostgresEngine start(Path bin, int cores, long statementTimeoutSeconds) throws IOException, InterruptedException {
    List<String> settings = List.of(
        "shared_buffers=1GB", "work_mem=128MB", "maintenance_work_mem=512MB", "effective_cache_size=8GB",
        "max_parallel_workers_per_gather=" + cores, "max_worker_processes=" + Math.max(8, cores),
        "random_page_cost=1.1", "max_wal_size=8GB", "synchronous_commit=off");
    return new PostgresEngine(PostgresInstance.start(bin, settings), settings, statementTimeoutSeconds);
  }

  @Override
  public String name() {
    return "PostgreSQL";
  }

  @Override
  public String version() throws SQLException {
    try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Override
  public String settings() {
    return "private instance on loopback, " + String.join(", ", settings);
  }

  @Override
  public LoadTiming load(TpchSchema schema, TpchDataset data) throws SQLException, IOException {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      for (String ddl : schema.standard()) {
        st.execute(ddl);
      }
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      long start = System.nanoTime();
      for (String table : TpchDataset.TABLES) {
        try (Reader in = Files.newBufferedReader(data.file(table), StandardCharsets.UTF_8)) {
          copy.copyIn("COPY " + table + " FROM STDIN WITH (DELIMITER '|')", in);
        }
      }
      long copied = System.nanoTime() - start;
      long after = System.nanoTime();
      for (String table : TpchDataset.TABLES) {
        st.execute("ALTER TABLE " + table + " ADD PRIMARY KEY (" + TpchSchema.PRIMARY_KEYS.get(table) + ")");
      }
      st.execute("ANALYZE");
      return new LoadTiming(copied, System.nanoTime() - after, "primary keys + ANALYZE");
    }
  }

  @Override
  public Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection(instance.jdbcUrl());
    try (Statement st = c.createStatement()) {
      // the server stops a runaway query even if the client's cancel is lost
      st.execute("SET statement_timeout = '" + (statementTimeoutSeconds + 5) + "s'");
    }
    return c;
  }

  @Override
  public long storedBytes() throws SQLException {
    String sql = "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE n.nspname = 'public' AND c.relkind = 'r'";
    try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public String storedBytesMeaning() {
    return "pg_total_relation_size of the 8 tables (heap, TOAST, primary-key indexes)";
  }

  @Override
  public MemoryReading peakMemory() {
    return new MemoryReading(memory.peakBytes(),
        "highest summed PSS of the postmaster and its backends, sampled every 250 ms");
  }

  @Override
  public void close() {
    memory.close();
    try {
      instance.close();
    } catch (IOException e) {
      System.err.println("warning: stopping PostgreSQL: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
