package dev.blueshift.storage.segment;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A segment as a query sees it: a {@link SegmentReader} with the segment's current
 * {@link DeleteVector} applied, so deleted rows never come out. Blocks whose rows are all deleted
 * are left out of {@link #matchingBlocks} like blocks the zone maps rule out (zone maps still
 * describe every row written, so they stay a correct, if looser, bound). Counts the rows it drops.
 * Owns (and closes) its reader.
 */
public final class LiveSegmentReader implements AutoCloseable {
  private final SegmentReader reader;
  private final DeleteVector deletes;
  private final long[] blockStart;
  private long rowsDropped;

  /**
   * @param deletes the segment's delete vector, or null when no row is deleted
   * @throws BlueshiftException DATA_CORRUPTED when the vector does not match the segment's row count
   */
  public LiveSegmentReader(SegmentReader reader, DeleteVector deletes) {
    if (deletes != null && deletes.rowCount() != reader.rowCount()) {
      reader.close();
      throw new BlueshiftException(SqlState.DATA_CORRUPTED, "delete vector of " + deletes.rowCount()
          + " rows does not belong to segment " + reader.path() + " of " + reader.rowCount() + " rows");
    }
    this.reader = reader;
    this.deletes = deletes == null || deletes.isEmpty() ? null : deletes;
    this.blockStart = new long[reader.blockCount() + 1];
    for (int b = 0; b < reader.blockCount(); b++) {
      blockStart[b + 1] = blockStart[b] + reader.blockRowCount(b);
    }
  }

  /**
   * Opens the segment and, when {@code deleteVectorFile} is not null, reads its delete vector.
   *
   * @throws BlueshiftException DATA_CORRUPTED naming the file when either is torn or corrupt or they
   *     do not belong together; IO_ERROR when one cannot be read
   */
  public static LiveSegmentReader open(Path segment, Path deleteVectorFile, BufferAllocator allocator) {
    DeleteVector deletes = deleteVectorFile == null ? null : DeleteVectorFile.read(deleteVectorFile);
    SegmentReader reader = SegmentReader.open(segment, allocator);
    if (deletes != null && deletes.rowCount() != reader.rowCount()) {
      reader.close();
      throw new BlueshiftException(SqlState.DATA_CORRUPTED, "delete vector " + deleteVectorFile + " covers "
          + deletes.rowCount() + " rows, segment " + segment + " has " + reader.rowCount());
    }
    return new LiveSegmentReader(reader, deletes);
  }

  public SegmentReader reader() {
    return reader;
  }

  /** Rows not deleted. */
  public long liveRowCount() {
    return deletes == null ? reader.rowCount() : deletes.liveCount();
  }

  /** Rows of a block not deleted. */
  public int blockLiveRows(int block) {
    int rows = reader.blockRowCount(block);
    return deletes == null ? rows : rows - (int) deletes.deletedIn(blockStart[block], blockStart[block + 1]);
  }

  /**
   * Blocks that may hold a live row satisfying the predicate, in order. Rows of the blocks left out
   * only because all their rows are deleted count as dropped.
   */
  public List<Integer> matchingBlocks(BlockPredicate predicate) {
    List<Integer> result = new ArrayList<>();
    for (int b : reader.matchingBlocks(predicate)) {
      if (deletes != null && blockLiveRows(b) == 0) {
        rowsDropped += reader.blockRowCount(b);
      } else {
        result.add(b);
      }
    }
    return result;
  }

  /**
   * Reads the chosen columns of a block without its deleted rows (possibly none left); the caller
   * owns the result.
   */
  public VectorSchemaRoot readBlock(int block, int[] columns) {
    VectorSchemaRoot all = reader.readBlock(block, columns);
    if (deletes == null) {
      return all;
    }
    int rows = all.getRowCount();
    long start = blockStart[block];
    int[] live = new int[rows];
    int n = 0;
    for (int r = 0; r < rows; r++) {
      if (!deletes.isDeleted(start + r)) {
        live[n++] = r;
      }
    }
    if (n == rows) {
      return all;
    }
    rowsDropped += rows - n;
    try (all) {
      int[] batchOf = new int[rows];
      int[] rowOf = new int[rows];
      for (int r = 0; r < rows; r++) {
        rowOf[r] = r;
      }
      List<VectorSchemaRoot> source = List.of(all);
      List<Field> fields = new ArrayList<>(columns.length);
      List<FieldVector> vectors = new ArrayList<>(columns.length);
      BufferAllocator allocator = all.getFieldVectors().isEmpty() ? null
          : all.getVector(0).getAllocator();
      try {
        for (int c = 0; c < columns.length; c++) {
          Field field = all.getVector(c).getField();
          vectors.add(VectorGather.gather(field, c, source, batchOf, rowOf, live, 0, n, allocator));
          fields.add(field);
        }
      } catch (RuntimeException e) {
        vectors.forEach(FieldVector::close);
        throw e;
      }
      return new VectorSchemaRoot(fields, vectors, n);
    }
  }

  /** Deleted rows this reader has kept from coming out so far. */
  public long rowsDropped() {
    return rowsDropped;
  }

  @Override
  public void close() {
    reader.close();
  }
}
