package dev.blueshift.worker.exec.expr;

import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Vectors;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Functions choosing one of their operands per row. */
final class ChoiceFunctions {
  private ChoiceFunctions() {}

  /**
   * GREATEST / LEAST as Redshift (and PostgreSQL) define them: NULL operands are ignored, the result
   * is NULL only when every operand is. Operands are already coerced to the result type.
   */
  static final class Extremum implements Evaluator {
    private final List<Evaluator> args;
    private final SqlType type;
    private final boolean greatest;

    Extremum(List<Evaluator> args, SqlType type, boolean greatest) {
      this.args = args;
      this.type = type;
      this.greatest = greatest;
    }

    @Override
    public SqlType type() {
      return type;
    }

    @Override
    public Value evaluate(VectorSchemaRoot batch, ExecContext context) {
      List<Value> values = Functions.evaluateAll(args, batch, context);
      try {
        int n = batch.getRowCount();
        FieldVector out = Vectors.allocate("expr", type, n, context.allocator());
        boolean padSpace = type.kind() == SqlType.Kind.CHAR;
        for (int i = 0; i < n; i++) {
          Value best = null;
          for (Value v : values) {
            if (v.isNull(i)) {
              continue;
            }
            if (best == null) {
              best = v;
              continue;
            }
            int c;
            if (type.isString()) {
              c = Evaluators.compareUtf8(v.getBytes(i), best.getBytes(i), padSpace);
            } else if (Evaluators.isFloating(type)) {
              c = Double.compare(v.getDouble(i), best.getDouble(i));
            } else if (type.kind() == SqlType.Kind.BOOLEAN) {
              c = Boolean.compare(v.getBoolean(i), best.getBoolean(i));
            } else {
              c = Long.compare(v.getLong(i), best.getLong(i));
            }
            if (greatest ? c > 0 : c < 0) {
              best = v;
            }
          }
          if (best == null) {
            Vectors.setNull(out, i);
          } else {
            Evaluators.copy(best, i, out, i);
          }
        }
        out.setValueCount(n);
        return Value.owned(type, out);
      } finally {
        values.forEach(Value::close);
      }
    }
  }
}
