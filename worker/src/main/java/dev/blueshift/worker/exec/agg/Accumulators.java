package dev.blueshift.worker.exec.agg;

import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.Vectors;
import dev.blueshift.worker.exec.expr.Decimals;
import dev.blueshift.worker.exec.expr.Evaluators;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Accumulators for COUNT, SUM, AVG, MIN and MAX. */
final class Accumulators {
  private Accumulators() {}

  /**
   * @param arg raw input column (-1 for COUNT(*)) in SINGLE/PARTIAL phases
   * @param stateColumn first state column in the FINAL phase
   */
  static Accumulator create(String fn, SqlType argType, SqlType resultType, int arg, int stateColumn) {
    return switch (fn) {
      case "count" -> new Count(arg, stateColumn);
      case "sum" -> Evaluators.isFloating(resultType)
          ? new DoubleSum(arg, stateColumn, argType, false, resultType)
          : new LongSum(arg, stateColumn, argType, false, resultType);
      case "avg" -> Evaluators.isFloating(argType) || Evaluators.isFloating(resultType)
          ? new DoubleSum(arg, stateColumn, argType, true, resultType)
          : new LongSum(arg, stateColumn, argType, true, resultType);
      case "min", "max" -> argType.isString()
          ? new StringMinMax(arg, stateColumn, fn.equals("max"))
          : Evaluators.isFloating(argType)
              ? new DoubleMinMax(arg, stateColumn, fn.equals("max"))
              : new LongMinMax(arg, stateColumn, fn.equals("max"));
      default -> throw AggregateFunctions.unsupported(fn);
    };
  }

  static final class Count implements Accumulator {
    private final int arg;
    private final int state;
    private long[] counts = new long[16];

    Count(int arg, int state) {
      this.arg = arg;
      this.state = state;
    }

    @Override
    public long bytesPerGroup() {
      return 8;
    }

    @Override
    public void ensureGroups(int groups) {
      if (groups > counts.length) {
        counts = Arrays.copyOf(counts, Math.max(groups, counts.length * 2));
      }
    }

    @Override
    public void add(VectorSchemaRoot batch, int row, int group) {
      if (arg < 0 || !batch.getVector(arg).isNull(row)) {
        counts[group]++;
      }
    }

    @Override
    public void merge(VectorSchemaRoot batch, int row, int group) {
      FieldVector v = batch.getVector(state);
      if (!v.isNull(row)) {
        counts[group] += Vectors.getLong(v, row);
      }
    }

    @Override
    public void writeStates(List<FieldVector> states, int from, int count) {
      writeResult(states.get(0), from, count);
    }

    @Override
    public void writeResult(FieldVector out, int from, int count) {
      for (int i = 0; i < count; i++) {
        int g = from + i;
        Vectors.setLong(out, i, counts[g]);
      }
    }
  }

  /** SUM or AVG over exact values held as scaled longs. */
  static final class LongSum implements Accumulator {
    private final int arg;
    private final int state;
    private final int argScale;
    private final boolean avg;
    private final SqlType resultType;
    private final int sumScale;
    private long[] sums = new long[16];
    private long[] counts = new long[16];

    LongSum(int arg, int state, SqlType argType, boolean avg, SqlType resultType) {
      this.arg = arg;
      this.state = state;
      this.argScale = Evaluators.scale(argType);
      this.avg = avg;
      this.resultType = resultType;
      this.sumScale = avg ? argScale : Evaluators.scale(resultType);
    }

    @Override
    public long bytesPerGroup() {
      return 16;
    }

    @Override
    public void ensureGroups(int groups) {
      if (groups > sums.length) {
        int n = Math.max(groups, sums.length * 2);
        sums = Arrays.copyOf(sums, n);
        counts = Arrays.copyOf(counts, n);
      }
    }

    @Override
    public void add(VectorSchemaRoot batch, int row, int group) {
      FieldVector v = batch.getVector(arg);
      if (!v.isNull(row)) {
        sums[group] = Decimals.add(sums[group], Decimals.rescale(Vectors.getLong(v, row), argScale, sumScale));
        counts[group]++;
      }
    }

