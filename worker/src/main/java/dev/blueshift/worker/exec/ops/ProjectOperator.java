package dev.blueshift.worker.exec.ops;

import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Operator;
import dev.blueshift.worker.exec.expr.Evaluator;
import dev.blueshift.worker.exec.expr.Value;
import dev.blueshift.worker.types.ArrowSchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Computes one output column per expression. */
public final class ProjectOperator implements Operator {
  private final Operator input;
  private final List<Evaluator> exprs;
  private final Schema schema;
  private final ExecContext context;

  public ProjectOperator(Operator input, List<Evaluator> exprs, List<String> names, ExecContext context) {
    this.input = input;
    this.exprs = exprs;
    this.context = context;
    List<SqlType> types = new ArrayList<>();
    for (Evaluator e : exprs) {
      types.add(e.type());
    }
    this.schema = ArrowSchemas.schema(names, types);
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    context.checkCancelled();
    VectorSchemaRoot batch = input.next();
    if (batch == null) {
      return null;
    }
    List<FieldVector> out = new ArrayList<>(exprs.size());
    try {
      int n = batch.getRowCount();
      for (int i = 0; i < exprs.size(); i++) {
        try (Value v = exprs.get(i).evaluate(batch, context)) {
          FieldVector vec = v.toOwnedVector(schema.getFields().get(i).getName(), n, context.allocator());
          out.add(retype(vec, i));
        }
      }
      return new VectorSchemaRoot(schema.getFields(), out, n);
    } catch (RuntimeException e) {
      out.forEach(FieldVector::close);
      throw e;
    } finally {
      batch.close();
    }
  }

  /** Gives the vector the output field (name) without copying data. */
  private FieldVector retype(FieldVector vec, int i) {
    FieldVector target = schema.getFields().get(i).createVector(context.allocator());
    vec.makeTransferPair(target).transfer();
    vec.close();
    return target;
  }

  @Override
  public void close() {
    input.close();
  }
}
