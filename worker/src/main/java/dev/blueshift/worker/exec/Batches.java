package dev.blueshift.worker.exec;

import dev.blueshift.types.SqlType;
import dev.blueshift.worker.types.ArrowSchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;
import org.apache.arrow.vector.util.VectorBatchAppender;

/** Building batches from rows of other batches. */
public final class Batches {
  private Batches() {}

  /** A new batch holding the given rows (indices into {@code source}) in order. */
  public static VectorSchemaRoot select(VectorSchemaRoot source, int[] rows, int count, BufferAllocator allocator) {
    List<FieldVector> out = new ArrayList<>();
    try {
      for (FieldVector v : source.getFieldVectors()) {
        out.add(Gather.gather(v.getField(), v, rows, count, allocator));
      }
    } catch (RuntimeException e) {
      out.forEach(FieldVector::close);
      throw e;
    }
    return new VectorSchemaRoot(source.getSchema().getFields(), out, count);
  }

  /** A zero-copy slice [from, from+count) of a batch, as a new batch. */
  public static VectorSchemaRoot slice(VectorSchemaRoot source, int from, int count, BufferAllocator allocator) {
    List<FieldVector> out = new ArrayList<>();
    for (FieldVector v : source.getFieldVectors()) {
      TransferPair tp = v.getTransferPair(allocator);
      tp.splitAndTransfer(from, count);
      out.add((FieldVector) tp.getTo());
    }
    return new VectorSchemaRoot(source.getSchema().getFields(), out, count);
  }

  /** Moves the vectors into a batch with the given schema (names and SQL types), closing the source. */
  public static VectorSchemaRoot retype(VectorSchemaRoot source, Schema schema, BufferAllocator allocator) {
    List<FieldVector> out = new ArrayList<>();
    List<Field> fields = schema.getFields();
    for (int i = 0; i < fields.size(); i++) {
      FieldVector target = fields.get(i).createVector(allocator);
      source.getVector(i).makeTransferPair(target).transfer();
      out.add(target);
    }
    int rows = source.getRowCount();
    source.close();
    return new VectorSchemaRoot(fields, out, rows);
  }

  /** One batch holding all rows of the batches, copied once (the inputs stay owned by the caller). */
  public static VectorSchemaRoot concat(Schema schema, List<VectorSchemaRoot> batches, BufferAllocator allocator) {
    VectorSchemaRoot out = VectorSchemaRoot.create(schema, allocator);
    int rows = 0;
    for (VectorSchemaRoot b : batches) {
      rows += b.getRowCount();
    }
    for (int c = 0; c < schema.getFields().size(); c++) {
      FieldVector target = out.getVector(c);
      target.allocateNew();
      FieldVector[] sources = new FieldVector[batches.size()];
      for (int i = 0; i < sources.length; i++) {
        sources[i] = batches.get(i).getVector(c);
      }
      if (sources.length > 0) {
        VectorBatchAppender.batchAppend(target, sources);
      }
      target.setValueCount(rows);
    }
    out.setRowCount(rows);
    return out;
  }

  /** Reads an operator to the end into one batch (owned by the caller). */
  public static VectorSchemaRoot drain(Operator input, ExecContext context) {
    List<VectorSchemaRoot> batches = new ArrayList<>();
    try {
      VectorSchemaRoot b;
      while ((b = input.next()) != null) {
        context.checkCancelled();
        batches.add(b);
      }
      return concat(input.schema(), batches, context.allocator());
    } finally {
      batches.forEach(VectorSchemaRoot::close);
    }
  }

  /** An empty batch of the schema. */
  public static VectorSchemaRoot empty(Schema schema, BufferAllocator allocator) {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    root.allocateNew();
    root.setRowCount(0);
    return root;
  }

  /** Growable output: appends rows copied from other batches, hands out batches of fixed size. */
  public static final class Builder implements AutoCloseable {
    private final Schema schema;
    private final BufferAllocator allocator;
    private final List<SqlType> types;
    private final int capacity;
    private List<FieldVector> vectors;
    private int rows;

    public Builder(Schema schema, BufferAllocator allocator) {
      this(schema, allocator, ExecContext.BATCH_ROWS);
    }

    /** @param capacity rows each new batch is first allocated for (it grows past that if needed) */
    public Builder(Schema schema, BufferAllocator allocator, int capacity) {
      this.schema = schema;
      this.allocator = allocator;
      this.types = ArrowSchemas.sqlTypes(schema);
      this.capacity = capacity;
    }

    private void ensureOpen() {
      if (vectors == null) {
        vectors = new ArrayList<>();
        for (int c = 0; c < types.size(); c++) {
          vectors.add(Vectors.allocate(schema.getFields().get(c).getName(), types.get(c), capacity, allocator));
        }
        rows = 0;
      }
    }

    public void appendRow(VectorSchemaRoot source, int row) {
      ensureOpen();
      for (int c = 0; c < vectors.size(); c++) {
        vectors.get(c).copyFromSafe(row, rows, source.getVector(c));
      }
      rows++;
    }

    public int rowCount() {
      return vectors == null ? 0 : rows;
    }

    /** The rows appended so far as a batch (owned by the caller); the builder starts afresh. */
    public VectorSchemaRoot build() {
      ensureOpen();
      Vectors.setValueCount(vectors, rows);
      VectorSchemaRoot root = new VectorSchemaRoot(schema.getFields(), vectors, rows);
      vectors = null;
      return root;
    }

    @Override
    public void close() {
      if (vectors != null) {
        vectors.forEach(FieldVector::close);
        vectors = null;
      }
    }
  }
}
