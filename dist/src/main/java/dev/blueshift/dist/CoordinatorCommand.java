package dev.blueshift.dist;

import dev.blueshift.coordinator.server.CoordinatorNode;
import dev.blueshift.coordinator.server.LocalCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code blueshift coordinator}: catalog, planner and the JDBC server in the foreground, using
 * workers that run as their own processes. The order of {@code --workers} fixes which slices each
 * worker holds, so it must stay the same across restarts.
 */
@Command(name = "coordinator", mixinStandardHelpOptions = true,
    description = "Run the coordinator in the foreground, connected to separately started workers.")
final class CoordinatorCommand implements Callable<Integer> {
  @Option(names = "--data-dir", required = true, description = "the coordinator's data directory (catalog)")
  Path dataDir;

  @Option(names = "--port", description = "JDBC port (default 5439; 0 picks a free one)")
  int port = Blueshift.DEFAULT_PORT;

  @Option(names = "--workers", required = true, split = ",", paramLabel = "HOST:PORT",
      description = "worker gRPC addresses, comma-separated, always in the same order")
  List<String> workers;

  @Option(names = "--slices-per-worker", description = "slices each worker holds (default 2)")
  int slicesPerWorker = 2;

  @Override
  public Integer call() throws Exception {
    WorkerList.checkOrRecord(dataDir, workers);
    CoordinatorNode coordinator = Ports.bind(port, () ->
        CoordinatorNode.start(dataDir, workers, slicesPerWorker, LocalCluster.HOST, port, Long.MAX_VALUE));
    return Foreground.runUntilStopped(coordinator, coordinator.jdbcUrl());
  }
}
