package dev.blueshift.worker.exec.ops;

import dev.blueshift.protocol.SortKey;
import dev.blueshift.worker.exec.Batches;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Operator;
import dev.blueshift.worker.exec.spill.MemoryReservation;
import dev.blueshift.worker.exec.spill.QueryMemory;
import dev.blueshift.worker.exec.spill.SpillFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Sorts its whole input (stable), then returns rows [offset, offset+fetch) in batches.
 *
 * <p>Memory: input batches are buffered while the query's allocator has room for them and for
 * the sort's row ids (a {@link MemoryReservation}); otherwise the buffered rows are sorted and
 * written as a run to a spill file. With runs, the output is a k-way merge of them (earlier runs
 * win ties, so the sort stays stable), in several passes when too many runs are open at once.
 */
public final class SortOperator implements Operator {
  /** Target size of a run file's batches: small, so a merge can hold one per run. */
  private static final long RUN_BATCH_BYTES = 128 * 1024;
  private static final int MAX_FAN_IN = 64;

  private final Operator input;
  private final RowComparator comparator;
  private final long offset;
  private final long fetch;
  private final ExecContext context;
  private final BufferAllocator allocator;
  private final MemoryReservation heap;
  private final List<VectorSchemaRoot> batches = new ArrayList<>();
  private final List<SpillFile> runs = new ArrayList<>();
  private long bufferedBytes;
  private int bufferedRows;
  private int runBatchRows = ExecContext.BATCH_ROWS;
  private long[] order;
  private int position;
  private Merge merge;

  public SortOperator(Operator input, List<SortKey> keys, long offset, long fetch, ExecContext context) {
    this.input = input;
    this.comparator = new RowComparator(keys, input.schema());
    this.offset = offset;
    this.fetch = fetch;
    this.context = context;
    this.allocator = context.allocator();
    this.heap = new MemoryReservation(allocator);
  }

  @Override
  public Schema schema() {
    return input.schema();
  }

  @Override
  public VectorSchemaRoot next() {
    if (order == null && merge == null) {
      sort();
    }
    if (merge != null) {
      return merge.nextOutput();
    }
    if (position >= order.length) {
      return null;
    }
    try (Batches.Builder out = new Batches.Builder(input.schema(), allocator)) {
      while (position < order.length && out.rowCount() < ExecContext.BATCH_ROWS) {
        long id = order[position++];
        out.appendRow(batches.get((int) (id >>> 32)), (int) id);
      }
      return out.build();
    }
  }

  private void sort() {
    VectorSchemaRoot batch;
    while ((batch = input.next()) != null) {
      batches.add(batch);
      context.checkCancelled();
      bufferedRows += batch.getRowCount();
      bufferedBytes += bufferBytes(batch);
      // room for the row ids of the sort (ids, merge buffer, result) and one output batch
      long ids = 24L * bufferedRows;
      if (!QueryMemory.fits(allocator, Math.max(0, ids - heap.reserved()) + bufferedBytes / batches.size())
          || !heap.tryReserve(ids)) {
        spillRun();
      }
    }
    if (runs.isEmpty()) {
      long[] ids = sortedIds();
      long from = Math.min(offset, ids.length);
      long to = fetch < 0 ? ids.length : Math.min(ids.length, from + fetch);
      order = Arrays.copyOfRange(ids, (int) from, (int) to);
      return;
    }
    if (!batches.isEmpty()) {
      spillRun();
    }
    mergeRuns();
  }

  private static long bufferBytes(VectorSchemaRoot batch) {
    long bytes = 0;
    for (FieldVector v : batch.getFieldVectors()) {
      bytes += v.getBufferSize();
    }
    return bytes;
  }

  /** The buffered rows' ids ({@code batch << 32 | row}) in sorted order. */
  private long[] sortedIds() {
    long[] ids = new long[bufferedRows];
    int n = 0;
    for (int b = 0; b < batches.size(); b++) {
      int rows = batches.get(b).getRowCount();
      for (int r = 0; r < rows; r++) {
        ids[n++] = ((long) b << 32) | r;
      }
    }
    long[] tmp = new long[bufferedRows];
    mergeSort(ids, tmp, 0, bufferedRows);
    return ids;
  }

  /** Sorts the buffered rows into a new run file and frees them. */
  private void spillRun() {
    if (bufferedRows == 0) {
      return;
    }
    long rowBytes = Math.max(1, bufferedBytes / bufferedRows);
    runBatchRows = (int) Math.max(64, Math.min(ExecContext.BATCH_ROWS, RUN_BATCH_BYTES / rowBytes));
    long[] ids = sortedIds();
    SpillFile run = SpillFile.create(context.spillDirectory(), "sort-run", input.schema());
    runs.add(run);
    Batches.Builder out = new Batches.Builder(input.schema(), allocator, runBatchRows);
    try {
      for (long id : ids) {
        out.appendRow(batches.get((int) (id >>> 32)), (int) id);
        if (out.rowCount() == runBatchRows) {
          writeBatch(run, out);
        }
      }
      if (out.rowCount() > 0) {
        writeBatch(run, out);
      }
      run.finish();
    } finally {
      out.close();
    }
    batches.forEach(VectorSchemaRoot::close);
    batches.clear();
    bufferedRows = 0;
    bufferedBytes = 0;
    heap.release();
  }

