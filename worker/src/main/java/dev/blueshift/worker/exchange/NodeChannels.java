package dev.blueshift.worker.exchange;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** One gRPC channel per peer address, shared by everything a node sends to that peer. */
public final class NodeChannels implements AutoCloseable {
  private static final int MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  /**
   * The channel to a peer. A channel whose peer was unreachable is replaced by a fresh one: gRPC
   * would otherwise keep failing calls until its reconnect back-off (growing to minutes) ends,
   * even after the peer (a restarted worker) is back; a fresh channel connects at the first call.
   */
  public ManagedChannel get(String address) {
    return channels.compute(address, (a, existing) -> {
      if (existing != null && existing.getState(false) != ConnectivityState.TRANSIENT_FAILURE) {
        return existing;
      }
      if (existing != null) {
        existing.shutdown();
      }
      return NettyChannelBuilder.forTarget(a)
          .usePlaintext()
          .maxInboundMessageSize(MAX_MESSAGE_BYTES)
          .build();
    });
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
