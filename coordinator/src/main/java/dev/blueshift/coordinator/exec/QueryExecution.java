package dev.blueshift.coordinator.exec;

import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.cluster.ClusterClient;
import dev.blueshift.coordinator.engine.ResultColumn;
import dev.blueshift.coordinator.engine.RowCursor;
import dev.blueshift.coordinator.plan.DistributedPlan;
import dev.blueshift.coordinator.plan.FragmentPlan;
import dev.blueshift.coordinator.plan.Placement;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.CancelQueryRequest;
import dev.blueshift.protocol.Endpoint;
import dev.blueshift.protocol.ExecuteFragmentRequest;
import dev.blueshift.protocol.ExecuteFragmentResponse;
import dev.blueshift.protocol.OutputSink;
import dev.blueshift.protocol.PlanFragment;
import dev.blueshift.protocol.SegmentRef;
import dev.blueshift.protocol.TableSlice;
import dev.blueshift.protocol.catalog.DistStyle;
import dev.blueshift.protocol.catalog.SegmentEntry;
import dev.blueshift.worker.exchange.ExchangeRegistry;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Operator;
import dev.blueshift.worker.exec.PlanBuilder;
import dev.blueshift.worker.exec.Vectors;
import dev.blueshift.worker.service.GrpcErrors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One running query: starts every worker fragment instance over gRPC, runs the root fragment on
 * the coordinator, and hands out result rows. Any failure cancels every fragment and surfaces as
 * the query's error; closing frees everything.
 */
public final class QueryExecution implements RowCursor {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(QueryExecution.class);
  private final DistributedPlan plan;
  private final ClusterClient cluster;
  private final ExchangeRegistry exchanges;
  private final String coordinatorAddress;
  private final String queryId = UUID.randomUUID().toString();
  private final AtomicReference<BlueshiftException> failure = new AtomicReference<>();
  private final BufferAllocator allocator;
  private final ExecContext context;
  private CountDownLatch remoteDone;
  private Operator root;
  private VectorSchemaRoot current;
  private int position;
  private boolean finished;
  private boolean closed;
  private long memoryLimit;
  private boolean profiled;
  /** Segments zone maps ruled out before any worker opened them (counted for EXPLAIN ANALYZE). */
  private final java.util.concurrent.atomic.AtomicLong segmentsPruned = new java.util.concurrent.atomic.AtomicLong();
  /** Operator statistics of profiled fragment instances: fragment id → node → one entry per instance. */
  private final Map<Integer, Map<Integer, List<dev.blueshift.protocol.OperatorStats>>> profile =
      new java.util.concurrent.ConcurrentHashMap<>();

  public QueryExecution(DistributedPlan plan, ClusterClient cluster, ExchangeRegistry exchanges,
      String coordinatorAddress, BufferAllocator parent) {
    this.plan = plan;
    this.cluster = cluster;
    this.exchanges = exchanges;
    this.coordinatorAddress = coordinatorAddress;
    this.allocator = parent.newChildAllocator("query-" + queryId, 0, Long.MAX_VALUE);
    this.context = new ExecContext(allocator);
  }

  /**
   * The query's memory limit on every node ({@code bytes} > 0; else each node's default): the
   * coordinator's part of the query allocates under it too.
   */
  public QueryExecution memoryLimit(long bytes) {
    long limit = bytes > 0 ? bytes : dev.blueshift.worker.exec.spill.QueryMemory.defaultLimit();
    if (limit > 0) {
      this.memoryLimit = limit;
      allocator.setLimit(limit);
    }
    return this;
  }

  public String queryId() {
    return queryId;
  }

  public List<ResultColumn> columns() {
    return plan.columns();
  }

  /** Segments left out of the query at planning time because their zone maps could not match. */
  public long segmentsPruned() {
    return segmentsPruned.get();
  }

  /** Makes every operator count rows, time and blocks (EXPLAIN ANALYZE); call before {@link #start}. */
  public QueryExecution profiled() {
    profiled = true;
    context.enableProfiling();
    return this;
  }

