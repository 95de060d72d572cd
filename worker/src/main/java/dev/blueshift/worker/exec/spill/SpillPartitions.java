package dev.blueshift.worker.exec.spill;

import dev.blueshift.worker.exec.Batches;
import dev.blueshift.worker.exec.RowKeys;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@link QueryMemory#PARTITIONS} spill files of one schema at one partitioning level: rows are
 * routed by their key hash re-mixed with the level's seed, so rows with equal keys always meet in
 * the same partition and a partition that is still too big can be split again one level down.
 */
public final class SpillPartitions implements AutoCloseable {
  private final Path directory;
  private final String prefix;
  private final Schema schema;
  private final int level;
  private final SpillFile[] files = new SpillFile[QueryMemory.PARTITIONS];
  private int[] rows = new int[0];
  private final int[] counts = new int[QueryMemory.PARTITIONS];

  public SpillPartitions(Path directory, String prefix, Schema schema, int level) {
    this.directory = directory;
    this.prefix = prefix;
    this.schema = schema;
    this.level = level;
  }

  public int level() {
    return level;
  }

  /** The partition of every row of a batch, from its key columns. */
  public void partitionsOf(FieldVector[] keys, int count, int[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = QueryMemory.partition(RowKeys.hash(keys, i), level);
    }
  }

  /** Writes each row of {@code batch} (caller keeps it) to partition {@code partitionOf[row]}. */
  public void write(VectorSchemaRoot batch, int[] partitionOf, BufferAllocator allocator) {
    int n = batch.getRowCount();
    if (n == 0) {
      return;
    }
    java.util.Arrays.fill(counts, 0);
    for (int i = 0; i < n; i++) {
      counts[partitionOf[i]]++;
    }
    if (rows.length < n) {
      rows = new int[n];
    }
    // bucket the row indices by partition, preserving input order inside each partition
    int[] start = new int[counts.length + 1];
    for (int p = 0; p < counts.length; p++) {
      start[p + 1] = start[p] + counts[p];
    }
    int[] fill = start.clone();
    for (int i = 0; i < n; i++) {
      rows[fill[partitionOf[i]]++] = i;
    }
    for (int p = 0; p < counts.length; p++) {
      if (counts[p] == 0) {
        continue;
      }
      int[] selected = java.util.Arrays.copyOfRange(rows, start[p], start[p + 1]);
      try (VectorSchemaRoot part = Batches.select(batch, selected, selected.length, allocator)) {
        file(p).write(part);
      }
    }
  }

  /** Writes a batch by the hash of its key columns. */
  public void writeByKeys(VectorSchemaRoot batch, int[] keyColumns, BufferAllocator allocator) {
    FieldVector[] keys = new FieldVector[keyColumns.length];
    for (int k = 0; k < keys.length; k++) {
      keys[k] = batch.getVector(keyColumns[k]);
    }
    int[] partitionOf = new int[batch.getRowCount()];
    partitionsOf(keys, partitionOf.length, partitionOf);
    write(batch, partitionOf, allocator);
  }

  private SpillFile file(int p) {
    if (files[p] == null) {
      files[p] = SpillFile.create(directory, prefix + "-l" + level + "p" + p, schema);
    }
    return files[p];
  }

  /** Hands partition {@code p}'s file to the caller (finished for reading), or null if it got no rows. */
  public SpillFile take(int p) {
    SpillFile f = files[p];
    files[p] = null;
    if (f != null) {
      f.finish();
    }
    return f;
  }

  /** Finishes writing every partition (releases the write buffers). */
  public void finish() {
    for (SpillFile f : files) {
      if (f != null) {
        f.finish();
      }
    }
  }

  /** Deletes the files not handed out. */
  @Override
  public void close() {
    RuntimeException first = null;
    for (int p = 0; p < files.length; p++) {
      if (files[p] != null) {
        try {
          files[p].close();
        } catch (RuntimeException e) {
          first = first == null ? e : first;
        }
        files[p] = null;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
