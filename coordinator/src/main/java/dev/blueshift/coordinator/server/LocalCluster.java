package dev.blueshift.coordinator.server;

import dev.blueshift.worker.WorkerNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole cluster in one process: N workers, each with its own gRPC server and data directory
 * ({@code D/worker-i}), and a coordinator ({@code D/coordinator}) that reaches them over gRPC on
 * loopback. What {@code blueshift local} and the cluster tests run.
 */
public final class LocalCluster implements AutoCloseable {
  public static final String HOST = "127.0.0.1";
  private static final long NODE_MEMORY = Long.MAX_VALUE;

  private final List<WorkerNode> workers;
  private final CoordinatorNode coordinator;

  private LocalCluster(List<WorkerNode> workers, CoordinatorNode coordinator) {
    this.workers = workers;
    this.coordinator = coordinator;
  }

  public static LocalCluster start(Path dataDir, int workerCount, int slicesPerWorker, int jdbcPort) throws IOException {
    List<WorkerNode> workers = new ArrayList<>();
    try {
      List<String> addresses = new ArrayList<>();
      for (int i = 0; i < workerCount; i++) {
        WorkerNode w = WorkerNode.start(i, dataDir.resolve("worker-" + i), HOST, 0, NODE_MEMORY);
        workers.add(w);
        addresses.add(w.address());
      }
      CoordinatorNode coordinator = CoordinatorNode.start(dataDir.resolve("coordinator"), addresses, slicesPerWorker,
          HOST, jdbcPort, NODE_MEMORY);
      return new LocalCluster(workers, coordinator);
    } catch (IOException | RuntimeException e) {
      workers.forEach(WorkerNode::close);
      throw e;
    }
  }

  public String jdbcUrl() {
    return coordinator.jdbcUrl();
  }

  public CoordinatorNode coordinator() {
    return coordinator;
  }

  @Override
  public void close() {
    coordinator.close();
    workers.forEach(WorkerNode::close);
  }
}
