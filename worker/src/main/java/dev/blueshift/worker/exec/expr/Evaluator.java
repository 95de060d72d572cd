package dev.blueshift.worker.exec.expr;

import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * An expression compiled once per fragment: evaluates a whole batch at a time, with the loop
 * over rows inside each node rather than a tree walk per row.
 */
public interface Evaluator {

  /** The value of the expression for every row of the batch; the caller closes it. */
  Value evaluate(VectorSchemaRoot batch, ExecContext context);

  /** The SQL type of the result. */
  SqlType type();
}
