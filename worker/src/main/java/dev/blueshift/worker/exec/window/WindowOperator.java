package dev.blueshift.worker.exec.window;

import dev.blueshift.protocol.SortKey;
import dev.blueshift.protocol.WindowCall;
import dev.blueshift.worker.exec.Batches;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Operator;
import dev.blueshift.worker.exec.RowKeys;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Window functions over an input sorted by partition keys then order keys. Reads the input whole
 * (one slice's share), finds partition and peer boundaries once, computes every call as a column
 * and hands the rows out in batches: input columns followed by the calls' results.
 */
public final class WindowOperator implements Operator {
  private final Operator input;
  private final int[] partitionKeys;
  private final List<SortKey> orderKeys;
  private final List<WindowCall> calls;
  private final Schema schema;
  private final ExecContext context;
  private VectorSchemaRoot result;
  private int emitted;

  public WindowOperator(Operator input, int[] partitionKeys, List<SortKey> orderKeys, List<WindowCall> calls,
      Schema schema, ExecContext context) {
    this.input = input;
    this.partitionKeys = partitionKeys;
    this.orderKeys = orderKeys;
    this.calls = calls;
    this.schema = schema;
    this.context = context;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (result == null) {
      compute();
    }
    int n = result.getRowCount();
    if (emitted >= n) {
      return null;
    }
    int count = Math.min(ExecContext.BATCH_ROWS, n - emitted);
    VectorSchemaRoot out = Batches.slice(result, emitted, count, context.allocator());
    emitted += count;
    return out;
  }

  private void compute() {
    VectorSchemaRoot rows = Batches.drain(input, context);
    try {
      int n = rows.getRowCount();
      Frames frames = new Frames(n, boundaries(rows, partitionKeys, n), peerBoundaries(rows, n));
      List<Field> fields = schema.getFields();
      int inputWidth = input.schema().getFields().size();
      List<FieldVector> results = new ArrayList<>();
      try {
        for (int k = 0; k < calls.size(); k++) {
          context.checkCancelled();
          results.add(WindowFunctions.evaluate(calls.get(k), fields.get(inputWidth + k), rows, frames, context));
        }
      } catch (RuntimeException e) {
        results.forEach(FieldVector::close);
        throw e;
      }
      // the input columns move into the result without copying
      List<FieldVector> vectors = new ArrayList<>();
      for (int c = 0; c < inputWidth; c++) {
        FieldVector target = fields.get(c).createVector(context.allocator());
        rows.getVector(c).makeTransferPair(target).transfer();
        vectors.add(target);
      }
      vectors.addAll(results);
      result = new VectorSchemaRoot(fields, vectors, n);
    } finally {
      rows.close();
    }
  }

  /** {@code starts[i]}: whether row i begins a new group of equal values in {@code columns}. */
  private static boolean[] boundaries(VectorSchemaRoot rows, int[] columns, int n) {
    boolean[] starts = new boolean[n];
    for (int i = 0; i < n; i++) {
      starts[i] = i == 0 || !equalOn(rows, columns, i - 1, i);
    }
    return starts;
  }

  /** Peers share the partition and every order key value. */
  private boolean[] peerBoundaries(VectorSchemaRoot rows, int n) {
    int[] all = new int[partitionKeys.length + orderKeys.size()];
    System.arraycopy(partitionKeys, 0, all, 0, partitionKeys.length);
    for (int k = 0; k < orderKeys.size(); k++) {
      all[partitionKeys.length + k] = orderKeys.get(k).getColumn();
    }
    return boundaries(rows, all, n);
  }

  private static boolean equalOn(VectorSchemaRoot rows, int[] columns, int a, int b) {
    for (int c : columns) {
      FieldVector v = rows.getVector(c);
      if (!RowKeys.equal(v, a, v, b)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    if (result != null) {
      result.close();
      result = null;
    }
    input.close();
  }
}
