package dev.blueshift.worker.exec.ops;

import dev.blueshift.storage.segment.BlockPredicate;
import dev.blueshift.storage.segment.LiveSegmentReader;
import dev.blueshift.worker.exec.Batches;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Operator;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads the chosen columns of a slice's segments block by block, skipping blocks whose zone maps
 * cannot satisfy the block predicate, and leaving out the rows each segment's delete vector (the
 * version the query's catalog snapshot names) deletes.
 */
public final class ScanOperator implements Operator {
  private final Iterator<Path> segments;
  private final Map<Path, Path> deleteVectors;
  private final int[] columns;
  private final Schema schema;
  private final BlockPredicate predicate;
  private final ExecContext context;
  private LiveSegmentReader reader;
  private Iterator<Integer> blocks;
  private long rowsDeleted;

  public ScanOperator(List<Path> segments, int[] columns, Schema schema, BlockPredicate predicate, ExecContext context) {
    this(segments, Map.of(), columns, schema, predicate, context);
  }

  /** @param deleteVectors the delete-vector file of each segment that has one */
  public ScanOperator(List<Path> segments, Map<Path, Path> deleteVectors, int[] columns, Schema schema,
      BlockPredicate predicate, ExecContext context) {
    this.segments = segments.iterator();
    this.deleteVectors = deleteVectors;
    this.columns = columns;
    this.schema = schema;
    this.predicate = predicate;
    this.context = context;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    while (true) {
      context.checkCancelled();
      if (blocks != null && blocks.hasNext()) {
        int block = blocks.next();
        context.blocksRead.incrementAndGet();
        VectorSchemaRoot live = reader.readBlock(block, columns);
        if (live.getRowCount() == 0) {
          live.close();
          continue;
        }
        return Batches.retype(live, schema, context.allocator());
      }
      closeReader();
      if (!segments.hasNext()) {
        return null;
      }
      Path segment = segments.next();
      reader = LiveSegmentReader.open(segment, deleteVectors.get(segment), context.allocator());
      List<Integer> matching = reader.matchingBlocks(predicate);
      context.blocksSkipped.addAndGet(reader.reader().blockCount() - matching.size());
      blocks = matching.iterator();
    }
  }

  /** Rows left out so far because a delete vector deletes them. */
  public long rowsDeleted() {
    return rowsDeleted + (reader == null ? 0 : reader.rowsDropped());
  }

  private void closeReader() {
    if (reader != null) {
      rowsDeleted += reader.rowsDropped();
      reader.close();
      reader = null;
      blocks = null;
    }
  }

  @Override
  public void close() {
    closeReader();
  }
}
