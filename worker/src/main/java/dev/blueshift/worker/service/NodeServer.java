package dev.blueshift.worker.service;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A node's gRPC server on one port: the given services plus the standard health service. */
public final class NodeServer implements AutoCloseable {
  private static final int MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
  private final Server server;
  private final ExecutorService executor;

  private NodeServer(Server server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts serving on host:port (0 picks a free port). */
  public static NodeServer start(String name, String host, int port, List<BindableService> services) throws IOException {
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, name + "-grpc-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
        .executor(executor)
        .maxInboundMessageSize(MAX_MESSAGE_BYTES);
    HealthStatusManager health = new HealthStatusManager();
    builder.addService(health.getHealthService());
    for (BindableService s : services) {
      builder.addService(s);
    }
    Server server = builder.build().start();
    return new NodeServer(server, executor);
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(3, TimeUnit.SECONDS)) {
        server.shutdownNow();
        server.awaitTermination(3, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    executor.shutdownNow();
  }
}
