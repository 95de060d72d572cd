package dev.blueshift.bench.micro;

import dev.blueshift.protocol.JoinType;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Vectors;
import dev.blueshift.worker.exec.join.HashJoinOperator;
import dev.blueshift.worker.types.ArrowSchemas;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
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
 * The worker's HashJoinOperator (inner join, build on the right) joining lineitem-shaped probe
 * batches to an orders-shaped build side on the order key, the join at the heart of TPC-H Q3, Q5,
 * Q10, Q12, Q18, Q21. The build side holds either every order key (each probe row finds exactly one
 * match: {@code orders}) or every tenth (a filtered dimension; a tenth of the probe rows match:
 * {@code selective}), in a shuffled order. {@link #buildAndProbe} is the whole join;
 * {@link #buildOnly} the same build with an empty probe side, so probing and emitting the joined
 * rows cost the difference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx2g"})
public class HashJoinProbeBenchmark {
  static final List<String> BUILD_NAMES = List.of("o_orderkey", "o_orderdate", "o_totalprice");
  static final List<SqlType> BUILD_TYPES = List.of(SqlType.INTEGER, SqlType.DATE, SqlType.decimal(15, 2));
  private static final long FIRST_DAY = LocalDate.of(1992, 1, 1).toEpochDay();

  /** Probe (lineitem) rows; the order keys run 1 to rows / 4, four lines per order. */
  @Param("1000000")
  public int rows;

  @Param({"orders", "selective"})
  public String buildKeys;

  private BufferAllocator allocator;
  private List<VectorSchemaRoot> probe;
  private List<VectorSchemaRoot> build;
  private Schema output;

  @Setup(Level.Trial)
  public void setUp() {
    allocator = new RootAllocator();
    probe = LineitemColumns.batches(rows, allocator);
    build = orders(orderKeys(rows / 4, buildKeys.equals("selective") ? 10 : 1), allocator);
    List<Field> fields = new ArrayList<>(LineitemColumns.schema().getFields());
    fields.addAll(buildSchema().getFields());
    output = new Schema(fields);
  }

  static Schema buildSchema() {
    return ArrowSchemas.schema(BUILD_NAMES, BUILD_TYPES);
  }

  /** Every {@code step}-th key of 1..orders (those divisible by step), shuffled with a fixed seed. */
  static int[] orderKeys(int orders, int step) {
    int[] keys = new int[orders / step];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = (i + 1) * step;
    }
    SplittableRandom random = new SplittableRandom(19950315);
    for (int i = keys.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = keys[i];
      keys[i] = keys[j];
      keys[j] = t;
    }
    return keys;
  }

  private static List<VectorSchemaRoot> orders(int[] keys, BufferAllocator allocator) {
    SplittableRandom random = new SplittableRandom(19960101);
    List<VectorSchemaRoot> batches = new ArrayList<>();
    for (int start = 0; start < keys.length; start += ExecContext.BATCH_ROWS) {
      int n = Math.min(ExecContext.BATCH_ROWS, keys.length - start);
      List<FieldVector> vectors = new ArrayList<>();
      for (int c = 0; c < BUILD_NAMES.size(); c++) {
        vectors.add(Vectors.allocate(BUILD_NAMES.get(c), BUILD_TYPES.get(c), n, allocator));
      }
      for (int i = 0; i < n; i++) {
        Vectors.setLong(vectors.get(0), i, keys[start + i]);
        Vectors.setLong(vectors.get(1), i, FIRST_DAY + random.nextInt(2_405));
        Vectors.setLong(vectors.get(2), i, 85_000 + random.nextInt(50_000_000));
      }
      vectors.forEach(v -> v.setValueCount(n));
      batches.add(new VectorSchemaRoot(buildSchema().getFields(), vectors, n));
    }
    return batches;
  }

  private long join(List<VectorSchemaRoot> probeBatches) {
    long joined = 0;
    ExecContext context = new ExecContext(allocator);
    try (HashJoinOperator join = new HashJoinOperator(
        new ReplayOperator(LineitemColumns.schema(), probeBatches, allocator),
        new ReplayOperator(buildSchema(), build, allocator),
        JoinType.JOIN_INNER, new int[] {LineitemColumns.ORDERKEY}, new int[] {0}, new boolean[] {false}, null,
        false, output, context)) {
      for (VectorSchemaRoot b = join.next(); b != null; b = join.next()) {
        joined += b.getRowCount();
        b.close();
      }
    }
    return joined;
  }

  /** Builds the hash table from the order rows, probes every lineitem batch, emits the joined rows. */
  @Benchmark
  public long buildAndProbe() {
    return join(probe);
  }

  /** The same build with no probe rows: subtract from {@link #buildAndProbe} for the probe's cost. */
  @Benchmark
  public long buildOnly() {
    return join(List.of());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    probe.forEach(VectorSchemaRoot::close);
    build.forEach(VectorSchemaRoot::close);
    allocator.close();
  }
}
