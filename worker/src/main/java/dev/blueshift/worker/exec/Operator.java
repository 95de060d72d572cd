package dev.blueshift.worker.exec;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A pull-based vectorized operator. {@link #next()} returns the next batch, which the caller owns
 * and must close, or null when the operator is exhausted. Closing an operator closes its inputs.
 */
public interface Operator extends AutoCloseable {

  /** The schema of every batch this operator returns (fields carry their SQL types). */
  Schema schema();

  /** The next batch (owned by the caller) or null at the end. */
  VectorSchemaRoot next();

  @Override
  void close();
}
