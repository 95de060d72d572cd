package dev.blueshift.bench.micro;

import dev.blueshift.worker.exec.Operator;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Hands out prepared batches as an operator input. Each batch given out shares the prepared
 * buffers (a zero-offset split-and-transfer, reference counted), so the operator under test can own
 * and close it while the source stays intact for the next invocation.
 */
final class ReplayOperator implements Operator {
  private final Schema schema;
  private final List<VectorSchemaRoot> batches;
  private final BufferAllocator allocator;
  private int next;

  ReplayOperator(Schema schema, List<VectorSchemaRoot> batches, BufferAllocator allocator) {
    this.schema = schema;
    this.batches = batches;
    this.allocator = allocator;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (next == batches.size()) {
      return null;
    }
    VectorSchemaRoot source = batches.get(next++);
    int rows = source.getRowCount();
    List<FieldVector> shared = new ArrayList<>();
    for (FieldVector v : source.getFieldVectors()) {
      TransferPair pair = v.getTransferPair(v.getField(), allocator);
      pair.splitAndTransfer(0, rows);
      shared.add((FieldVector) pair.getTo());
    }
    return new VectorSchemaRoot(schema.getFields(), shared, rows);
  }

  @Override
  public void close() {}
}
