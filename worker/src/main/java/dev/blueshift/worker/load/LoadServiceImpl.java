package dev.blueshift.worker.load;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.load.AbortLoadRequest;
import dev.blueshift.protocol.load.AbortLoadResponse;
import dev.blueshift.protocol.load.LoadReply;
import dev.blueshift.protocol.load.LoadRequest;
import dev.blueshift.protocol.load.LoadServiceGrpc;
import dev.blueshift.worker.exchange.NodeChannels;
import dev.blueshift.worker.service.GrpcErrors;
import dev.blueshift.worker.storage.LocalStorage;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;

/** The worker's load service: runs its part of a COPY ({@link WorkerLoad}) and deletes an aborted load's segments. */
public final class LoadServiceImpl extends LoadServiceGrpc.LoadServiceImplBase {
  private final LocalStorage storage;
  private final NodeChannels channels;
  private final BufferAllocator allocator;
  private final ExecutorService threads;

  /** {@code threads}: where loads and their per-slice parsers run (not gRPC's own threads). */
  public LoadServiceImpl(LocalStorage storage, NodeChannels channels, BufferAllocator allocator, ExecutorService threads) {
    this.storage = storage;
    this.channels = channels;
    this.allocator = allocator;
    this.threads = threads;
  }

  @Override
  public void load(LoadRequest request, StreamObserver<LoadReply> response) {
    io.grpc.Context context = io.grpc.Context.current();
    threads.execute(context.wrap(() -> {
      try (BufferAllocator child = allocator.newChildAllocator("load-" + request.getLoadId(), 0, Long.MAX_VALUE)) {
        new WorkerLoad(request, storage, channels, child, threads, response).run();
      } catch (Throwable t) {
        synchronized (response) {
          response.onError(GrpcErrors.toStatus(t instanceof BlueshiftException ? t
              : new BlueshiftException(SqlState.INTERNAL_ERROR, "load " + request.getLoadId() + " failed: " + t, t)));
        }
      }
    }));
  }

  @Override
  public void abortLoad(AbortLoadRequest request, StreamObserver<AbortLoadResponse> response) {
    try {
      response.onNext(AbortLoadResponse.newBuilder().setDeleted(deleteSegments(request.getTableId(), request.getLoadId())).build());
      response.onCompleted();
    } catch (RuntimeException e) {
      response.onError(GrpcErrors.toStatus(e));
    }
  }

  /** Deletes the segment files of one load of a table (all slices); returns how many. */
  private int deleteSegments(long tableId, String loadId) {
    Path table = storage.root().resolve("tables").resolve("t" + tableId);
    if (!Files.isDirectory(table)) {
      return 0;
    }
    String prefix = SliceRouter.segmentPrefix(loadId);
    int deleted = 0;
    try (Stream<Path> files = Files.walk(table, 2)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f) && f.getFileName().toString().startsWith(prefix)) {
          Files.deleteIfExists(f);
          deleted++;
        }
      }
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot delete the segments of load " + loadId + ": " + e.getMessage(), e);
    }
    return deleted;
  }
}
