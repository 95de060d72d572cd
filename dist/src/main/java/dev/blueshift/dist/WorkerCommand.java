package dev.blueshift.dist;

import dev.blueshift.coordinator.server.LocalCluster;
import dev.blueshift.worker.WorkerNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code blueshift worker}: one worker process (its gRPC server and data directory) in the
 * foreground. Which slices it holds is decided by the coordinator that lists its address.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = "Run one worker in the foreground; a coordinator started with --workers HOST:PORT uses it.")
final class WorkerCommand implements Callable<Integer> {
  @Option(names = "--data-dir", required = true, description = "this worker's data directory")
  Path dataDir;

  @Option(names = "--port", required = true, description = "gRPC port (0 picks a free one)")
  int port;

  @Override
  public Integer call() throws Exception {
    DataDirLock.acquire(dataDir, "--data-dir");
    // The id only names threads; the port tells workers on one host apart.
    WorkerNode worker = Ports.bind(port, () -> WorkerNode.start(port, dataDir, LocalCluster.HOST, port, Long.MAX_VALUE));
    return Foreground.runUntilStopped(worker, "worker " + worker.address());
  }
}