  /**
   * After the last row: per fragment id and plan node (preorder index), the statistics of each
   * instance that ran it.
   */
  public Map<Integer, Map<Integer, List<dev.blueshift.protocol.OperatorStats>>> profile() {
    for (dev.blueshift.protocol.OperatorStats s : context.profile()) {
      record(plan.root().id(), s);
    }
    return profile;
  }

  private void record(int fragment, dev.blueshift.protocol.OperatorStats stats) {
    profile.computeIfAbsent(fragment, f -> new java.util.concurrent.ConcurrentHashMap<>())
        .computeIfAbsent(stats.getNode(), n -> java.util.Collections.synchronizedList(new ArrayList<>())).add(stats);
  }

  /** Starts every fragment instance; rows are then read with {@link #next}. */
  public QueryExecution start() {
    List<ExecuteFragmentRequest> requests = new ArrayList<>();
    List<Integer> targets = new ArrayList<>();
    for (FragmentPlan f : plan.fragments()) {
      if (f == plan.root()) {
        continue;
      }
      OutputSink sink = sink(f);
      PlanFragment fragment = PlanFragment.newBuilder().setFragmentId(f.id()).setRoot(f.root()).setSink(sink).build();
      SegmentPruning pruning = new SegmentPruning(f.root());
      for (int slice : slices(f.placement())) {
        ExecuteFragmentRequest.Builder r = ExecuteFragmentRequest.newBuilder()
            .setQueryId(queryId).setFragment(fragment).setInstance(instanceIndex(f.placement(), slice)).setSlice(slice)
            .setMemoryLimitBytes(memoryLimit)
            .setProfile(profiled);
        for (TableSnapshot t : f.tables()) {
          r.addTables(tableSlice(t, slice, pruning));
        }
        requests.add(r.build());
        targets.add(cluster.workerOfSlice(slice));
      }
    }
    remoteDone = new CountDownLatch(requests.size());
    root = new PlanBuilder(context, exchanges, queryId, 0, Map.of()).build(plan.root().root());
    for (int i = 0; i < requests.size(); i++) {
      int worker = targets.get(i);
      int fragmentId = requests.get(i).getFragment().getFragmentId();
      cluster.async(worker).executeFragment(requests.get(i), new StreamObserver<>() {
        @Override
        public void onNext(ExecuteFragmentResponse value) {
          value.getOperatorsList().forEach(s -> record(fragmentId, s));
        }

        @Override
        public void onError(Throwable t) {
          fail(workerFailure(worker, t));
          remoteDone.countDown();
        }

        @Override
        public void onCompleted() {
          remoteDone.countDown();
        }
      });
    }
    return this;
  }

  /** A worker that cannot be reached (crashed, stopped) is named, so users know which node to look at. */
  private BlueshiftException workerFailure(int worker, Throwable t) {
    if (t instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.UNAVAILABLE) {
      return new BlueshiftException(SqlState.CONNECTION_FAILURE, "worker " + cluster.address(worker)
          + " is unavailable: " + s.getStatus().getDescription(), t);
    }
    return GrpcErrors.fromThrowable(t);
  }

  private List<Integer> slices(Placement placement) {
    List<Integer> out = new ArrayList<>();
    if (placement == Placement.ALL_SLICES) {
      for (int s = 0; s < cluster.totalSlices(); s++) {
        out.add(s);
      }
    } else {
      out.add(0);
    }
    return out;
  }

  private static int instanceIndex(Placement placement, int slice) {
    return placement == Placement.ALL_SLICES ? slice : 0;
  }

  private OutputSink sink(FragmentPlan f) {
    FragmentPlan consumer = plan.fragment(plan.consumerOf().get(f.sinkExchange()));
    OutputSink.Builder b = OutputSink.newBuilder().setExchangeId(f.sinkExchange()).setKind(f.sinkKind()).addAllHashKeys(f.hashKeys());
    if (consumer.placement() == Placement.COORDINATOR) {
      b.addConsumers(Endpoint.newBuilder().setAddress(coordinatorAddress).setInstance(0));
    } else {
      for (int slice : slices(consumer.placement())) {
        b.addConsumers(Endpoint.newBuilder()
            .setAddress(cluster.address(cluster.workerOfSlice(slice)))
            .setInstance(instanceIndex(consumer.placement(), slice)));
      }
    }
    return b.build();
  }

