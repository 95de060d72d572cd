package dev.blueshift.worker.load;

import com.google.protobuf.UnsafeByteOperations;
import dev.blueshift.protocol.Column;
import dev.blueshift.protocol.SegmentColumnSpec;
import dev.blueshift.protocol.WorkerServiceGrpc;
import dev.blueshift.protocol.WriteSegmentHeader;
import dev.blueshift.protocol.WriteSegmentMessage;
import dev.blueshift.protocol.WriteSegmentResponse;
import dev.blueshift.protocol.catalog.ColumnDef;
import dev.blueshift.protocol.catalog.DistStyle;
import dev.blueshift.protocol.catalog.TableDef;
import dev.blueshift.protocol.load.NewSegment;
import dev.blueshift.worker.exchange.ArrowIpc;
import dev.blueshift.worker.exchange.NodeChannels;
import dev.blueshift.worker.exchange.SliceHash;
import dev.blueshift.worker.exec.Batches;
import dev.blueshift.worker.exec.RowKeys;
import dev.blueshift.worker.service.GrpcErrors;
import dev.blueshift.worker.service.SegmentUpload;
import dev.blueshift.worker.storage.LocalStorage;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A worker's side of a load's routing: every parsed batch is split by target slice — DISTKEY rows
 * by {@link SliceHash} (the one placement hash), EVEN a whole batch at a time round-robin over all
 * slices, ALL a copy to every worker's first slice — and buffered per slice. A slice's buffer is
 * written as one uncommitted segment when it grows past {@link #FLUSH_BYTES} and at the end: on
 * this worker directly, on another worker through its WriteSegment stream. Segment names start
 * with the load id, so an abort (or restart GC) finds them all.
 */
final class SliceRouter implements AutoCloseable {
  /**
   * Buffered bytes per target slice before it is written as a segment, and for all slices of this
   * worker together (then the largest is written): a sixteenth and an eighth of the JVM's memory
   * (Arrow's direct memory defaults to the heap's size), at most 64 MiB per slice.
   */
  static final long FLUSH_BYTES = Math.max(4L << 20, Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16));
  static final long TOTAL_BYTES = Math.max(8L << 20, Runtime.getRuntime().maxMemory() / 8);

  private final TableDef def;
  private final String loadId;
  private final int worker;
  private final List<String> workers;
  private final int slicesPerWorker;
  private final LocalStorage storage;
  private final NodeChannels channels;
  private final BufferAllocator allocator;
  private final List<SegmentColumnSpec> columns = new ArrayList<>();
  private final Pending[] pending;
  private final AtomicInteger roundRobin;
  private final AtomicInteger sequence = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong buffered = new java.util.concurrent.atomic.AtomicLong();
  private final List<CompletableFuture<NewSegment>> written = new ArrayList<>();

  private static final class Pending {
    final List<VectorSchemaRoot> batches = new ArrayList<>();
    volatile long bytes;
  }

  SliceRouter(TableDef def, String loadId, int worker, List<String> workers, int slicesPerWorker, LocalStorage storage,
      NodeChannels channels, BufferAllocator allocator) {
    this.def = def;
    this.loadId = loadId;
    this.worker = worker;
    this.workers = workers;
    this.slicesPerWorker = slicesPerWorker;
    this.storage = storage;
    this.channels = channels;
    this.allocator = allocator;
    for (ColumnDef c : def.getColumnsList()) {
      columns.add(SegmentColumnSpec.newBuilder()
          .setColumn(Column.newBuilder().setName(c.getName()).setType(c.getType()))
          .setEncoding(c.getEncoding()).build());
    }
    this.pending = new Pending[workers.size() * slicesPerWorker];
    for (int s = 0; s < pending.length; s++) {
      pending[s] = new Pending();
    }
    // start where this worker's slices start so small loads spread over the cluster
    this.roundRobin = new AtomicInteger(worker * slicesPerWorker);
  }

  /** Routes a batch (table column order); takes ownership of it. */
  void add(VectorSchemaRoot batch) {
    int n = batch.getRowCount();
    if (n == 0) {
      batch.close();
      return;
    }
    int slices = pending.length;
    DistStyle style = def.getDistStyle();
    if (style == DistStyle.DIST_ALL) {
      for (int w = 0; w < workers.size(); w++) {
        VectorSchemaRoot copy = w == workers.size() - 1 ? batch : Batches.slice(batch, 0, n, allocator);
        offer(w * slicesPerWorker, copy);
      }
      return;
    }
    if (style != DistStyle.DIST_KEY) {
      offer(Math.floorMod(roundRobin.getAndIncrement(), slices), batch);
      return;
    }
    try (batch) {
      int[] target = new int[n];
      int[] counts = new int[slices];
      FieldVector[] key = {batch.getVector(def.getDistKey())};
      for (int i = 0; i < n; i++) {
        int s = SliceHash.slice(RowKeys.hash(key, i), slices);
        target[i] = s;
        counts[s]++;
      }
      int[][] rows = new int[slices][];
      for (int s = 0; s < slices; s++) {
        rows[s] = counts[s] == 0 ? null : new int[counts[s]];
        counts[s] = 0;
      }
      for (int i = 0; i < n; i++) {
        int s = target[i];
        rows[s][counts[s]++] = i;
      }
      for (int s = 0; s < slices; s++) {
        if (counts[s] > 0) {
          offer(s, counts[s] == n ? Batches.slice(batch, 0, n, allocator) : Batches.select(batch, rows[s], counts[s], allocator));
        }
      }
    }
  }

  private void offer(int slice, VectorSchemaRoot batch) {
    long bytes = 0;
    for (FieldVector v : batch.getFieldVectors()) {
      bytes += v.getBufferSize();
    }
    Pending p = pending[slice];
    boolean full;
    synchronized (p) {
      p.batches.add(batch);
      p.bytes += bytes;
      full = p.bytes >= FLUSH_BYTES;
    }
    long total = buffered.addAndGet(bytes);
    if (full) {
      flush(slice);
    } else if (total >= TOTAL_BYTES) {
      int largest = 0;
      for (int s = 1; s < pending.length; s++) {
        if (pending[s].bytes > pending[largest].bytes) {
          largest = s;
        }
      }
      flush(largest);
    }
  }

  /** Writes what {@code slice} has buffered (if anything) as one segment. */
  private void flush(int slice) {
    Pending p = pending[slice];
    List<VectorSchemaRoot> batches;
    synchronized (p) {
      if (p.batches.isEmpty()) {
        return;
      }
      batches = new ArrayList<>(p.batches);
      p.batches.clear();
      buffered.addAndGet(-p.bytes);
      p.bytes = 0;
    }
    write(slice, batches);
  }

  /** Writes every slice's remaining rows and waits for all segments; returns them. */
  List<NewSegment> finish() {
    for (int s = 0; s < pending.length; s++) {
      flush(s);
    }
    List<CompletableFuture<NewSegment>> all;
    synchronized (written) {
      all = new ArrayList<>(written);
    }
    List<NewSegment> out = new ArrayList<>();
    RuntimeException failure = null;
    for (CompletableFuture<NewSegment> f : all) {
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        failure = failure != null ? failure : GrpcErrors.fromThrowable(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = failure != null ? failure : GrpcErrors.fromThrowable(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return out;
  }

  /** Writes one segment of {@code slice} from {@code batches} (closing them): locally, or on the slice's worker. */
  private void write(int slice, List<VectorSchemaRoot> batches) {
    int target = slice / slicesPerWorker;
    WriteSegmentHeader header = WriteSegmentHeader.newBuilder()
        .setTableId(def.getTableId()).setSlice(slice).addAllColumns(columns).addAllSortKey(def.getSortKeyList())
        .setSegmentName(segmentPrefix(loadId) + "w" + worker + "-" + sequence.incrementAndGet()).build();
    CompletableFuture<NewSegment> result;
    if (target == worker) {
      try {
        WriteSegmentResponse r = SegmentUpload.write(storage, header, batches, allocator);
        result = CompletableFuture.completedFuture(NewSegment.newBuilder().setWorker(worker).setSlice(slice).setSegment(r).build());
      } finally {
        batches.forEach(VectorSchemaRoot::close);
      }
    } else {
      result = upload(target, header, batches)
          .thenApply(r -> NewSegment.newBuilder().setWorker(target).setSlice(slice).setSegment(r).build());
    }
    synchronized (written) {
      written.add(result);
    }
  }

  private CompletableFuture<WriteSegmentResponse> upload(int target, WriteSegmentHeader header, List<VectorSchemaRoot> batches) {
    CompletableFuture<WriteSegmentResponse> result = new CompletableFuture<>();
    try {
      StreamObserver<WriteSegmentMessage> stream = WorkerServiceGrpc.newStub(channels.get(workers.get(target)))
          .writeSegment(new StreamObserver<>() {
            @Override
            public void onNext(WriteSegmentResponse value) {
              result.complete(value);
            }

            @Override
            public void onError(Throwable t) {
              result.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
              if (!result.isDone()) {
                result.completeExceptionally(new IllegalStateException("segment upload ended without an answer"));
              }
            }
          });
      stream.onNext(WriteSegmentMessage.newBuilder().setHeader(header).build());
      for (VectorSchemaRoot b : batches) {
        stream.onNext(WriteSegmentMessage.newBuilder().setBatch(UnsafeByteOperations.unsafeWrap(ArrowIpc.serialize(b))).build());
      }
      stream.onCompleted();
    } finally {
      batches.forEach(VectorSchemaRoot::close);
    }
    return result;
  }

  /** The file name prefix of every segment a load writes (what AbortLoad deletes). */
  static String segmentPrefix(String loadId) {
    return "L" + loadId + "-";
  }

  @Override
  public void close() {
    for (Pending p : pending) {
      synchronized (p) {
        p.batches.forEach(VectorSchemaRoot::close);
        p.batches.clear();
      }
    }
  }
}
