package dev.blueshift.worker.exec.ops;

import dev.blueshift.worker.exec.Batches;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Operator;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** UNION ALL: the batches of each input in turn, relabelled with the union's schema. */
public final class UnionAllOperator implements Operator {
  private final List<Operator> inputs;
  private final Schema schema;
  private final ExecContext context;
  private int current;

  public UnionAllOperator(List<Operator> inputs, Schema schema, ExecContext context) {
    this.inputs = inputs;
    this.schema = schema;
    this.context = context;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    while (current < inputs.size()) {
      context.checkCancelled();
      VectorSchemaRoot batch = inputs.get(current).next();
      if (batch != null) {
        return Batches.retype(batch, schema, context.allocator());
      }
      current++;
    }
    return null;
  }

  @Override
  public void close() {
    inputs.forEach(Operator::close);
  }
}
