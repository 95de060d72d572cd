package dev.blueshift.worker;

import dev.blueshift.worker.exchange.ExchangeRegistry;
import dev.blueshift.worker.exchange.ExchangeServiceImpl;
import dev.blueshift.worker.exchange.NodeChannels;
import dev.blueshift.worker.service.NodeServer;
import dev.blueshift.worker.service.WorkerServiceImpl;
import dev.blueshift.worker.storage.LocalStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** A compute node: its data directory, memory, exchange inboxes and gRPC server. */
public final class WorkerNode implements AutoCloseable {
  private final int id;
  private final LocalStorage storage;
  private final BufferAllocator allocator;
  private final NodeChannels channels = new NodeChannels();
  private final ExecutorService fragments;
  private final NodeServer server;
  private final String host;

  private WorkerNode(int id, Path dataDir, String host, int port, long memoryBytes) throws IOException {
    this.id = id;
    this.host = host;
    this.storage = new LocalStorage(dataDir);
    this.allocator = new RootAllocator(memoryBytes);
    AtomicInteger n = new AtomicInteger();
    this.fragments = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "worker" + id + "-fragment-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    ExchangeRegistry exchanges = new ExchangeRegistry();
    this.server = NodeServer.start("worker" + id, host, port, List.of(
        new WorkerServiceImpl(storage, exchanges, channels, allocator, fragments),
        new ExchangeServiceImpl(exchanges),
        new dev.blueshift.worker.load.LoadServiceImpl(storage, channels, allocator, fragments)));
  }

  /** Starts a worker serving gRPC on host:port (0 = any free port). */
  public static WorkerNode start(int id, Path dataDir, String host, int port, long memoryBytes) throws IOException {
    return new WorkerNode(id, dataDir, host, port, memoryBytes);
  }

  public int id() {
    return id;
  }

  public String address() {
    return host + ":" + server.port();
  }

  public LocalStorage storage() {
    return storage;
  }

  @Override
  public void close() {
    server.close();
    fragments.shutdownNow();
    try {
      fragments.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    channels.close();
    try {
      allocator.close();
    } catch (IllegalStateException leak) {
      // a fragment interrupted at shutdown may still hold buffers; the process is ending anyway
    }
  }
}
