package dev.blueshift.worker.exchange;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The inbox of one consumer instance of one exchange: batches from every producer, in arrival
 * order, bounded so a fast producer waits (and gRPC flow control pushes back to the sender).
 */
public final class ExchangeBuffer {
  private static final Object END = new Object();
  private static final int CAPACITY = 64;

  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>(CAPACITY);
  private volatile BlueshiftException failure;

  /** Adds a batch message; blocks while the buffer is full. */
  public void put(byte[] batch) throws InterruptedException {
    while (failure == null) {
      if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
  }

  /** Records that one producer has sent everything. */
  public void producerDone() {
    while (failure == null) {
      try {
        if (queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Makes the consumer fail with this error (query cancelled or a producer failed). */
  public void fail(BlueshiftException error) {
    failure = error;
    queue.clear();
  }

  /**
   * The next batch, or null when a producer finished (the caller counts those), waiting as long as
   * needed; throws the failure when the exchange failed.
   */
  public byte[] take() {
    while (true) {
      BlueshiftException f = failure;
      if (f != null) {
        throw f;
      }
      try {
        Object o = queue.poll(100, TimeUnit.MILLISECONDS);
        if (o == END) {
          return null;
        }
        if (o != null) {
          return (byte[]) o;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BlueshiftException(SqlState.QUERY_CANCELED, "interrupted");
      }
    }
  }
}
