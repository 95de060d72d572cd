package dev.blueshift.worker.exchange;

import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Operator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Reads the batches every producer of an exchange sent to this consumer instance. */
public final class ExchangeSourceOperator implements Operator {
  private final ExchangeBuffer buffer;
  private final Schema schema;
  private final ExecContext context;
  private int producersLeft;

  public ExchangeSourceOperator(ExchangeBuffer buffer, Schema schema, int producers, ExecContext context) {
    this.buffer = buffer;
    this.schema = schema;
    this.producersLeft = producers;
    this.context = context;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    while (producersLeft > 0) {
      context.checkCancelled();
      byte[] message = buffer.take();
      if (message == null) {
        producersLeft--;
        continue;
      }
      return ArrowIpc.deserialize(message, schema, context.allocator());
    }
    return null;
  }

  @Override
  public void close() {}
}
