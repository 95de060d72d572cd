package dev.blueshift.worker.exec.ops;

import dev.blueshift.storage.segment.BlockPredicate;
import dev.blueshift.storage.segment.SegmentReader;
import dev.blueshift.worker.exec.Batches;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Operator;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads the chosen columns of a slice's segments block by block, skipping blocks whose zone maps
 * cannot satisfy the block predicate.
 */
public final class ScanOperator implements Operator {
  private final Iterator<Path> segments;
  private final int[] columns;
  private final Schema schema;
  private final BlockPredicate predicate;
  private final ExecContext context;
  private SegmentReader reader;
  private Iterator<Integer> blocks;

  public ScanOperator(List<Path> segments, int[] columns, Schema schema, BlockPredicate predicate, ExecContext context) {
    this.segments = segments.iterator();
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
        return Batches.retype(reader.readBlock(block, columns), schema, context.allocator());
      }
      closeReader();
      if (!segments.hasNext()) {
        return null;
      }
      reader = SegmentReader.open(segments.next(), context.allocator());
      List<Integer> matching = reader.matchingBlocks(predicate);
      context.blocksSkipped.addAndGet(reader.blockCount() - matching.size());
      blocks = matching.iterator();
    }
  }

  private void closeReader() {
    if (reader != null) {
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
