package dev.blueshift.coordinator.load;

import dev.blueshift.coordinator.cluster.ClusterClient;
import dev.blueshift.protocol.Column;
import dev.blueshift.protocol.SegmentColumnSpec;
import dev.blueshift.protocol.WriteSegmentHeader;
import dev.blueshift.protocol.WriteSegmentResponse;
import dev.blueshift.protocol.catalog.ColumnDef;
import dev.blueshift.protocol.catalog.DistStyle;
import dev.blueshift.protocol.catalog.SegmentEntry;
import dev.blueshift.protocol.catalog.TableDef;
import dev.blueshift.worker.exchange.SliceHash;
import dev.blueshift.worker.exec.Batches;
import dev.blueshift.worker.exec.RowKeys;
import dev.blueshift.worker.service.GrpcErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes rows into new segments of a table, the way COPY, INSERT and table rewrites all do: each
 * row goes to its slice (DISTKEY hash via {@link SliceHash}, round-robin for EVEN, every worker's
 * first slice for ALL); {@link #write} then has every touched slice's worker write and sync one
 * segment — one upload per slice, all in parallel. Nothing is visible until the caller commits
 * the returned entries.
 */
public final class TableWriter implements AutoCloseable {
  private final ClusterClient cluster;
  private final BufferAllocator allocator;
  private final TableDef def;
  private final long version;
  private final List<List<VectorSchemaRoot>> perSlice = new ArrayList<>();
  // a random start so that many one-row INSERTs into an EVEN table spread over the slices
  private int roundRobin = ThreadLocalRandom.current().nextInt(1 << 20);
  private long rows;

  /** A writer for the segments of {@code def}'s version {@code version}. */
  public TableWriter(ClusterClient cluster, BufferAllocator allocator, TableDef def, long version) {
    this.cluster = cluster;
    this.allocator = allocator;
    this.def = def;
    this.version = version;
    for (int s = 0; s < cluster.totalSlices(); s++) {
      perSlice.add(new ArrayList<>());
    }
  }

  /** Routes a batch (columns in table order) to its slices; the caller keeps ownership of it. */
  public void add(VectorSchemaRoot batch) {
    int n = batch.getRowCount();
    if (n == 0) {
      return;
    }
    rows += n;
    DistStyle style = def.getDistStyle();
    if (style == DistStyle.DIST_ALL) {
      for (int w = 0; w < cluster.workerCount(); w++) {
        perSlice.get(cluster.firstSliceOf(w)).add(Batches.slice(batch, 0, n, allocator));
      }
      return;
    }
    int slices = perSlice.size();
    int[][] selected = new int[slices][n];
    int[] counts = new int[slices];
    FieldVector[] key = style == DistStyle.DIST_KEY ? new FieldVector[] {batch.getVector(def.getDistKey())} : null;
    for (int i = 0; i < n; i++) {
      int s = key != null ? SliceHash.slice(RowKeys.hash(key, i), slices) : Math.floorMod(roundRobin++, slices);
      selected[s][counts[s]++] = i;
    }
    for (int s = 0; s < slices; s++) {
      if (counts[s] > 0) {
        perSlice.get(s).add(Batches.select(batch, selected[s], counts[s], allocator));
      }
    }
  }

  /** The cluster this writer writes to. */
  public ClusterClient cluster() {
    return cluster;
  }

  /** Rows added so far (each row once, also for DISTSTYLE ALL). */
  public long rowCount() {
    return rows;
  }

  /** Uploads one segment per touched slice, in parallel, and returns their catalog entries. */
  public List<SegmentEntry> write() {
    List<SegmentColumnSpec> columns = new ArrayList<>();
    for (ColumnDef c : def.getColumnsList()) {
      columns.add(SegmentColumnSpec.newBuilder()
          .setColumn(Column.newBuilder().setName(c.getName()).setType(c.getType()))
          .setEncoding(c.getEncoding()).build());
    }
    String batchId = UUID.randomUUID().toString().substring(0, 8);
    List<Integer> slices = new ArrayList<>();
    List<CompletableFuture<WriteSegmentResponse>> uploads = new ArrayList<>();
    for (int s = 0; s < perSlice.size(); s++) {
      if (perSlice.get(s).isEmpty()) {
        continue;
      }
      WriteSegmentHeader header = WriteSegmentHeader.newBuilder()
          .setTableId(def.getTableId()).setSlice(s).addAllColumns(columns).addAllSortKey(def.getSortKeyList())
          .setSegmentName("v" + version + "-" + batchId).build();
      slices.add(s);
      uploads.add(SegmentUploader.start(cluster, cluster.workerOfSlice(s), header, perSlice.get(s)));
    }
    List<SegmentEntry> added = new ArrayList<>();
    RuntimeException failure = null;
    for (int i = 0; i < uploads.size(); i++) {
      try {
        WriteSegmentResponse r = uploads.get(i).get();
        int slice = slices.get(i);
        added.add(SegmentEntry.newBuilder().setWorker(cluster.workerOfSlice(slice)).setSlice(slice).setPath(r.getPath())
            .setRowCount(r.getRowCount()).setBytes(r.getBytes()).addAllStats(r.getStatsList()).build());
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
    return added;
  }

  @Override
  public void close() {
    perSlice.forEach(list -> list.forEach(VectorSchemaRoot::close));
    perSlice.forEach(List::clear);
  }
}