    @Override
    public void merge(VectorSchemaRoot batch, int row, int group) {
      FieldVector s = batch.getVector(state);
      if (!s.isNull(row)) {
        sums[group] = Decimals.add(sums[group], Vectors.getLong(s, row));
        counts[group] += avg ? Vectors.getLong(batch.getVector(state + 1), row) : 1;
      }
    }

    @Override
    public void writeStates(List<FieldVector> states, int from, int count) {
      FieldVector s = states.get(0);
      for (int i = 0; i < count; i++) {
        int g = from + i;
        if (counts[g] == 0) {
          Vectors.setNull(s, i);
        } else {
          Vectors.setLong(s, i, sums[g]);
        }
        if (avg) {
          Vectors.setLong(states.get(1), i, counts[g]);
        }
      }
    }

    @Override
    public void writeResult(FieldVector out, int from, int count) {
      for (int i = 0; i < count; i++) {
        int g = from + i;
        if (counts[g] == 0) {
          Vectors.setNull(out, i);
        } else if (!avg) {
          Vectors.setLong(out, i, sums[g]);
        } else if (Evaluators.isFloating(resultType)) {
          Vectors.setDouble(out, i, sums[g] / (double) Decimals.pow10(sumScale) / counts[g]);
        } else {
          RoundingMode mode = resultType.isIntegral() ? RoundingMode.DOWN : RoundingMode.HALF_UP;
          BigDecimal q = BigDecimal.valueOf(sums[g], sumScale)
              .divide(BigDecimal.valueOf(counts[g]), Evaluators.scale(resultType), mode);
          Vectors.setLong(out, i, q.unscaledValue().longValueExact());
        }
      }
    }
  }

  /** SUM or AVG in double precision. */
  static final class DoubleSum implements Accumulator {
    private final int arg;
    private final int state;
    private final SqlType argType;
    private final boolean avg;
    private double[] sums = new double[16];
    private long[] counts = new long[16];

    DoubleSum(int arg, int state, SqlType argType, boolean avg, SqlType resultType) {
      this.arg = arg;
      this.state = state;
      this.argType = argType;
      this.avg = avg;
    }

    @Override
    public long bytesPerGroup() {
      return 16;
    }

    @Override
    public void ensureGroups(int groups) {
      if (groups > sums.length) {
        int n = Math.max(groups, sums.length * 2);
        sums = Arrays.copyOf(sums, n);
        counts = Arrays.copyOf(counts, n);
      }
    }

    @Override
    public void add(VectorSchemaRoot batch, int row, int group) {
      FieldVector v = batch.getVector(arg);
      if (!v.isNull(row)) {
        sums[group] += Evaluators.isFloating(argType)
            ? Vectors.getDouble(v, row)
            : Vectors.getLong(v, row) / (double) Decimals.pow10(Evaluators.scale(argType));
        counts[group]++;
      }
    }

    @Override
    public void merge(VectorSchemaRoot batch, int row, int group) {
      FieldVector s = batch.getVector(state);
      if (!s.isNull(row)) {
        sums[group] += Vectors.getDouble(s, row);
        counts[group] += avg ? Vectors.getLong(batch.getVector(state + 1), row) : 1;
      }
    }

    @Override
    public void writeStates(List<FieldVector> states, int from, int count) {
      for (int i = 0; i < count; i++) {
        int g = from + i;
        if (counts[g] == 0) {
          Vectors.setNull(states.get(0), i);
        } else {
          Vectors.setDouble(states.get(0), i, sums[g]);
        }
        if (avg) {
          Vectors.setLong(states.get(1), i, counts[g]);
        }
      }
    }

