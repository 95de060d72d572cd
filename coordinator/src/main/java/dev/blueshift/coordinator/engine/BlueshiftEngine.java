package dev.blueshift.coordinator.engine;

import dev.blueshift.coordinator.catalog.Catalog;
import dev.blueshift.coordinator.cluster.ClusterClient;
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

  public BlueshiftEngine(Catalog catalog, ClusterClient cluster, ExchangeRegistry exchanges, String coordinatorAddress,
      BufferAllocator allocator) {
    this.catalog = catalog;
    this.cluster = cluster;
    this.exchanges = exchanges;
    this.coordinatorAddress = coordinatorAddress;
    this.allocator = allocator;
    this.planner = new QueryPlanner(cluster.totalSlices());
  }

  @Override
  public Session openSession(String user) {
    return new BlueshiftSession(this, user);
  }
}
