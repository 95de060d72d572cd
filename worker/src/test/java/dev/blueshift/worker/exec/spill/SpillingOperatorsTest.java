package dev.blueshift.worker.exec.spill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.protocol.AggCall;
import dev.blueshift.protocol.AggPhase;
import dev.blueshift.protocol.JoinType;
import dev.blueshift.protocol.SortKey;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Operator;
import dev.blueshift.worker.exec.Vectors;
import dev.blueshift.worker.exec.agg.AggregateOperator;
import dev.blueshift.worker.exec.join.HashJoinOperator;
import dev.blueshift.worker.exec.ops.SortOperator;
import dev.blueshift.worker.types.ArrowSchemas;
import dev.blueshift.worker.types.ProtoTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each spilling operator under a memory limit far below its in-memory state gives exactly the
 * unlimited answer, stays within the limit, and leaves no spill file behind.
 */
class SpillingOperatorsTest {
  private static final long LIMIT = 2L << 20;

  @TempDir
  Path spillDir;

  /** Runs a plan with a query allocator of {@code limit} bytes (0: none); returns its rows and peak memory. */
  private Result run(long limit, Function<ExecContext, Operator> plan) {
    try (RootAllocator root = new RootAllocator();
        BufferAllocator query = root.newChildAllocator("query", 0, limit > 0 ? limit : Long.MAX_VALUE)) {
      ExecContext context = new ExecContext(query.newChildAllocator("instance", 0, Long.MAX_VALUE));
      context.spillDirectory(spillDir);
      List<String> rows = new ArrayList<>();
      try (Operator op = plan.apply(context)) {
        VectorSchemaRoot b;
        while ((b = op.next()) != null) {
          try (VectorSchemaRoot batch = b) {
            List<SqlType> types = ArrowSchemas.sqlTypes(batch.getSchema());
            for (int r = 0; r < batch.getRowCount(); r++) {
              StringBuilder sb = new StringBuilder();
              for (int c = 0; c < types.size(); c++) {
                sb.append(c > 0 ? "|" : "").append(Vectors.toJava(batch.getVector(c), types.get(c), r));
              }
              rows.add(sb.toString());
            }
          }
        }
      }
      long peak = query.getPeakMemoryAllocation();
      context.allocator().close();
      assertThat(spillFiles()).as("spill files left behind").isEmpty();
      return new Result(rows, peak);
    }
  }

  private record Result(List<String> rows, long peak) {
    List<String> sorted() {
      List<String> s = new ArrayList<>(rows);
      Collections.sort(s);
      return s;
    }
  }