  /** The segments of a table that the instance on {@code slice} reads. */
  private TableSlice tableSlice(TableSnapshot table, int slice, SegmentPruning pruning) {
    TableSlice.Builder b = TableSlice.newBuilder().setTableId(table.id());
    boolean replicated = table.def().getDistStyle() == DistStyle.DIST_ALL;
    int worker = cluster.workerOfSlice(slice);
    for (SegmentEntry s : table.segments()) {
      boolean mine = replicated ? s.getWorker() == worker : s.getSlice() == slice;
      if (mine && !pruning.mightMatch(table, s)) {
        segmentsPruned.incrementAndGet();
      } else if (mine) {
        b.addSegments(SegmentRef.newBuilder().setPath(s.getPath()).setRowCount(s.getRowCount())
            .setDeleteVector(s.getDeleteVector()));
      }
    }
    return b.build();
  }

  private void fail(BlueshiftException error) {
    if (failure.compareAndSet(null, error)) {
      exchanges.finishQuery(queryId, error);
      cancelRemote(error.getMessage());
    }
  }

  private void cancelRemote(String reason) {
    for (int w = 0; w < cluster.workerCount(); w++) {
      cluster.async(w).cancelQuery(CancelQueryRequest.newBuilder().setQueryId(queryId).setReason(reason).build(),
          new StreamObserver<>() {
            @Override
            public void onNext(dev.blueshift.protocol.CancelQueryResponse value) {}

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
          });
    }
  }

  @Override
  public List<Object[]> next(int maxRows) {
    List<Object[]> rows = new ArrayList<>();
    try {
      while (rows.size() < maxRows && !finished) {
        if (current == null || position >= current.getRowCount()) {
          if (current != null) {
            current.close();
            current = null;
          }
          current = root.next();
          position = 0;
          if (current == null) {
            finished = true;
            awaitRemote();
            break;
          }
        }
        List<ResultColumn> columns = plan.columns();
        while (position < current.getRowCount() && rows.size() < maxRows) {
          Object[] row = new Object[columns.size()];
          for (int c = 0; c < row.length; c++) {
            row[c] = Vectors.toJava(current.getVector(c), columns.get(c).type(), position);
          }
          rows.add(row);
          position++;
        }
      }
    } catch (BlueshiftException e) {
      BlueshiftException first = failure.get();
      close();
      throw first != null ? first : e;
    } catch (org.apache.arrow.memory.OutOfMemoryException e) {
      close();
      throw dev.blueshift.worker.exec.spill.QueryMemory.fromArrow(e, context.allocator());
    } catch (RuntimeException e) {
      LOG.error("query {} failed with an internal error", queryId, e);
      close();
      throw new BlueshiftException(SqlState.INTERNAL_ERROR, "internal error: " + e, e);
    }
    return rows;
  }

  private void awaitRemote() {
    try {
      if (!remoteDone.await(60, TimeUnit.SECONDS)) {
        throw new BlueshiftException(SqlState.CONNECTION_FAILURE, "workers did not finish the query");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BlueshiftException(SqlState.QUERY_CANCELED, "interrupted");
    }
    BlueshiftException f = failure.get();
    if (f != null) {
      throw f;
    }
  }

  /** Cancels the query from any thread. */
  public void cancel(String reason) {
    context.cancel(reason);
    fail(new BlueshiftException(SqlState.QUERY_CANCELED, reason));
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!finished && failure.get() == null) {
      cancelRemote("query closed");
    }
    if (current != null) {
      current.close();
      current = null;
    }
    if (root != null) {
      root.close();
    }
    exchanges.finishQuery(queryId, new BlueshiftException(SqlState.QUERY_CANCELED, "query closed"));
    allocator.close();
  }
}
