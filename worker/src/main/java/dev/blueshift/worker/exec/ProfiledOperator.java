package dev.blueshift.worker.exec;

import dev.blueshift.protocol.OperatorStats;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Counts what an operator returns and the time spent in it (its inputs included), for EXPLAIN
 * ANALYZE. Blocks read and skipped are the fragment's scan counters moving while this operator
 * runs, so on a scan they are its own. Only profiled queries pay for it: one clock read per batch.
 */
final class ProfiledOperator implements Operator {
  private final Operator input;
  private final ExecContext context;
  private final OperatorStats.Builder stats;

  ProfiledOperator(Operator input, ExecContext context, OperatorStats.Builder stats) {
    this.input = input;
    this.context = context;
    this.stats = stats;
  }

  @Override
  public Schema schema() {
    return input.schema();
  }

  @Override
  public VectorSchemaRoot next() {
    long read = context.blocksRead.get();
    long skipped = context.blocksSkipped.get();
    long start = System.nanoTime();
    VectorSchemaRoot batch = input.next();
    stats.setNanos(stats.getNanos() + System.nanoTime() - start)
        .setBlocksRead(stats.getBlocksRead() + context.blocksRead.get() - read)
        .setBlocksSkipped(stats.getBlocksSkipped() + context.blocksSkipped.get() - skipped);
    if (batch != null) {
      stats.setRows(stats.getRows() + batch.getRowCount()).setBatches(stats.getBatches() + 1);
    }
    return batch;
  }

  @Override
  public void close() {
    input.close();
  }
}
