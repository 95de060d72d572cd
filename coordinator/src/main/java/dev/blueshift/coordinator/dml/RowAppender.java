package dev.blueshift.coordinator.dml;

import dev.blueshift.coordinator.load.TableWriter;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.catalog.TableDef;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Vectors;
import dev.blueshift.worker.exec.expr.Evaluators;
import dev.blueshift.worker.types.ProtoTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Turns rows of execution values (one per table column, already converted to the column types)
 * into Arrow batches for a {@link TableWriter}, checking NOT NULL on the way.
 */
final class RowAppender implements AutoCloseable {
  private final TableDef def;
  private final TableWriter writer;
  private final BufferAllocator allocator;
  private final List<SqlType> types = new ArrayList<>();
  private List<FieldVector> vectors;
  private int rows;
  private long total;

  RowAppender(TableDef def, TableWriter writer, BufferAllocator allocator) {
    this.def = def;
    this.writer = writer;
    this.allocator = allocator;
    for (int c = 0; c < def.getColumnsCount(); c++) {
      types.add(ProtoTypes.fromProto(def.getColumns(c).getType()));
    }
  }

  void append(Object[] row) {
    if (vectors == null) {
      vectors = new ArrayList<>();
      for (int c = 0; c < types.size(); c++) {
        vectors.add(Vectors.allocate(def.getColumns(c).getName(), types.get(c), 64, allocator));
      }
      rows = 0;
    }
    for (int c = 0; c < row.length; c++) {
      if (row[c] == null && def.getColumns(c).getNotNull()) {
        throw new BlueshiftException(SqlState.NOT_NULL_VIOLATION, "null value in column \""
            + def.getColumns(c).getName() + "\" of relation \"" + def.getName() + "\" violates not-null constraint");
      }
      Evaluators.writeConstant(vectors.get(c), types.get(c), rows, row[c]);
    }
    rows++;
    total++;
    if (rows == ExecContext.BATCH_ROWS) {
      flush();
    }
  }

  /** Rows appended so far. */
  long rowCount() {
    return total;
  }

  /** Hands the rows appended so far to the writer. */
  void flush() {
    if (vectors == null) {
      return;
    }
    Vectors.setValueCount(vectors, rows);
    List<org.apache.arrow.vector.types.pojo.Field> fields = new ArrayList<>();
    for (FieldVector v : vectors) {
      fields.add(v.getField());
    }
    try (VectorSchemaRoot batch = new VectorSchemaRoot(fields, vectors, rows)) {
      vectors = null;
      writer.add(batch);
    }
  }

  @Override
  public void close() {
    if (vectors != null) {
      vectors.forEach(FieldVector::close);
      vectors = null;
    }
  }
}