    @Override
    public void writeResult(FieldVector out, int from, int count) {
      for (int i = 0; i < count; i++) {
        int g = from + i;
        if (counts[g] == 0) {
          Vectors.setNull(out, i);
        } else {
          Vectors.setDouble(out, i, avg ? sums[g] / counts[g] : sums[g]);
        }
      }
    }
  }

  abstract static class MinMax implements Accumulator {
    final int arg;
    final int state;
    final boolean max;
    boolean[] seen = new boolean[16];

    MinMax(int arg, int state, boolean max) {
      this.arg = arg;
      this.state = state;
      this.max = max;
    }

    @Override
    public long bytesPerGroup() {
      return 9;
    }

    @Override
    public void ensureGroups(int groups) {
      if (groups > seen.length) {
        int n = Math.max(groups, seen.length * 2);
        seen = Arrays.copyOf(seen, n);
        grow(n);
      }
    }

    abstract void grow(int n);

    abstract void offer(FieldVector v, int row, int group);

    abstract void write(FieldVector out, int group, int index);

    @Override
    public void add(VectorSchemaRoot batch, int row, int group) {
      FieldVector v = batch.getVector(arg);
      if (!v.isNull(row)) {
        offer(v, row, group);
        seen[group] = true;
      }
    }

    @Override
    public void merge(VectorSchemaRoot batch, int row, int group) {
      FieldVector v = batch.getVector(state);
      if (!v.isNull(row)) {
        offer(v, row, group);
        seen[group] = true;
      }
    }

    @Override
    public void writeStates(List<FieldVector> states, int from, int count) {
      writeResult(states.get(0), from, count);
    }

    @Override
    public void writeResult(FieldVector out, int from, int count) {
      for (int i = 0; i < count; i++) {
        int g = from + i;
        if (seen[g]) {
          write(out, g, i);
        } else {
          Vectors.setNull(out, i);
        }
      }
    }
  }

  static final class LongMinMax extends MinMax {
    private long[] values = new long[16];

    LongMinMax(int arg, int state, boolean max) {
      super(arg, state, max);
    }

    @Override
    void grow(int n) {
      values = Arrays.copyOf(values, n);
    }

    @Override
    void offer(FieldVector v, int row, int group) {
      long x = Vectors.getLong(v, row);
      if (!seen[group] || (max ? x > values[group] : x < values[group])) {
        values[group] = x;
      }
    }

    @Override
    void write(FieldVector out, int group, int index) {
      Vectors.setLong(out, index, values[group]);
    }
  }

  static final class DoubleMinMax extends MinMax {
    private double[] values = new double[16];

    DoubleMinMax(int arg, int state, boolean max) {
      super(arg, state, max);
    }

    @Override
    void grow(int n) {
      values = Arrays.copyOf(values, n);
    }

    @Override
    void offer(FieldVector v, int row, int group) {
      double x = Vectors.getDouble(v, row);
      if (!seen[group] || (max ? x > values[group] : x < values[group])) {
        values[group] = x;
      }
    }

    @Override
    void write(FieldVector out, int group, int index) {
      Vectors.setDouble(out, index, values[group]);
    }
  }

  static final class StringMinMax extends MinMax {
    private byte[][] values = new byte[16][];
    private long valueBytes;

    StringMinMax(int arg, int state, boolean max) {
      super(arg, state, max);
    }

    @Override
    void grow(int n) {
      values = Arrays.copyOf(values, n);
    }

    @Override
    public long variableBytes() {
      return valueBytes;
    }

    @Override
    void offer(FieldVector v, int row, int group) {
      byte[] x = ((VarCharVector) v).get(row);
      byte[] old = values[group];
      if (!seen[group]) {
        values[group] = x;
      } else {
        int c = Evaluators.compareUtf8(x, old, true);
        if (!(max ? c > 0 : c < 0)) {
          return;
        }
        values[group] = x;
      }
      valueBytes += 16 + x.length - (old == null ? 0 : 16 + old.length);
    }

    @Override
    void write(FieldVector out, int group, int index) {
      Vectors.setString(out, index, values[group]);
    }
  }
}