  private static void writeBatch(SpillFile run, Batches.Builder out) {
    try (VectorSchemaRoot b = out.build()) {
      run.write(b);
    }
  }

  /**
   * Merges runs until few enough are left to open at once (each pass merges the first runs into
   * one that takes their place, keeping run order for stability), then starts the final merge.
   */
  private void mergeRuns() {
    long room = allocator.getHeadroom() - QueryMemory.spillReserve(allocator);
    int fanIn = (int) Math.max(2, Math.min(MAX_FAN_IN, room / (4 * RUN_BATCH_BYTES)));
    while (runs.size() > fanIn) {
      List<SpillFile> group = new ArrayList<>(runs.subList(0, fanIn));
      SpillFile merged = SpillFile.create(context.spillDirectory(), "sort-run", input.schema());
      try (Merge m = new Merge(group, 0, -1)) {
        runs.subList(0, fanIn).clear();
        runs.add(0, merged);
        VectorSchemaRoot b;
        while ((b = m.next(runBatchRows)) != null) {
          try (VectorSchemaRoot batch = b) {
            merged.write(batch);
          }
        }
        merged.finish();
      }
    }
    merge = new Merge(new ArrayList<>(runs), offset, fetch);
    runs.clear();
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
    try {
      if (merge != null) {
        merge.close();
        merge = null;
      }
      runs.forEach(SpillFile::close);
      runs.clear();
      batches.forEach(VectorSchemaRoot::close);
      batches.clear();
      heap.close();
    } finally {
      input.close();
    }
  }

  /** A k-way merge of sorted runs (owns and deletes them), ties going to the earlier run. */
  private final class Merge implements AutoCloseable {
    private final List<SpillFile> files;
    private final SpillFile.Reader[] readers;
    private final VectorSchemaRoot[] current;
    private final int[] rows;
    /** Binary min-heap of run indices. */
    private final int[] heapOrder;
    private int size;
    private long toSkip;
    private long toEmit;

    Merge(List<SpillFile> files, long offset, long fetch) {
      this.files = files;
      int k = files.size();
      this.readers = new SpillFile.Reader[k];
      this.current = new VectorSchemaRoot[k];
      this.rows = new int[k];
      this.heapOrder = new int[k];
      this.toSkip = offset;
      this.toEmit = fetch < 0 ? Long.MAX_VALUE : fetch;
      try {
        for (int r = 0; r < k; r++) {
          readers[r] = files.get(r).open(allocator);
          current[r] = readers[r].next();
          if (current[r] != null) {
            heapOrder[size++] = r;
          }
        }
        for (int i = size / 2 - 1; i >= 0; i--) {
          siftDown(i);
        }
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }

    private boolean less(int a, int b) {
      int c = comparator.compare(current[a], rows[a], current[b], rows[b]);
      return c < 0 || (c == 0 && a < b);
    }

    private void siftDown(int i) {
      while (true) {
        int l = 2 * i + 1;
        if (l >= size) {
          return;
        }
        int m = l + 1 < size && less(heapOrder[l + 1], heapOrder[l]) ? l + 1 : l;
        if (!less(heapOrder[m], heapOrder[i])) {
          return;
        }
        int t = heapOrder[m];
        heapOrder[m] = heapOrder[i];
        heapOrder[i] = t;
        i = m;
      }
    }

    /** Moves run r past its current row, reading its next batch when this one is done. */
    private void advance(int r) {
      if (++rows[r] < current[r].getRowCount()) {
        siftDown(0);
        return;
      }
      current[r].close();
      current[r] = readers[r].next();
      rows[r] = 0;
      if (current[r] == null) {
        heapOrder[0] = heapOrder[--size];
      }
      siftDown(0);
    }

    /** Up to {@code maxRows} next rows in order, or null at the end. */
    VectorSchemaRoot next(int maxRows) {
      if (size == 0 || toEmit == 0) {
        return null;
      }
      try (Batches.Builder out = new Batches.Builder(input.schema(), allocator, Math.min(maxRows, runBatchRows))) {
        while (size > 0 && out.rowCount() < maxRows && toEmit > 0) {
          int r = heapOrder[0];
          if (toSkip > 0) {
            toSkip--;
          } else {
            out.appendRow(current[r], rows[r]);
            toEmit--;
          }
          advance(r);
        }
        if (out.rowCount() == 0) {
          return null;
        }
        return out.build();
      }
    }

    VectorSchemaRoot nextOutput() {
      context.checkCancelled();
      return next(ExecContext.BATCH_ROWS);
    }

    @Override
    public void close() {
      for (int r = 0; r < readers.length; r++) {
        if (current[r] != null) {
          current[r].close();
          current[r] = null;
        }
        if (readers[r] != null) {
          readers[r].close();
          readers[r] = null;
        }
      }
      files.forEach(SpillFile::close);
    }
  }
}
