package dev.blueshift.worker.service;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.CancelQueryRequest;
import dev.blueshift.protocol.CancelQueryResponse;
import dev.blueshift.protocol.CollectGarbageRequest;
import dev.blueshift.protocol.CollectGarbageResponse;
import dev.blueshift.protocol.ExecuteFragmentRequest;
import dev.blueshift.protocol.ExecuteFragmentResponse;
import dev.blueshift.protocol.WorkerServiceGrpc;
import dev.blueshift.protocol.WriteSegmentMessage;
import dev.blueshift.protocol.WriteSegmentResponse;
import dev.blueshift.worker.exchange.ExchangeRegistry;
import dev.blueshift.worker.exchange.NodeChannels;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.spill.QueryAllocators;
import dev.blueshift.worker.exec.spill.QueryMemory;
import dev.blueshift.worker.storage.LocalStorage;
import io.grpc.stub.StreamObserver;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.apache.arrow.memory.BufferAllocator;

/** The worker's gRPC service: runs fragment instances, cancels queries, writes segments. */
public final class WorkerServiceImpl extends WorkerServiceGrpc.WorkerServiceImplBase {
  private final LocalStorage storage;
  private final ExchangeRegistry exchanges;
  private final NodeChannels channels;
  private final BufferAllocator allocator;
  private final ExecutorService fragments;
  private final QueryAllocators queryAllocators;
  private final Map<String, Set<ExecContext>> running = new ConcurrentHashMap<>();

  public WorkerServiceImpl(LocalStorage storage, ExchangeRegistry exchanges, NodeChannels channels,
      BufferAllocator allocator, ExecutorService fragments) {
    this.storage = storage;
    this.exchanges = exchanges;
    this.channels = channels;
    this.allocator = allocator;
    this.fragments = fragments;
    this.queryAllocators = new QueryAllocators(allocator);
  }

  @Override
  public void executeFragment(ExecuteFragmentRequest request, StreamObserver<ExecuteFragmentResponse> response) {
    String name = request.getQueryId() + "/f" + request.getFragment().getFragmentId() + "/i" + request.getInstance();
    long limit = request.getMemoryLimitBytes() > 0 ? request.getMemoryLimitBytes() : QueryMemory.defaultLimit();
    fragments.execute(() -> {
      try (QueryAllocators.Lease query = queryAllocators.open(request.getQueryId(), limit);
          BufferAllocator child = query.allocator().newChildAllocator(name, 0, Long.MAX_VALUE)) {
        ExecContext context = new ExecContext(child);
        Set<ExecContext> contexts = running.computeIfAbsent(request.getQueryId(), k -> ConcurrentHashMap.newKeySet());
        contexts.add(context);
        try {
          response.onNext(FragmentExecutor.run(request, context, storage, exchanges, channels));
        } finally {
          contexts.remove(context);
        }
        response.onCompleted();
      } catch (Throwable t) {
        response.onError(GrpcErrors.toStatus(t instanceof BlueshiftException ? t
            : new BlueshiftException(SqlState.INTERNAL_ERROR, "fragment " + name + " failed: " + t, t)));
      }
    });
  }

  @Override
  public void cancelQuery(CancelQueryRequest request, StreamObserver<CancelQueryResponse> response) {
    String reason = request.getReason().isEmpty() ? "query cancelled" : request.getReason();
    Set<ExecContext> contexts = running.remove(request.getQueryId());
    if (contexts != null) {
      contexts.forEach(c -> c.cancel(reason));
    }
    exchanges.finishQuery(request.getQueryId(), new BlueshiftException(SqlState.QUERY_CANCELED, reason));
    response.onNext(CancelQueryResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public StreamObserver<WriteSegmentMessage> writeSegment(StreamObserver<WriteSegmentResponse> response) {
    return new SegmentUpload(storage, allocator, response);
  }

  @Override
  public void markDeletes(dev.blueshift.protocol.MarkDeletesRequest request,
      StreamObserver<dev.blueshift.protocol.MarkDeletesResponse> response) {
    // reads whole segments: off the gRPC event loop, on the fragment pool
    fragments.execute(() -> {
      try (BufferAllocator child = allocator.newChildAllocator("mark-deletes/t" + request.getTableId(), 0,
          Long.MAX_VALUE)) {
        response.onNext(dev.blueshift.worker.storage.DeleteMarker.mark(request, storage, new ExecContext(child)));
        response.onCompleted();
      } catch (Throwable t) {
        response.onError(GrpcErrors.toStatus(t instanceof BlueshiftException ? t
            : new BlueshiftException(SqlState.INTERNAL_ERROR, "marking deleted rows failed: " + t, t)));
      }
    });
  }

  @Override
  public void collectGarbage(CollectGarbageRequest request, StreamObserver<CollectGarbageResponse> response) {
    try {
      int deleted = storage.deleteAllBut(new HashSet<>(request.getLivePathsList()));
      response.onNext(CollectGarbageResponse.newBuilder().setDeleted(deleted).build());
      response.onCompleted();
    } catch (RuntimeException e) {
      response.onError(GrpcErrors.toStatus(e));
    }
  }
}
