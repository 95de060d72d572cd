package dev.blueshift.worker.exec.ops;

import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Operator;
import dev.blueshift.worker.exec.Vectors;
import dev.blueshift.worker.exec.expr.Evaluators;
import dev.blueshift.worker.types.ArrowSchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Constant rows (VALUES, and a single empty row for SELECT without FROM). */
public final class ValuesOperator implements Operator {
  private final Schema schema;
  private final List<Object[]> rows;
  private final ExecContext context;
  private boolean done;

  public ValuesOperator(Schema schema, List<Object[]> rows, ExecContext context) {
    this.schema = schema;
    this.rows = rows;
    this.context = context;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (done) {
      return null;
    }
    done = true;
    List<SqlType> types = ArrowSchemas.sqlTypes(schema);
    List<FieldVector> vectors = new ArrayList<>();
    for (int c = 0; c < types.size(); c++) {
      FieldVector v = Vectors.allocate(schema.getFields().get(c).getName(), types.get(c), rows.size(), context.allocator());
      for (int r = 0; r < rows.size(); r++) {
        Evaluators.writeConstant(v, types.get(c), r, rows.get(r)[c]);
      }
      v.setValueCount(rows.size());
      vectors.add(v);
    }
    return new VectorSchemaRoot(schema.getFields(), vectors, rows.size());
  }

  @Override
  public void close() {}
}
