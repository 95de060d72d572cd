package dev.blueshift.worker.exchange;

import dev.blueshift.protocol.Endpoint;
import dev.blueshift.protocol.OutputSink;
import dev.blueshift.worker.exec.Batches;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.RowKeys;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Sends a fragment instance's output to the consumers of its exchange: gather, hash, broadcast or round-robin. */
public final class ExchangeSink implements AutoCloseable {
  private final OutputSink sink;
  private final ExecContext context;
  private final List<ExchangeSender> senders = new ArrayList<>();
  private int roundRobin;
  private long rowsSent;

  public ExchangeSink(OutputSink sink, NodeChannels channels, String queryId, int producer, ExecContext context) {
    this.sink = sink;
    this.context = context;
    for (Endpoint e : sink.getConsumersList()) {
      senders.add(new ExchangeSender(channels, e.getAddress(), queryId, sink.getExchangeId(), e.getInstance(), producer));
    }
  }

  public void accept(VectorSchemaRoot batch) {
    int n = batch.getRowCount();
    if (n == 0) {
      return;
    }
    rowsSent += n;
    switch (sink.getKind()) {
      case GATHER -> send(0, batch);
      case BROADCAST -> {
        for (int c = 0; c < senders.size(); c++) {
          send(c, batch);
        }
      }
      case ROUND_ROBIN -> send(roundRobin++ % senders.size(), batch);
      case HASH -> partition(batch);
      default -> throw new IllegalStateException("exchange kind " + sink.getKind());
    }
  }

  private void partition(VectorSchemaRoot batch) {
    int consumers = senders.size();
    int n = batch.getRowCount();
    FieldVector[] keys = new FieldVector[sink.getHashKeysCount()];
    for (int k = 0; k < keys.length; k++) {
      keys[k] = batch.getVector(sink.getHashKeys(k));
    }
    int[][] rows = new int[consumers][n];
    int[] counts = new int[consumers];
    for (int i = 0; i < n; i++) {
      int p = SliceHash.slice(RowKeys.hash(keys, i), consumers);
      rows[p][counts[p]++] = i;
    }
    for (int p = 0; p < consumers; p++) {
      if (counts[p] > 0) {
        try (VectorSchemaRoot part = Batches.select(batch, rows[p], counts[p], context.allocator())) {
          send(p, part);
        }
      }
    }
  }

  private void send(int consumer, VectorSchemaRoot batch) {
    senders.get(consumer).send(ArrowIpc.serialize(batch), context::isCancelled);
  }

  /** Ends every stream, waiting for the consumers' acknowledgements. */
  public void finish() {
    for (ExchangeSender s : senders) {
      s.finish();
    }
  }

  public long rowsSent() {
    return rowsSent;
  }

  @Override
  public void close() {
    senders.forEach(ExchangeSender::close);
  }
}
