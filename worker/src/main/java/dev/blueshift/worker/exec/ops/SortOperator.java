package dev.blueshift.worker.exec.ops;

import dev.blueshift.protocol.SortKey;
import dev.blueshift.worker.exec.Batches;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Operator;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Sorts its whole input (stable), then returns rows [offset, offset+fetch) in batches. */
public final class SortOperator implements Operator {
  private final Operator input;
  private final RowComparator comparator;
  private final long offset;
  private final long fetch;
  private final ExecContext context;
  private final List<VectorSchemaRoot> batches = new ArrayList<>();
  private long[] order;
  private int position;

  public SortOperator(Operator input, List<SortKey> keys, long offset, long fetch, ExecContext context) {
    this.input = input;
    this.comparator = new RowComparator(keys, input.schema());
    this.offset = offset;
    this.fetch = fetch;
    this.context = context;
  }

  @Override
  public Schema schema() {
    return input.schema();
  }

  @Override
  public VectorSchemaRoot next() {
    if (order == null) {
      sort();
    }
    if (position >= order.length) {
      return null;
    }
    try (Batches.Builder out = new Batches.Builder(input.schema(), context.allocator())) {
      while (position < order.length && out.rowCount() < ExecContext.BATCH_ROWS) {
        long id = order[position++];
        out.appendRow(batches.get((int) (id >>> 32)), (int) id);
      }
      return out.build();
    }
  }

  private void sort() {
    VectorSchemaRoot batch;
    int total = 0;
    while ((batch = input.next()) != null) {
      context.checkCancelled();
      batches.add(batch);
      total += batch.getRowCount();
    }
    long[] ids = new long[total];
    int n = 0;
    for (int b = 0; b < batches.size(); b++) {
      int rows = batches.get(b).getRowCount();
      for (int r = 0; r < rows; r++) {
        ids[n++] = ((long) b << 32) | r;
      }
    }
    long[] tmp = new long[total];
    mergeSort(ids, tmp, 0, total);
    long from = Math.min(offset, total);
    long to = fetch < 0 ? total : Math.min(total, from + fetch);
    order = java.util.Arrays.copyOfRange(ids, (int) from, (int) to);
  }

  private int compare(long x, long y) {
    return comparator.compare(batches.get((int) (x >>> 32)), (int) x, batches.get((int) (y >>> 32)), (int) y);
  }

  /** Stable merge sort of row ids [from, to). */
  private void mergeSort(long[] a, long[] tmp, int from, int to) {
    if (to - from < 2) {
      return;
    }
    if (to - from <= 16) {
      for (int i = from + 1; i < to; i++) {
        long v = a[i];
        int j = i - 1;
        while (j >= from && compare(a[j], v) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, tmp, from, mid);
    mergeSort(a, tmp, mid, to);
    if (compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && compare(tmp[i], tmp[j]) <= 0)) {
        a[k] = tmp[i++];
      } else {
        a[k] = tmp[j++];
      }
    }
  }

  @Override
  public void close() {
    batches.forEach(VectorSchemaRoot::close);
    batches.clear();
    input.close();
  }
}
