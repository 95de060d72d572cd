package dev.blueshift.coordinator.engine;

import dev.blueshift.coordinator.catalog.Catalog;
import dev.blueshift.coordinator.cluster.ClusterClient;
import dev.blueshift.coordinator.load.LoadHistory;
import dev.blueshift.coordinator.plan.QueryPlanner;
import dev.blueshift.worker.exchange.ExchangeRegistry;
import org.apache.arrow.memory.BufferAllocator;

/** The coordinator's engine: catalog, cluster and planner shared by every session. */
public final class BlueshiftEngine implements QueryEngine {
  final Catalog catalog;
  final ClusterClient cluster;
  final ExchangeRegistry exchanges;
  final String coordinatorAddress;
  final BufferAllocator allocator;
  final QueryPlanner planner;
  final LoadHistory loads;

  public BlueshiftEngine(Catalog catalog, ClusterClient cluster, ExchangeRegistry exchanges, String coordinatorAddress,
      BufferAllocator allocator) {
    this(catalog, cluster, exchanges, coordinatorAddress, allocator, LoadHistory.EMPTY);
  }

  /** {@code loads} records every COPY's rejected rows and files (stl_load_errors, stl_load_commits). */
  public BlueshiftEngine(Catalog catalog, ClusterClient cluster, ExchangeRegistry exchanges, String coordinatorAddress,
      BufferAllocator allocator, LoadHistory loads) {
    this.catalog = catalog;
    this.loads = loads;
    this.cluster = cluster;
    this.exchanges = exchanges;
    this.coordinatorAddress = coordinatorAddress;
    this.allocator = allocator;
    this.planner = new QueryPlanner(cluster.totalSlices(), loads);
  }

  @Override
  public Session openSession(String user) {
    return new BlueshiftSession(this, user);
  }
}
