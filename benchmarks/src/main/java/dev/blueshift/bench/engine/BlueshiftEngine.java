package dev.blueshift.bench.engine;

import dev.blueshift.bench.measure.DirectorySize;
import dev.blueshift.bench.measure.ProcessMemory;
import dev.blueshift.bench.tpch.TpchDataset;
import dev.blueshift.bench.tpch.TpchSchema;
import dev.blueshift.coordinator.server.LocalCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A Blueshift local cluster (coordinator + workers over gRPC on loopback) inside the harness JVM,
 * loaded with the shared Redshift DDL and COPY, queried through the jdbc:blueshift driver.
 */
public final class BlueshiftEngine implements Engine {
  private final LocalCluster cluster;
  private final Path dataDir;
  private final int workers;
  private final int slicesPerWorker;
  private final boolean peakReset;

  private BlueshiftEngine(LocalCluster cluster, Path dataDir, int workers, int slicesPerWorker, boolean peakReset) {
    this.cluster = cluster;
    this.dataDir = dataDir;
    this.workers = workers;
    this.slicesPerWorker = slicesPerWorker;
    this.peakReset = peakReset;
  }

  public static BlueshiftEngine start(Path dataDir, int workers, int slicesPerWorker) throws IOException {
    // the cluster shares this JVM, so its peak is the JVM's peak from here on
    boolean reset = ProcessMemory.resetSelfPeak();
    return new BlueshiftEngine(LocalCluster.start(dataDir, workers, slicesPerWorker, 0), dataDir, workers,
        slicesPerWorker, reset);
  }

  @Override
  public String name() {
    return "Blueshift";
  }

  @Override
  public String version() {
    return "0.1.0";
  }

  @Override
  public String settings() {
    return "local cluster in the harness JVM: 1 coordinator + " + workers + " workers x " + slicesPerWorker
        + " slices, gRPC on loopback; JVM max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB";
  }

  @Override
  public LoadTiming load(TpchSchema schema, TpchDataset data) throws SQLException {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      for (String ddl : schema.redshift()) {
        st.execute(ddl);
      }
      long start = System.nanoTime();
      for (String table : TpchDataset.TABLES) {
        st.execute("COPY " + table + " FROM '" + data.file(table).toAbsolutePath() + "'");
      }
      return LoadTiming.copyOnly(System.nanoTime() - start);
    }
  }

  @Override
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(cluster.jdbcUrl(), "admin", "");
  }

  @Override
  public long storedBytes() {
    return DirectorySize.of(dataDir);
  }

  @Override
  public String storedBytesMeaning() {
    return "files in the cluster's data directory (segments of every slice, catalog log)";
  }

  @Override
  public MemoryReading peakMemory() {
    String how = "VmHWM of the harness JVM, which runs the whole cluster in-process (coordinator, workers,"
        + " the harness itself)" + (peakReset ? ", reset when the cluster started" : ", since the JVM started");
    return new MemoryReading(ProcessMemory.selfPeakBytes(), how);
  }

  @Override
  public void close() {
    cluster.close();
  }
}
