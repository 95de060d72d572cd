package dev.blueshift.worker.exec.ops;

import dev.blueshift.worker.exec.Batches;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Operator;
import dev.blueshift.worker.exec.expr.Evaluator;
import dev.blueshift.worker.exec.expr.Value;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Keeps the rows for which the condition is TRUE (not FALSE, not NULL). */
public final class FilterOperator implements Operator {
  private final Operator input;
  private final Evaluator condition;
  private final ExecContext context;

  public FilterOperator(Operator input, Evaluator condition, ExecContext context) {
    this.input = input;
    this.condition = condition;
    this.context = context;
  }

  @Override
  public Schema schema() {
    return input.schema();
  }

  @Override
  public VectorSchemaRoot next() {
    while (true) {
      context.checkCancelled();
      VectorSchemaRoot batch = input.next();
      if (batch == null) {
        return null;
      }
      int n = batch.getRowCount();
      int[] selected = new int[n];
      int count;
      try (Value v = condition.evaluate(batch, context)) {
        count = v.selectTrue(n, selected);
      } catch (RuntimeException e) {
        batch.close();
        throw e;
      }
      if (count == n) {
        return batch;
      }
      try {
        if (count > 0) {
          return Batches.select(batch, selected, count, context.allocator());
        }
      } finally {
        batch.close();
      }
    }
  }

  @Override
  public void close() {
    input.close();
  }
}
