package dev.blueshift.bench.micro;

import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.expr.Evaluator;
import dev.blueshift.worker.exec.expr.ExprCompiler;
import dev.blueshift.worker.exec.ops.FilterOperator;
import java.time.LocalDate;
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
 * The worker's FilterOperator with TPC-H Q6's predicate (ship date in 1994, discount 0.05–0.07,
 * quantity &lt; 24; about 2% of rows pass) over in-memory lineitem batches.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx2g"})
public class FilterBenchmark {
  @Param("1000000")
  public int rows;

  private BufferAllocator allocator;
  private List<VectorSchemaRoot> batches;
  private Evaluator predicate;

  @Setup(Level.Trial)
  public void setUp() {
    allocator = new RootAllocator();
    batches = LineitemColumns.batches(rows, allocator);
    SqlType money = SqlType.decimal(15, 2);
    var shipdate = Exprs.column(LineitemColumns.SHIPDATE, SqlType.DATE);
    var discount = Exprs.column(LineitemColumns.DISCOUNT, money);
    var quantity = Exprs.column(LineitemColumns.QUANTITY, money);
    var q6 = Exprs.call("and", SqlType.BOOLEAN,
        Exprs.call(">=", SqlType.BOOLEAN, shipdate, Exprs.literal(LocalDate.of(1994, 1, 1).toEpochDay(), SqlType.DATE)),
        Exprs.call("<", SqlType.BOOLEAN, shipdate, Exprs.literal(LocalDate.of(1995, 1, 1).toEpochDay(), SqlType.DATE)),
        Exprs.call(">=", SqlType.BOOLEAN, discount, Exprs.literal(5, money)),
        Exprs.call("<=", SqlType.BOOLEAN, discount, Exprs.literal(7, money)),
        Exprs.call("<", SqlType.BOOLEAN, quantity, Exprs.literal(2400, money)));
    predicate = ExprCompiler.compile(q6, LineitemColumns.TYPES);
  }

  @Benchmark
  public long q6Filter() {
    long passed = 0;
    ExecContext context = new ExecContext(allocator);
    try (FilterOperator filter = new FilterOperator(new ReplayOperator(LineitemColumns.schema(), batches, allocator),
        predicate, context)) {
      for (VectorSchemaRoot b = filter.next(); b != null; b = filter.next()) {
        passed += b.getRowCount();
        b.close();
      }
    }
    return passed;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    batches.forEach(VectorSchemaRoot::close);
    allocator.close();
  }
}
