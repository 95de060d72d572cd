package dev.blueshift.worker.exec.ops;

import dev.blueshift.worker.exec.Batches;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Operator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** OFFSET / LIMIT over its input; stops pulling once the limit is reached. */
public final class LimitOperator implements Operator {
  private final Operator input;
  private final ExecContext context;
  private long toSkip;
  private long remaining;

  /** @param fetch the row limit, or a negative value for none */
  public LimitOperator(Operator input, long offset, long fetch, ExecContext context) {
    this.input = input;
    this.context = context;
    this.toSkip = offset;
    this.remaining = fetch < 0 ? Long.MAX_VALUE : fetch;
  }

  @Override
  public Schema schema() {
    return input.schema();
  }

  @Override
  public VectorSchemaRoot next() {
    while (remaining > 0) {
      context.checkCancelled();
      VectorSchemaRoot batch = input.next();
      if (batch == null) {
        return null;
      }
      int n = batch.getRowCount();
      int from = (int) Math.min(toSkip, n);
      toSkip -= from;
      int count = (int) Math.min(n - from, remaining);
      if (count <= 0) {
        batch.close();
        continue;
      }
      remaining -= count;
      if (from == 0 && count == n) {
        return batch;
      }
      try {
        return Batches.slice(batch, from, count, context.allocator());
      } finally {
        batch.close();
      }
    }
    return null;
  }

  @Override
  public void close() {
    input.close();
  }
}
