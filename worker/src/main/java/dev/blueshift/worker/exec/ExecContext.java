package dev.blueshift.worker.exec;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What a running fragment instance shares with its operators: its allocator (a child of the
 * query's, with the query's limit), cancellation, and counters for EXPLAIN ANALYZE.
 */
public final class ExecContext {
  /** Rows per batch operators aim for. */
  public static final int BATCH_ROWS = 8192;

  private final BufferAllocator allocator;
  private volatile String cancelReason;
  private Path spillDirectory = Path.of(System.getProperty("java.io.tmpdir"), "blueshift-spill");
  public final AtomicLong blocksRead = new AtomicLong();
  public final AtomicLong blocksSkipped = new AtomicLong();

  /** Per plan node statistics when the query is profiled (EXPLAIN ANALYZE), else null. */
  private java.util.Map<Integer, dev.blueshift.protocol.OperatorStats.Builder> profile;

  public ExecContext(BufferAllocator allocator) {
    this.allocator = allocator;
  }

  /** Makes operators built from now on count rows, time and blocks per plan node. */
  public void enableProfiling() {
    profile = new java.util.concurrent.ConcurrentSkipListMap<>();
  }

  public boolean profiling() {
    return profile != null;
  }

  /** The statistics of plan node {@code node} (created on first use); profiling must be on. */
  dev.blueshift.protocol.OperatorStats.Builder operatorStats(int node) {
    return profile.computeIfAbsent(node, n -> dev.blueshift.protocol.OperatorStats.newBuilder().setNode(n));
  }

  /** What each profiled operator did, by plan node; empty when not profiled. */
  public java.util.List<dev.blueshift.protocol.OperatorStats> profile() {
    if (profile == null) {
      return java.util.List.of();
    }
    return profile.values().stream().map(dev.blueshift.protocol.OperatorStats.Builder::build).toList();
  }

  public BufferAllocator allocator() {
    return allocator;
  }

  /** Where spilling operators put their files (each operator deletes its own on close). */
  public Path spillDirectory() {
    return spillDirectory;
  }

  public void spillDirectory(Path directory) {
    this.spillDirectory = directory;
  }

  public void cancel(String reason) {
    this.cancelReason = reason == null ? "query cancelled" : reason;
  }

  public boolean isCancelled() {
    return cancelReason != null;
  }

  /** Throws the cancellation as a user-facing error when the query was cancelled. */
  public void checkCancelled() {
    String reason = cancelReason;
    if (reason != null) {
      throw new BlueshiftException(SqlState.QUERY_CANCELED, reason);
    }
  }
}
