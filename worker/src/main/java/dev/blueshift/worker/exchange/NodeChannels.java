package dev.blueshift.worker.exchange;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** One gRPC channel per peer address, shared by everything a node sends to that peer. */
public final class NodeChannels implements AutoCloseable {
  private static final int MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  public ManagedChannel get(String address) {
    return channels.computeIfAbsent(address, a -> NettyChannelBuilder.forTarget(a)
        .usePlaintext()
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .build());
  }

  @Override
  public void close() {
    for (ManagedChannel c : channels.values()) {
      c.shutdownNow();
    }
    for (ManagedChannel c : channels.values()) {
      try {
        c.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    channels.clear();
  }
}
