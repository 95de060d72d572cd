package dev.blueshift.worker.exchange;

import com.google.protobuf.ByteString;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.ExchangeAck;
import dev.blueshift.protocol.ExchangeMessage;
import dev.blueshift.protocol.ExchangeServiceGrpc;
import dev.blueshift.worker.service.GrpcErrors;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One producer's stream to one consumer instance. {@link #send} waits while gRPC's flow-control
 * window is full, so a slow consumer slows its producers instead of filling memory.
 */
final class ExchangeSender implements AutoCloseable {
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final Object readyLock = new Object();
  private final ClientCallStreamObserver<ExchangeMessage> stream;
  private boolean closed;

  ExchangeSender(NodeChannels channels, String address, String queryId, int exchangeId, int consumer, int producer) {
    CompletableFuture<ClientCallStreamObserver<ExchangeMessage>> started = new CompletableFuture<>();
    ExchangeServiceGrpc.newStub(channels.get(address)).sendBatches(new ClientResponseObserver<ExchangeMessage, ExchangeAck>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<ExchangeMessage> requestStream) {
        requestStream.setOnReadyHandler(() -> {
          synchronized (readyLock) {
            readyLock.notifyAll();
          }
        });
        started.complete(requestStream);
      }

      @Override
      public void onNext(ExchangeAck value) {}

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
        synchronized (readyLock) {
          readyLock.notifyAll();
        }
      }

      @Override
      public void onCompleted() {
        done.complete(null);
      }
    });
    this.stream = started.join();
    stream.onNext(ExchangeMessage.newBuilder()
        .setQueryId(queryId)
        .setExchangeId(exchangeId)
        .setConsumerInstance(consumer)
        .setProducerInstance(producer)
        .build());
  }

  void send(byte[] batch, java.util.function.BooleanSupplier cancelled) {
    synchronized (readyLock) {
      while (!stream.isReady() && !done.isDone()) {
        if (cancelled.getAsBoolean()) {
          throw new BlueshiftException(SqlState.QUERY_CANCELED, "query cancelled");
        }
        try {
          readyLock.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new BlueshiftException(SqlState.QUERY_CANCELED, "interrupted");
        }
      }
    }
    if (done.isCompletedExceptionally()) {
      awaitDone();
    }
    stream.onNext(ExchangeMessage.newBuilder().setBatch(ByteString.copyFrom(batch)).build());
  }

  /** Ends the stream and waits until the consumer's node has taken every batch. */
  void finish() {
    closed = true;
    stream.onCompleted();
    awaitDone();
  }

  private void awaitDone() {
    try {
      done.get(10, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw GrpcErrors.fromThrowable(e.getCause());
    } catch (TimeoutException e) {
      throw new BlueshiftException(SqlState.CONNECTION_FAILURE, "exchange consumer did not answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BlueshiftException(SqlState.QUERY_CANCELED, "interrupted");
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      stream.cancel("producer stopped", null);
    }
  }
}
