package dev.blueshift.coordinator.server;

import dev.blueshift.coordinator.catalog.Catalog;
import dev.blueshift.coordinator.cluster.ClusterClient;
import dev.blueshift.coordinator.engine.BlueshiftEngine;
import dev.blueshift.coordinator.jdbc.JdbcServer;
import dev.blueshift.coordinator.load.LoadHistory;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.CollectGarbageRequest;
import dev.blueshift.protocol.catalog.ClusterTopology;
import dev.blueshift.worker.exchange.ExchangeRegistry;
import dev.blueshift.worker.exchange.ExchangeServiceImpl;
import dev.blueshift.worker.service.GrpcErrors;
import dev.blueshift.worker.service.NodeServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The leader node: catalog, planner and scheduler, an exchange endpoint for root fragments, and
 * the JDBC (Avatica) server clients connect to.
 */
public final class CoordinatorNode implements AutoCloseable {
  private static final long WORKER_WAIT_SECONDS = 60;
  private final Catalog catalog;
  private final ClusterClient cluster;
  private final BufferAllocator allocator;
  private final NodeServer exchangeServer;
  private final JdbcServer jdbc;
  private final LoadHistory loads;

  private CoordinatorNode(Path dataDir, List<String> workers, int slicesPerWorker, String host, int jdbcPort,
      long memoryBytes, dev.blueshift.coordinator.jdbc.JdbcSecurity security) throws IOException {
    ClusterTopology topology = ClusterTopology.newBuilder().setWorkers(workers.size()).setSlicesPerWorker(slicesPerWorker).build();
    this.catalog = Catalog.open(dataDir, topology);
    this.loads = LoadHistory.open(dataDir);
    this.cluster = new ClusterClient(workers, slicesPerWorker);
    this.allocator = new RootAllocator(memoryBytes);
    ExchangeRegistry exchanges = new ExchangeRegistry();
    this.exchangeServer = NodeServer.start("coordinator", host, 0, List.of(new ExchangeServiceImpl(exchanges)));
    collectGarbage();
    BlueshiftEngine engine = new BlueshiftEngine(catalog, cluster, exchanges, host + ":" + exchangeServer.port(), allocator,
        loads);
    this.jdbc = JdbcServer.start(engine, host, jdbcPort, () -> true, security);
  }

  /** Starts a coordinator for the given workers; {@code jdbcPort} 0 picks a free port. */
  public static CoordinatorNode start(Path dataDir, List<String> workers, int slicesPerWorker, String host, int jdbcPort,
      long memoryBytes) throws IOException {
    return new CoordinatorNode(dataDir, workers, slicesPerWorker, host, jdbcPort, memoryBytes,
        dev.blueshift.coordinator.jdbc.JdbcSecurity.LOCAL);
  }

  /**
   * As {@link #start(Path, List, int, String, int, long)}, with {@code security} deciding who may
   * connect over JDBC (users and passwords in coordinator mode) and whether it uses TLS.
   */
  public static CoordinatorNode start(Path dataDir, List<String> workers, int slicesPerWorker, String host, int jdbcPort,
      long memoryBytes, dev.blueshift.coordinator.jdbc.JdbcSecurity security) throws IOException {
    return new CoordinatorNode(dataDir, workers, slicesPerWorker, host, jdbcPort, memoryBytes, security);
  }

  /**
   * Deletes, on every worker, segment files no committed version references (left by failed loads).
   * Waits for each worker to be reachable first: started as separate processes, workers may come
   * up after the coordinator.
   */
  private void collectGarbage() {
    for (int w = 0; w < cluster.workerCount(); w++) {
      try {
        cluster.blocking(w).withWaitForReady().withDeadlineAfter(WORKER_WAIT_SECONDS, TimeUnit.SECONDS)
            .collectGarbage(CollectGarbageRequest.newBuilder().addAllLivePaths(catalog.livePaths(w)).build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
          throw new BlueshiftException(SqlState.CONNECTION_FAILURE, "worker " + cluster.address(w)
              + " did not answer within " + WORKER_WAIT_SECONDS + " s; is it running?", e);
        }
        throw GrpcErrors.fromThrowable(e);
      }
    }
  }

  public int jdbcPort() {
    return jdbc.port();
  }

  public String jdbcUrl() {
    return jdbc.jdbcUrl();
  }

  public Catalog catalog() {
    return catalog;
  }

  @Override
  public void close() {
    jdbc.close();
    exchangeServer.close();
    loads.close();
    cluster.close();
    catalog.close();
    try {
      allocator.close();
    } catch (IllegalStateException leak) {
      // a query still running at shutdown may hold buffers; the process is ending anyway
    }
  }
}
