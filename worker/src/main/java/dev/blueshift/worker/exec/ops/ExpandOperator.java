package dev.blueshift.worker.exec.ops;

import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Gather;
import dev.blueshift.worker.exec.Operator;
import dev.blueshift.worker.exec.Vectors;
import dev.blueshift.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * GROUPING SETS: each input batch is emitted once per grouping set, with the columns outside the
 * set NULL and the set's index in a trailing BIGINT column, so one ordinary aggregation over
 * (all keys, set index) computes every set.
 */
public final class ExpandOperator implements Operator {
  private final Operator input;
  private final List<int[]> nulled;
  private final Schema schema;
  private final ExecContext context;
  private VectorSchemaRoot current;
  private int nextSet;

  public ExpandOperator(Operator input, List<int[]> nulled, Schema schema, ExecContext context) {
    this.input = input;
    this.nulled = nulled;
    this.schema = schema;
    this.context = context;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    context.checkCancelled();
    if (current == null || nextSet >= nulled.size()) {
      if (current != null) {
        current.close();
      }
      current = input.next();
      nextSet = 0;
      if (current == null) {
        return null;
      }
    }
    int set = nextSet++;
    int n = current.getRowCount();
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    List<Field> fields = schema.getFields();
    List<FieldVector> out = new ArrayList<>();
    int width = fields.size() - 1;
    for (int c = 0; c < width; c++) {
      boolean blank = contains(nulled.get(set), c);
      out.add(Gather.gather(fields.get(c), blank ? null : current.getVector(c), rows, n, context.allocator()));
    }
    FieldVector gid = Vectors.allocate(fields.get(width).getName(), SqlType.BIGINT, n, context.allocator());
    for (int i = 0; i < n; i++) {
      Vectors.setLong(gid, i, set);
    }
    gid.setValueCount(n);
    out.add(gid);
    return new VectorSchemaRoot(fields, out, n);
  }

  private static boolean contains(int[] values, int v) {
    for (int x : values) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    if (current != null) {
      current.close();
      current = null;
    }
    input.close();
  }
}
