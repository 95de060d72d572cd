package dev.blueshift.worker.exec.spill;

import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Operator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** The batches of a spill file as an operator input; closing it deletes the file. */
public final class SpillFileOperator implements Operator {
  private final SpillFile file;
  private final ExecContext context;
  private SpillFile.Reader reader;

  public SpillFileOperator(SpillFile file, ExecContext context) {
    this.file = file;
    this.context = context;
  }

  @Override
  public Schema schema() {
    return file.schema();
  }

  @Override
  public VectorSchemaRoot next() {
    context.checkCancelled();
    if (reader == null) {
      reader = file.open(context.allocator());
    }
    return reader.next();
  }

  @Override
  public void close() {
    try {
      if (reader != null) {
        reader.close();
        reader = null;
      }
    } finally {
      file.close();
    }
  }
}
