package dev.blueshift.bench.micro;

import dev.blueshift.protocol.AggCall;
import dev.blueshift.protocol.AggPhase;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.agg.AggregateOperator;
import dev.blueshift.worker.types.ProtoTypes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The worker's AggregateOperator (single phase) computing SUM, AVG and COUNT(*) grouped either by
 * Q1's two one-letter flags (6 groups) or by the order key (a quarter as many groups as rows).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx2g"})
public class HashAggregateBenchmark {
  @Param("1000000")
  public int rows;

  @Param({"flags", "orderkey"})
  public String groupBy;

  private BufferAllocator allocator;
  private List<VectorSchemaRoot> batches;
  private List<AggCall> calls;
  private int[] keys;

  @Setup(Level.Trial)
  public void setUp() {
    allocator = new RootAllocator();
    batches = LineitemColumns.batches(rows, allocator);
    SqlType money = SqlType.decimal(15, 2);
    calls = List.of(
        call("sum", LineitemColumns.QUANTITY, money, SqlType.decimal(38, 2), "sum_qty"),
        call("sum", LineitemColumns.EXTENDEDPRICE, money, SqlType.decimal(38, 2), "sum_base_price"),
        call("avg", LineitemColumns.DISCOUNT, money, SqlType.decimal(38, 6), "avg_disc"),
        AggCall.newBuilder().setFunction("count").setType(ProtoTypes.toProto(SqlType.BIGINT, false))
            .setName("count_order").build());
    keys = groupBy.equals("flags")
        ? new int[] {LineitemColumns.RETURNFLAG, LineitemColumns.LINESTATUS}
        : new int[] {LineitemColumns.ORDERKEY};
  }

  private static AggCall call(String function, int arg, SqlType argType, SqlType type, String name) {
    return AggCall.newBuilder().setFunction(function).addArgs(arg).setArgType(ProtoTypes.toProto(argType, false))
        .setType(ProtoTypes.toProto(type, true)).setName(name).build();
  }

  @Benchmark
  public long aggregate() {
    long groups = 0;
    ExecContext context = new ExecContext(allocator);
    try (AggregateOperator agg = new AggregateOperator(new ReplayOperator(LineitemColumns.schema(), batches, allocator),
        keys, calls, AggPhase.AGG_PHASE_SINGLE, context)) {
      for (VectorSchemaRoot b = agg.next(); b != null; b = agg.next()) {
        groups += b.getRowCount();
        b.close();
      }
    }
    return groups;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    batches.forEach(VectorSchemaRoot::close);
    allocator.close();
  }
}
