package dev.blueshift.worker.exchange;

import dev.blueshift.protocol.ExchangeAck;
import dev.blueshift.protocol.ExchangeMessage;
import dev.blueshift.protocol.ExchangeServiceGrpc;
import dev.blueshift.worker.service.GrpcErrors;
import io.grpc.stub.StreamObserver;

/** Receives exchange streams from producers into this node's {@link ExchangeRegistry}. */
public final class ExchangeServiceImpl extends ExchangeServiceGrpc.ExchangeServiceImplBase {
  private final ExchangeRegistry registry;

  public ExchangeServiceImpl(ExchangeRegistry registry) {
    this.registry = registry;
  }

  @Override
  public StreamObserver<ExchangeMessage> sendBatches(StreamObserver<ExchangeAck> response) {
    return new StreamObserver<>() {
      private ExchangeBuffer buffer;
      private boolean failed;

      @Override
      public void onNext(ExchangeMessage message) {
        if (failed) {
          return;
        }
        try {
          if (buffer == null) {
            buffer = registry.buffer(message.getQueryId(), message.getExchangeId(), message.getConsumerInstance());
          }
          if (!message.getBatch().isEmpty()) {
            buffer.put(message.getBatch().toByteArray());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failed = true;
          response.onError(GrpcErrors.toStatus(e));
        } catch (RuntimeException e) {
          failed = true;
          response.onError(GrpcErrors.toStatus(e));
        }
      }

      @Override
      public void onError(Throwable t) {
        // the producer failed; the coordinator cancels the query and fails the consumers
      }

      @Override
      public void onCompleted() {
        if (failed) {
          return;
        }
        if (buffer != null) {
          buffer.producerDone();
        }
        response.onNext(ExchangeAck.getDefaultInstance());
        response.onCompleted();
      }
    };
  }
}
