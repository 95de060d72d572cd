package dev.blueshift.coordinator.load;

import com.google.protobuf.ByteString;
import dev.blueshift.coordinator.cluster.ClusterClient;
import dev.blueshift.protocol.WriteSegmentHeader;
import dev.blueshift.protocol.WriteSegmentMessage;
import dev.blueshift.protocol.WriteSegmentResponse;
import dev.blueshift.worker.exchange.ArrowIpc;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Streams batches to a worker, which writes and syncs them as one new (uncommitted) segment. */
final class SegmentUploader {
  private SegmentUploader() {}

  /** Sends the whole segment now; the future completes when the worker has synced it. */
  static CompletableFuture<WriteSegmentResponse> start(ClusterClient cluster, int worker, WriteSegmentHeader header,
      List<VectorSchemaRoot> batches) {
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
    return result;
  }
}