  private List<Path> spillFiles() {
    if (!Files.exists(spillDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(spillDir)) {
      return files.toList();
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }

  // ---------- aggregate ----------

  private static GeneratedRows facts(ExecContext context, int rows) {
    return new GeneratedRows(List.of("k", "s", "v", "t"),
        List.of(SqlType.BIGINT, SqlType.varchar(30), SqlType.BIGINT, SqlType.varchar(30)), rows,
        i -> new Object[] {(long) (i % 50_000), "group-" + (i % 5), i % 11 == 0 ? null : (long) i,
            "t" + (i * 7L % 1000)}, context);
  }

  private static AggCall call(String fn, int arg, SqlType argType, SqlType type, String name) {
    AggCall.Builder b = AggCall.newBuilder().setFunction(fn).setType(ProtoTypes.toProto(type, true)).setName(name);
    if (arg >= 0) {
      b.addArgs(arg).setArgType(ProtoTypes.toProto(argType, true));
    }
    return b.build();
  }

  private static final List<AggCall> CALLS = List.of(
      call("count", -1, null, SqlType.BIGINT, "c"),
      call("sum", 2, SqlType.BIGINT, SqlType.BIGINT, "s"),
      call("avg", 2, SqlType.BIGINT, SqlType.BIGINT, "a"),
      call("max", 2, SqlType.BIGINT, SqlType.BIGINT, "mx"),
      call("min", 3, SqlType.varchar(30), SqlType.varchar(30), "mn"));

  @Test
  void hashAggregateSpillsAndGivesTheInMemoryAnswer() {
    Function<ExecContext, Operator> plan = c -> new AggregateOperator(facts(c, 200_000), new int[] {0, 1}, CALLS,
        AggPhase.AGG_PHASE_SINGLE, c);
    Result unlimited = run(0, plan);
    Result limited = run(LIMIT, plan);
    assertThat(unlimited.rows()).hasSize(50_000);
    assertThat(unlimited.peak()).as("the in-memory state must not fit the limit").isGreaterThan(2 * LIMIT);
    assertThat(limited.sorted()).isEqualTo(unlimited.sorted());
    assertThat(limited.peak()).isLessThanOrEqualTo(LIMIT);
  }

  @Test
  void twoPhaseAggregateSpillsInBothPhases() {
    Function<ExecContext, Operator> plan = c -> new AggregateOperator(
        new AggregateOperator(facts(c, 200_000), new int[] {0, 1}, CALLS, AggPhase.AGG_PHASE_PARTIAL, c),
        new int[] {0, 1}, CALLS, AggPhase.AGG_PHASE_FINAL, c);
    Result unlimited = run(0, plan);
    Result limited = run(LIMIT, plan);
    assertThat(unlimited.rows()).hasSize(50_000);
    assertThat(limited.sorted()).isEqualTo(unlimited.sorted());
  }

  @Test
  void aPartitionThatStillDoesNotFitIsSplitAgain() {
    // 400k distinct groups under 1 MB: the first-level partitions are too big and split again
    Function<ExecContext, Operator> plan = c -> new AggregateOperator(
        new GeneratedRows(List.of("k", "v"), List.of(SqlType.BIGINT, SqlType.BIGINT), 400_000,
            i -> new Object[] {(long) i * 2_654_435_761L, (long) i}, c),
        new int[] {0}, List.of(call("sum", 1, SqlType.BIGINT, SqlType.BIGINT, "s")), AggPhase.AGG_PHASE_SINGLE, c);
    Result unlimited = run(0, plan);
    Result limited = run(1L << 20, plan);
    assertThat(limited.sorted()).isEqualTo(unlimited.sorted());
  }

  // ---------- join ----------

  private static GeneratedRows probe(ExecContext c) {
    return probe(c, 13);
  }

  /** Left rows: keys 0..69999 (some twice), a NULL key every {@code nullEvery} rows. */
  private static GeneratedRows probe(ExecContext c, int nullEvery) {
    return new GeneratedRows(List.of("lk", "lp"), List.of(SqlType.BIGINT, SqlType.varchar(40)), 120_000,
        i -> new Object[] {i % nullEvery == 0 ? null : (long) (i % 70_000), "left-" + i}, c);
  }

  private static GeneratedRows build(ExecContext c) {
    return build(c, 17);
  }

  /** Right rows: keys 5000..64999 (some twice), a NULL key every {@code nullEvery} rows. */
  private static GeneratedRows build(ExecContext c, int nullEvery) {
    return new GeneratedRows(List.of("rk", "rp"), List.of(SqlType.BIGINT, SqlType.varchar(40)), 100_000,
        i -> new Object[] {i % nullEvery == 0 ? null : (long) (i % 60_000) + 5_000, "right-payload-" + i}, c);
  }

  @ParameterizedTest
  @CsvSource({"JOIN_INNER,false", "JOIN_LEFT,false", "JOIN_RIGHT,false", "JOIN_FULL,false", "JOIN_SEMI,false",
      "JOIN_ANTI,false", "JOIN_LEFT,true", "JOIN_FULL,true", "JOIN_SEMI,true", "JOIN_ANTI,true"})
  void graceHashJoinGivesTheInMemoryAnswer(JoinType type, boolean buildLeft) {
    Function<ExecContext, Operator> plan = c -> {
      Operator left = buildLeft ? build(c) : probe(c);
      Operator right = buildLeft ? probe(c) : build(c);
      List<Field> fields = new ArrayList<>(left.schema().getFields());
      if (type != JoinType.JOIN_SEMI && type != JoinType.JOIN_ANTI) {
        fields.addAll(right.schema().getFields());
      }
      return new HashJoinOperator(left, right, type, new int[] {0}, new int[] {0}, new boolean[] {false}, null,
          buildLeft, new Schema(fields), c);
    };
    Result unlimited = run(0, plan);
    Result limited = run(LIMIT, plan);
    assertThat(unlimited.rows()).isNotEmpty();
    assertThat(unlimited.peak()).isGreaterThan(LIMIT);
    assertThat(limited.sorted()).isEqualTo(unlimited.sorted());
    assertThat(limited.peak()).isLessThanOrEqualTo(LIMIT);
  }

  @Test
  void nullSafeKeysMatchNullsAcrossPartitions() {
    Function<ExecContext, Operator> plan = c -> {
      Operator left = probe(c, 1301);
      Operator right = build(c, 1703);
      List<Field> fields = new ArrayList<>(left.schema().getFields());
      fields.addAll(right.schema().getFields());
      return new HashJoinOperator(left, right, JoinType.JOIN_INNER, new int[] {0}, new int[] {0}, new boolean[] {true},
          null, false, new Schema(fields), c);
    };
    Result unlimited = run(0, plan);
    Result limited = run(LIMIT, plan);
    assertThat(unlimited.rows()).anyMatch(r -> r.startsWith("null|"));
    assertThat(limited.sorted()).isEqualTo(unlimited.sorted());
  }

  // ---------- sort ----------

  private static GeneratedRows unsorted(ExecContext c) {
    return new GeneratedRows(List.of("k", "s", "seq"), List.of(SqlType.BIGINT, SqlType.varchar(40), SqlType.BIGINT),
        200_000, i -> new Object[] {i % 29 == 0 ? null : (long) (i * 7919L % 1000), "row-" + (i * 31L % 99_991), (long) i}, c);
  }

  @Test
  void externalSortGivesTheInMemoryOrderAndStaysStable() {
    List<SortKey> keys = List.of(SortKey.newBuilder().setColumn(0).setDescending(true).setNullsFirst(true).build());
    Function<ExecContext, Operator> plan = c -> new SortOperator(unsorted(c), keys, 0, -1, c);
    Result unlimited = run(0, plan);
    Result limited = run(LIMIT, plan);
    assertThat(unlimited.peak()).isGreaterThan(2 * LIMIT);
    assertThat(limited.rows()).hasSize(200_000).isEqualTo(unlimited.rows());
    assertThat(limited.peak()).isLessThanOrEqualTo(LIMIT);
  }

  @Test
  void externalSortWithManyRunsAndOffsetFetch() {
    List<SortKey> keys = List.of(SortKey.newBuilder().setColumn(1).build(),
        SortKey.newBuilder().setColumn(0).setNullsFirst(false).build());
    Function<ExecContext, Operator> plan = c -> new SortOperator(unsorted(c), keys, 1_000, 150_000, c);
    Result unlimited = run(0, plan);
    Result limited = run(1L << 20, plan);
    assertThat(limited.rows()).hasSize(150_000).isEqualTo(unlimited.rows());
  }

  // ---------- limits ----------

  @Test
  void anOperatorThatCannotFitEvenOneBatchFailsWith53200() {
    // 150 kB: an input batch (128 kB allocated) fits, but an empty group table cannot take even 256 new groups
    assertThatThrownBy(() -> run(150_000, c -> new AggregateOperator(
        new GeneratedRows(List.of("k"), List.of(SqlType.BIGINT), 50_000, i -> new Object[] {(long) i}, c),
        new int[] {0}, List.of(call("count", -1, null, SqlType.BIGINT, "c")), AggPhase.AGG_PHASE_SINGLE, c)))
        .isInstanceOf(BlueshiftException.class)
        .satisfies(e -> assertThat(((BlueshiftException) e).sqlState()).isEqualTo("53200"))
        .hasMessageContaining("in operator Aggregate; raise query_memory_limit");
    assertThat(spillFiles()).isEmpty();
  }

  @Test
  void sizesAndReservations() {
    assertThat(QueryMemory.parseSize("64MB")).isEqualTo(64L << 20);
    assertThat(QueryMemory.parseSize("512 kB")).isEqualTo(512L << 10);
    assertThat(QueryMemory.parseSize("2g")).isEqualTo(2L << 30);
    assertThat(QueryMemory.parseSize("0")).isZero();
    assertThatThrownBy(() -> QueryMemory.parseSize("lots")).isInstanceOf(BlueshiftException.class)
        .hasMessageContaining("query_memory_limit");
    try (RootAllocator root = new RootAllocator(100_000); MemoryReservation r = new MemoryReservation(root)) {
      assertThat(r.tryReserve(10_000)).isTrue();
      assertThat(root.getAllocatedMemory()).isEqualTo(12_288);
      assertThat(r.tryReserve(90_000)).isTrue();
      assertThat(r.tryReserve(200_000)).isFalse();
      r.release();
      assertThat(root.getAllocatedMemory()).isZero();
      assertThat(QueryMemory.exceeded("Sort", root).getMessage())
          .isEqualTo("query needs more than 0.1 MB of memory in operator Sort; raise query_memory_limit");
    }
  }
}
