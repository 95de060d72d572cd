package dev.blueshift.coordinator.server;

import dev.blueshift.coordinator.catalog.Catalog;
import dev.blueshift.coordinator.cluster.ClusterClient;
import dev.blueshift.coordinator.engine.BlueshiftEngine;
import dev.blueshift.coordinator.jdbc.JdbcServer;
import dev.blueshift.protocol.CollectGarbageRequest;
import dev.blueshift.protocol.catalog.ClusterTopology;
import dev.blueshift.worker.exchange.ExchangeRegistry;
import dev.blueshift.worker.exchange.ExchangeServiceImpl;
import dev.blueshift.worker.service.NodeServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The leader node: catalog, planner and scheduler, an exchange endpoint for root fragments, and
 * the JDBC (Avatica) server clients connect to.
 */
public final class CoordinatorNode implements AutoCloseable {
  private final Catalog catalog;
  private final ClusterClient cluster;
  private final BufferAllocator allocator;
  private final NodeServer exchangeServer;
  private final JdbcServer jdbc;

  private CoordinatorNode(Path dataDir, List<String> workers, int slicesPerWorker, String host, int jdbcPort,
      long memoryBytes) throws IOException {
    ClusterTopology topology = ClusterTopology.newBuilder().setWorkers(workers.size()).setSlicesPerWorker(slicesPerWorker).build();
    this.catalog = Catalog.open(dataDir, topology);
    this.cluster = new ClusterClient(workers, slicesPerWorker);
    this.allocator = new RootAllocator(memoryBytes);
    ExchangeRegistry exchanges = new ExchangeRegistry();
    this.exchangeServer = NodeServer.start("coordinator", host, 0, List.of(new ExchangeServiceImpl(exchanges)));
    collectGarbage();
    BlueshiftEngine engine = new BlueshiftEngine(catalog, cluster, exchanges, host + ":" + exchangeServer.port(), allocator);
    this.jdbc = JdbcServer.start(engine, host, jdbcPort);
  }

  /** Starts a coordinator for the given workers; {@code jdbcPort} 0 picks a free port. */
  public static CoordinatorNode start(Path dataDir, List<String> workers, int slicesPerWorker, String host, int jdbcPort,
      long memoryBytes) throws IOException {
    return new CoordinatorNode(dataDir, workers, slicesPerWorker, host, jdbcPort, memoryBytes);
  }

  /** Deletes, on every worker, segment files no committed version references (left by failed loads). */
  private void collectGarbage() {
    for (int w = 0; w < cluster.workerCount(); w++) {
      cluster.blocking(w).collectGarbage(CollectGarbageRequest.newBuilder().addAllLivePaths(catalog.livePaths(w)).build());
    }
  }

  public int jdbcPort() {
    return jdbc.port();
  }

  public String jdbcUrl() {
    return "jdbc:blueshift://" + jdbc.host() + ":" + jdbc.port() + "/dev";
  }

  public Catalog catalog() {
    return catalog;
  }

  @Override
  public void close() {
    jdbc.close();
    exchangeServer.close();
    cluster.close();
    catalog.close();
    try {
      allocator.close();
    } catch (IllegalStateException leak) {
      // a query still running at shutdown may hold buffers; the process is ending anyway
    }
  }
}
