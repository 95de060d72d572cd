package dev.blueshift.coordinator.cluster;

import dev.blueshift.protocol.WorkerServiceGrpc;
import dev.blueshift.worker.exchange.NodeChannels;
import java.util.List;

/**
 * The coordinator's view of its workers: their gRPC addresses, the slices each one owns, and
 * stubs to call them. Slice s lives on worker s / slicesPerWorker.
 */
public final class ClusterClient implements AutoCloseable {
  private final List<String> workers;
  private final int slicesPerWorker;
  private final NodeChannels channels = new NodeChannels();

  public ClusterClient(List<String> workers, int slicesPerWorker) {
    this.workers = List.copyOf(workers);
    this.slicesPerWorker = slicesPerWorker;
  }

  public int workerCount() {
    return workers.size();
  }

  public int slicesPerWorker() {
    return slicesPerWorker;
  }

  public int totalSlices() {
    return workers.size() * slicesPerWorker;
  }

  public int workerOfSlice(int slice) {
    return slice / slicesPerWorker;
  }

  /** The first slice of a worker: where its copy of a DISTSTYLE ALL table lives. */
  public int firstSliceOf(int worker) {
    return worker * slicesPerWorker;
  }

  public String address(int worker) {
    return workers.get(worker);
  }

  public WorkerServiceGrpc.WorkerServiceStub async(int worker) {
    return WorkerServiceGrpc.newStub(channels.get(workers.get(worker)));
  }

  public WorkerServiceGrpc.WorkerServiceBlockingStub blocking(int worker) {
    return WorkerServiceGrpc.newBlockingStub(channels.get(workers.get(worker)));
  }

  public NodeChannels channels() {
    return channels;
  }

  @Override
  public void close() {
    channels.close();
  }
}
