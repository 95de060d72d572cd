package dev.blueshift.worker.exec.window;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.Expr;
import dev.blueshift.protocol.SortKey;
import dev.blueshift.protocol.WindowCall;
import dev.blueshift.protocol.WindowFrame;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Gather;
import dev.blueshift.worker.exec.Vectors;
import dev.blueshift.worker.exec.expr.Decimals;
import dev.blueshift.worker.exec.expr.Evaluators;
import dev.blueshift.worker.exec.ops.RowComparator;
import dev.blueshift.worker.types.ArrowSchemas;
import dev.blueshift.worker.types.ProtoTypes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The window functions, each computed as a whole column over sorted rows. Functions that return
 * one of the input's values (lag, lead, first/last/nth value, min, max) compute the row to take
 * and gather it, so they work for every type.
 */
final class WindowFunctions {
  private WindowFunctions() {}

  static FieldVector evaluate(WindowCall call, Field field, VectorSchemaRoot rows, Frames frames, ExecContext context) {
    SqlType type = ArrowSchemas.sqlType(field);
    int n = frames.rows;
    return switch (call.getFunction()) {
      case "row_number" -> longs(field, type, n, i -> i - frames.partitionStart[i] + 1, context);
      case "rank" -> longs(field, type, n, i -> frames.peerStart[i] - frames.partitionStart[i] + 1, context);
      case "dense_rank" -> longs(field, type, n, denseRanks(frames), context);
      case "percent_rank" -> doubles(field, n, i -> {
        int size = frames.partitionEnd[i] - frames.partitionStart[i] + 1;
        return size <= 1 ? 0.0 : (double) (frames.peerStart[i] - frames.partitionStart[i]) / (size - 1);
      }, context);
      case "cume_dist" -> doubles(field, n, i -> (double) (frames.peerEnd[i] - frames.partitionStart[i] + 1)
          / (frames.partitionEnd[i] - frames.partitionStart[i] + 1), context);
      case "ntile" -> longs(field, type, n, ntiles(call, frames), context);
      case "lag", "lead" -> shift(call, field, rows, frames, call.getFunction().equals("lead"), context);
      case "first_value", "last_value", "nth_value" -> Gather.gather(field, column(rows, call, 0),
          valueRows(call, frames), n, context.allocator());
      case "min", "max" -> Gather.gather(field, column(rows, call, 0), extremes(call, rows, frames), n, context.allocator());
      case "count", "sum", "sum0", "avg" -> sums(call, field, type, rows, frames, context);
      default -> throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED,
          "window function " + call.getFunction() + " is not supported yet");
    };
  }

  private static FieldVector column(VectorSchemaRoot rows, WindowCall call, int operand) {
    Expr e = call.getOperands(operand);
    if (!e.hasInputRef()) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED,
          "window function " + call.getFunction() + " over a constant is not supported yet");
    }
    return rows.getVector(e.getInputRef());
  }

  private static long constant(WindowCall call, int operand, long otherwise) {
    if (call.getOperandsCount() <= operand) {
      return otherwise;
    }
    Expr e = call.getOperands(operand);
    if (!e.hasLiteral() || e.getLiteral().getIsNull()) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED,
          "window function " + call.getFunction() + " needs a constant argument " + (operand + 1));
    }
    return e.getLiteral().getLongValue();
  }

  // ---------- ranking ----------

  private static java.util.function.IntToLongFunction denseRanks(Frames f) {
    long[] ranks = new long[f.rows];
    long r = 0;
    for (int i = 0; i < f.rows; i++) {
      r = f.partitionStart[i] == i ? 1 : (f.peerStart[i] == i ? r + 1 : r);
      ranks[i] = r;
    }
    return i -> ranks[i];
  }

  private static java.util.function.IntToLongFunction ntiles(WindowCall call, Frames f) {
    long buckets = constant(call, 0, 1);
    if (buckets <= 0) {
      throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE, "argument of ntile must be greater than zero");
    }
    return i -> {
      long size = f.partitionEnd[i] - f.partitionStart[i] + 1;
      long p = i - f.partitionStart[i];
      long q = size / buckets;
      long r = size % buckets;
      long big = r * (q + 1);
      return p < big ? p / (q + 1) + 1 : r + (p - big) / Math.max(q, 1) + 1;
    };
  }

  // ---------- values of other rows ----------

  private static FieldVector shift(WindowCall call, Field field, VectorSchemaRoot rows, Frames f, boolean lead,
      ExecContext context) {
    long offset = constant(call, 1, 1);
    int[] take = new int[f.rows];
    for (int i = 0; i < f.rows; i++) {
      long j = lead ? i + offset : i - offset;
      take[i] = j >= f.partitionStart[i] && j <= f.partitionEnd[i] ? (int) j : -1;
    }
    FieldVector out = Gather.gather(field, column(rows, call, 0), take, f.rows, context.allocator());
    if (call.getOperandsCount() > 2) {
      Expr fallback = call.getOperands(2);
      if (fallback.hasInputRef()) {
        FieldVector source = rows.getVector(fallback.getInputRef());
        for (int i = 0; i < f.rows; i++) {
          if (take[i] < 0) {
            out.copyFromSafe(i, i, source);
          }
        }
      } else {
        Object value = ProtoTypes.value(fallback.getLiteral());
        SqlType type = ArrowSchemas.sqlType(field);
        for (int i = 0; i < f.rows; i++) {
          if (take[i] < 0) {
            Evaluators.writeConstant(out, type, i, value);
          }
        }
      }
      out.setValueCount(f.rows);
    }
    return out;
  }

  private static int[] valueRows(WindowCall call, Frames f) {
    WindowFrame frame = call.getFrame();
    long nth = call.getFunction().equals("nth_value") ? constant(call, 1, 1) : 1;
    int[] take = new int[f.rows];
    for (int i = 0; i < f.rows; i++) {
      int s = f.start(frame, i);
      int e = f.end(frame, i);
      take[i] = s > e ? -1 : switch (call.getFunction()) {
        case "first_value" -> s;
        case "last_value" -> e;
        default -> s + nth - 1 <= e ? (int) (s + nth - 1) : -1;
      };
    }
    return take;
  }

  /** The row holding the least (min) or greatest (max) non-null value of each frame. */
  private static int[] extremes(WindowCall call, VectorSchemaRoot rows, Frames f) {
    boolean max = call.getFunction().equals("max");
    int col = call.getOperands(0).getInputRef();
    RowComparator cmp = new RowComparator(List.of(SortKey.newBuilder().setColumn(col).setDescending(max).build()),
        rows.getSchema());
    FieldVector v = rows.getVector(col);
    WindowFrame frame = call.getFrame();
    int[] best = new int[f.rows];
    int running = -1;
    int runningEnd = -1;
    for (int i = 0; i < f.rows; i++) {
      int s = f.start(frame, i);
      int e = f.end(frame, i);
      // frames that start at the partition only grow: extend the previous row's answer
      boolean extend = Frames.startsAtPartition(frame) && f.partitionStart[i] != i;
      if (!extend) {
        running = -1;
        runningEnd = s - 1;
      }
      for (int j = runningEnd + 1; j <= e; j++) {
        if (!v.isNull(j) && (running < 0 || cmp.compare(rows, j, rows, running) < 0)) {
          running = j;
        }
      }
      runningEnd = Math.max(runningEnd, e);
      best[i] = s > e ? -1 : running;
    }
    return best;
  }

  // ---------- count, sum, avg over frames by prefix sums ----------

  private static FieldVector sums(WindowCall call, Field field, SqlType type, VectorSchemaRoot rows, Frames f,
      ExecContext context) {
    int n = f.rows;
    FieldVector arg = call.getOperandsCount() == 0 ? null : column(rows, call, 0);
    SqlType argType = arg == null ? SqlType.BIGINT : ArrowSchemas.sqlType(arg);
    boolean floating = arg != null && Evaluators.isFloating(argType);
    long[] counts = new long[n + 1];
    long[] longSums = floating ? null : new long[n + 1];
    double[] doubleSums = floating ? new double[n + 1] : null;
    for (int i = 0; i < n; i++) {
      boolean present = arg == null || !arg.isNull(i);
      counts[i + 1] = counts[i] + (present ? 1 : 0);
      if (arg != null) {
        if (floating) {
          doubleSums[i + 1] = doubleSums[i] + (present ? Vectors.getDouble(arg, i) : 0);
        } else {
          longSums[i + 1] = present ? Decimals.add(longSums[i], Vectors.getLong(arg, i)) : longSums[i];
        }
      }
    }
    FieldVector out = Vectors.allocate(field.getName(), type, n, context.allocator());
    WindowFrame frame = call.getFrame();
    int argScale = Evaluators.scale(argType);
    for (int i = 0; i < n; i++) {
      int s = f.start(frame, i);
      int e = f.end(frame, i);
      long count = s > e ? 0 : counts[e + 1] - counts[s];
      if (call.getFunction().equals("count")) {
        Vectors.setLong(out, i, count);
        continue;
      }
      if (count == 0) {
        if (call.getFunction().equals("sum0")) {
          if (Evaluators.isFloating(type)) {
            Vectors.setDouble(out, i, 0);
          } else {
            Vectors.setLong(out, i, 0);
          }
          continue;
        }
        Vectors.setNull(out, i);
        continue;
      }
      boolean avg = call.getFunction().equals("avg");
      if (floating || Evaluators.isFloating(type)) {
        double sum = floating ? doubleSums[e + 1] - doubleSums[s]
            : (double) (longSums[e + 1] - longSums[s]) / Decimals.pow10(argScale);
        Vectors.setDouble(out, i, avg ? sum / count : sum);
      } else {
        long sum = longSums[e + 1] - longSums[s];
        int scale = Evaluators.scale(type);
        long value = avg
            ? BigDecimal.valueOf(sum, argScale).divide(BigDecimal.valueOf(count), scale, scale == 0
                ? RoundingMode.DOWN : RoundingMode.HALF_UP).unscaledValue().longValueExact()
            : Decimals.rescale(sum, argScale, scale);
        Vectors.setLong(out, i, value);
      }
    }
    out.setValueCount(n);
    return out;
  }

  // ---------- writing whole columns ----------

  private static FieldVector longs(Field field, SqlType type, int n, java.util.function.IntToLongFunction value,
      ExecContext context) {
    FieldVector out = Vectors.allocate(field.getName(), type, n, context.allocator());
    for (int i = 0; i < n; i++) {
      if (Evaluators.isFloating(type)) {
        Vectors.setDouble(out, i, value.applyAsLong(i));
      } else {
        Vectors.setLong(out, i, value.applyAsLong(i) * Decimals.pow10(Evaluators.scale(type)));
      }
    }
    out.setValueCount(n);
    return out;
  }

  private static FieldVector doubles(Field field, int n, java.util.function.IntToDoubleFunction value,
      ExecContext context) {
    SqlType type = ArrowSchemas.sqlType(field);
    FieldVector out = Vectors.allocate(field.getName(), type, n, context.allocator());
    for (int i = 0; i < n; i++) {
      Vectors.setDouble(out, i, value.applyAsDouble(i));
    }
    out.setValueCount(n);
    return out;
  }

}
