package dev.blueshift.bench.engine;

import dev.blueshift.bench.measure.PeakSampler;
import dev.blueshift.bench.tpch.TpchDataset;
import dev.blueshift.bench.tpch.TpchSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import org.duckdb.DuckDBConnection;

/** DuckDB through its JDBC driver (in the harness JVM), on a database file in a temp directory. */
public final class DuckDbEngine implements Engine {
  private final DuckDBConnection root;
  private final Path file;
  private final int threads;
  private final Connection memoryProbe;
  private final PeakSampler memory;

  private DuckDbEngine(DuckDBConnection root, Path file, int threads) throws SQLException {
    this.root = root;
    this.file = file;
    this.threads = threads;
    this.memoryProbe = root.duplicate();
    this.memory = new PeakSampler(this::bufferManagerBytes);
  }

  /**
   * DuckDB's own accounting of the memory it holds: the JVM's RSS cannot tell it apart from the
   * heap Blueshift's run left committed in the same process.
   */
  private OptionalLong bufferManagerBytes() {
    try (Statement st = memoryProbe.createStatement();
        ResultSet rs = st.executeQuery("SELECT sum(memory_usage_bytes) FROM duckdb_memory()")) {
      return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
    } catch (SQLException e) {
      return OptionalLong.empty();
    }
  }

  public static DuckDbEngine start(Path dir, int threads) throws SQLException, IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("tpch.duckdb");
    DuckDBConnection root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
    try (Statement st = root.createStatement()) {
      st.execute("SET threads = " + threads);
    } catch (SQLException e) {
      root.close();
      throw e;
    }
    return new DuckDbEngine(root, file, threads);
  }

  @Override
  public String name() {
    return "DuckDB";
  }

  @Override
  public String version() throws SQLException {
    try (Statement st = root.createStatement(); ResultSet rs = st.executeQuery("SELECT version()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Override
  public String settings() {
    return "duckdb_jdbc in the harness JVM, database file on local disk, SET threads = " + threads;
  }

  @Override
  public LoadTiming load(TpchSchema schema, TpchDataset data) throws SQLException {
    try (Statement st = root.createStatement()) {
      for (String ddl : schema.standard()) {
        st.execute(ddl);
      }
      long start = System.nanoTime();
      for (String table : TpchDataset.TABLES) {
        st.execute("COPY " + table + " FROM '" + data.file(table).toAbsolutePath() + "' (DELIMITER '|', HEADER false)");
      }
      st.execute("CHECKPOINT"); // the data is in the database file, as the other engines' is
      return LoadTiming.copyOnly(System.nanoTime() - start);
    }
  }

  @Override
  public Connection connect() throws SQLException {
    return root.duplicate();
  }

  @Override
  public long storedBytes() throws IOException {
    long bytes = Files.size(file);
    Path wal = file.resolveSibling(file.getFileName() + ".wal");
    return Files.exists(wal) ? bytes + Files.size(wal) : bytes;
  }

  @Override
  public String storedBytesMeaning() {
    return "the database file (and its WAL, if any) after CHECKPOINT";
  }

  @Override
  public MemoryReading peakMemory() {
    return new MemoryReading(memory.peakBytes(), "highest sum of duckdb_memory() (DuckDB's own buffer-manager"
        + " accounting), sampled every 250 ms: DuckDB shares the harness JVM, whose RSS cannot tell it apart");
  }

  @Override
  public void close() {
    memory.close();
    try {
      memoryProbe.close();
      root.close();
    } catch (SQLException ignored) {
      // closing at the end of the run
    }
  }
}
