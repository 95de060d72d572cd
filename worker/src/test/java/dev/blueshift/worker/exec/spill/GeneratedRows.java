package dev.blueshift.worker.exec.spill;

import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Operator;
import dev.blueshift.worker.exec.Vectors;
import dev.blueshift.worker.types.ArrowSchemas;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** A test input: {@code rows} generated rows (Long or String values, null for NULL) in full batches. */
final class GeneratedRows implements Operator {
  private final Schema schema;
  private final List<SqlType> types;
  private final int rows;
  private final IntFunction<Object[]> row;
  private final ExecContext context;
  private int next;

  GeneratedRows(List<String> names, List<SqlType> types, int rows, IntFunction<Object[]> row, ExecContext context) {
    this.schema = ArrowSchemas.schema(names, types);
    this.types = types;
    this.rows = rows;
    this.row = row;
    this.context = context;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (next >= rows) {
      return null;
    }
    int n = Math.min(ExecContext.BATCH_ROWS, rows - next);
    List<FieldVector> vectors = new ArrayList<>();
    for (int c = 0; c < types.size(); c++) {
      vectors.add(Vectors.allocate(schema.getFields().get(c).getName(), types.get(c), n, context.allocator()));
    }
    for (int i = 0; i < n; i++) {
      Object[] values = row.apply(next + i);
      for (int c = 0; c < values.length; c++) {
        Object v = values[c];
        if (v == null) {
          Vectors.setNull(vectors.get(c), i);
        } else if (v instanceof String s) {
          Vectors.setString(vectors.get(c), i, s.getBytes(StandardCharsets.UTF_8));
        } else {
          Vectors.setLong(vectors.get(c), i, ((Number) v).longValue());
        }
      }
    }
    next += n;
    Vectors.setValueCount(vectors, n);
    return new VectorSchemaRoot(schema.getFields(), vectors, n);
  }

  @Override
  public void close() {}
}
