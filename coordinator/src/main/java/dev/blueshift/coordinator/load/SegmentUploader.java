package dev.blueshift.coordinator.load;

import com.google.protobuf.ByteString;
import dev.blueshift.coordinator.cluster.ClusterClient;
import dev.blueshift.protocol.WriteSegmentHeader;
import dev.blueshift.protocol.WriteSegmentMessage;
import dev.blueshift.protocol.WriteSegmentResponse;
import dev.blueshift.worker.exchange.ArrowIpc;
import dev.blueshift.worker.service.GrpcErrors;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Streams batches to a worker, which writes and syncs them as one new (uncommitted) segment. */
final class SegmentUploader {
  private SegmentUploader() {}

  static WriteSegmentResponse upload(ClusterClient cluster, int worker, WriteSegmentHeader header, List<VectorSchemaRoot> batches) {
    CompletableFuture<WriteSegmentResponse> result = new CompletableFuture<>();
    StreamObserver<WriteSegmentMessage> stream = cluster.async(worker).writeSegment(new StreamObserver<>() {
      @Override
      public void onNext(WriteSegmentResponse value) {
        result.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        result.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {}
    });
    stream.onNext(WriteSegmentMessage.newBuilder().setHeader(header).build());
    for (VectorSchemaRoot b : batches) {
      stream.onNext(WriteSegmentMessage.newBuilder().setBatch(ByteString.copyFrom(ArrowIpc.serialize(b))).build());
    }
    stream.onCompleted();
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw GrpcErrors.fromThrowable(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GrpcErrors.fromThrowable(e);
    }
  }
}
