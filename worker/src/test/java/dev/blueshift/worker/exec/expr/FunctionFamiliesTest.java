package dev.blueshift.worker.exec.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.protocol.Call;
import dev.blueshift.protocol.Expr;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Vectors;
import dev.blueshift.worker.types.ArrowSchemas;
import dev.blueshift.worker.types.ProtoTypes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The math, string, date and choice function families compiled from protobuf expressions and
 * evaluated over a batch whose last row is all NULL (strict functions give NULL there).
 */
class FunctionFamiliesTest {
  private static final SqlType DEC = SqlType.decimal(10, 2);
  private static final SqlType TEXT = SqlType.varchar(40);
  private static final List<SqlType> TYPES = List.of(DEC, SqlType.DOUBLE, TEXT, SqlType.DATE, SqlType.TIMESTAMP,
      SqlType.INTEGER);

  private BufferAllocator allocator;
  private ExecContext context;
  private VectorSchemaRoot batch;

  @BeforeEach
  void fill() {
    allocator = new RootAllocator();
    context = new ExecContext(allocator);
    batch = ArrowSchemas.newRoot(ArrowSchemas.schema(List.of("d", "x", "s", "dt", "ts", "i"), TYPES), allocator);
    long day = LocalDate.of(2008, 2, 29).toEpochDay();
    Object[][] rows = {
        {2805L, 2.5, "hello world", day, day * Casts.MICROS_PER_DAY + 49_507_123_456L, 7L},
        {-155L, -0.5, "a,b,,c", day + 1, (day + 1) * Casts.MICROS_PER_DAY, -3L},
        {null, null, null, null, null, null}};
    for (int c = 0; c < TYPES.size(); c++) {
      FieldVector v = batch.getVector(c);
      v.allocateNew();
      for (int r = 0; r < rows.length; r++) {
        Evaluators.writeConstant(v, TYPES.get(c), r, rows[r][c]);
      }
    }
    batch.setRowCount(rows.length);
    Vectors.setValueCount(batch.getFieldVectors(), rows.length);
  }

  @AfterEach
  void close() {
    batch.close();
    allocator.close();
  }

  private static Expr ref(int column) {
    return Expr.newBuilder().setType(ProtoTypes.toProto(TYPES.get(column), true)).setInputRef(column).build();
  }

  private static Expr lit(SqlType type, Object value) {
    return Expr.newBuilder().setType(ProtoTypes.toProto(type, true)).setLiteral(ProtoTypes.literal(value)).build();
  }

  private static Expr call(String fn, SqlType type, Expr... operands) {
    return Expr.newBuilder().setType(ProtoTypes.toProto(type, true))
        .setCall(Call.newBuilder().setFunction(fn).addAllOperands(List.of(operands))).build();
  }

  private List<Object> eval(Expr expr) {
    Evaluator e = ExprCompiler.compile(expr, TYPES);
    List<Object> out = new ArrayList<>();
    try (Value v = e.evaluate(batch, context)) {
      for (int i = 0; i < batch.getRowCount(); i++) {
        out.add(v.isConstant() ? v.constant() : Kernels.executionValue(v.vector(), e.type(), i));
      }
    }
    return out;
  }

  @Test
  void roundingKeepsDecimalScale() {
    Expr one = lit(SqlType.INTEGER, 1L);
    assertThat(eval(call("round", DEC, ref(0), one))).containsExactly(2810L, -160L, null);
    assertThat(eval(call("trunc", DEC, ref(0), one))).containsExactly(2800L, -150L, null);
    assertThat(eval(call("round", SqlType.decimal(10, 0), ref(0)))).containsExactly(28L, -2L, null);
    assertThat(eval(call("ceil", SqlType.decimal(10, 0), ref(0)))).containsExactly(29L, -1L, null);
    assertThat(eval(call("floor", SqlType.decimal(10, 0), ref(0)))).containsExactly(28L, -2L, null);
    assertThat(eval(call("round", SqlType.DOUBLE, ref(1)))).containsExactly(3.0, -1.0, null);
  }

  @Test
  void mathAndDomainErrors() {
    assertThat(eval(call("power", SqlType.DOUBLE, ref(1), lit(SqlType.INTEGER, 2L)))).containsExactly(6.25, 0.25, null);
    assertThat(eval(call("exp", SqlType.DOUBLE, lit(SqlType.INTEGER, 0L)))).containsExactly(1.0, 1.0, 1.0);
    assertThat(eval(call("sign", SqlType.INTEGER, ref(5)))).containsExactly(1L, -1L, null);
    assertThatThrownBy(() -> eval(call("sqrt", SqlType.DOUBLE, ref(1)))).isInstanceOf(BlueshiftException.class)
        .hasMessageContaining("square root of a negative number");
    assertThatThrownBy(() -> eval(call("ln", SqlType.DOUBLE, call("-", SqlType.DOUBLE, ref(1), ref(1)))))
        .hasMessageContaining("logarithm of zero");
  }

  @Test
  void strings() {
    assertThat(eval(call("split_part", TEXT, ref(2), lit(TEXT, ","), lit(SqlType.INTEGER, 4L))))
        .containsExactly("", "c", null);
    assertThat(eval(call("lpad", TEXT, ref(2), lit(SqlType.INTEGER, 8L), lit(TEXT, "*"))))
        .containsExactly("hello wo", "**a,b,,c", null);
    assertThat(eval(call("initcap", TEXT, ref(2)))).containsExactly("Hello World", "A,B,,C", null);
    assertThat(eval(call("similar_to", SqlType.BOOLEAN, ref(2), lit(TEXT, "%(world|c)")))).containsExactly(true, true, null);
    assertThat(eval(call("regexp_replace", TEXT, ref(2), lit(TEXT, "([a-z])o"), lit(TEXT, "<\\1>"))))
        .containsExactly("hel<l> <w>rld", "a,b,,c", null);
    assertThat(eval(call("strpos", SqlType.INTEGER, ref(2), lit(TEXT, "b")))).containsExactly(0L, 3L, null);
  }

  @Test
  void dates() {
    Expr month = lit(TEXT, "month");
    long feb1 = LocalDate.of(2008, 2, 1).toEpochDay() * Casts.MICROS_PER_DAY;
    long mar1 = LocalDate.of(2008, 3, 1).toEpochDay() * Casts.MICROS_PER_DAY;
    assertThat(eval(call("date_trunc", SqlType.TIMESTAMP, month, ref(3)))).containsExactly(feb1, mar1, null);
    assertThat(eval(call("date_trunc", SqlType.TIMESTAMP, lit(TEXT, "hour"), ref(4))))
        .containsExactly(feb1 + 28 * Casts.MICROS_PER_DAY + 13 * 3_600_000_000L, mar1, null);
    assertThat(eval(call("date_part", SqlType.DOUBLE, lit(TEXT, "second"), ref(4)))).containsExactly(7.123456, 0.0, null);
    assertThat(eval(call("date_part", SqlType.BIGINT, lit(TEXT, "dow"), ref(3)))).containsExactly(5L, 6L, null);
    assertThat(eval(call("datediff", SqlType.BIGINT, month, ref(3), lit(SqlType.DATE, LocalDate.of(2009, 1, 1).toEpochDay()))))
        .containsExactly(11L, 10L, null);
    assertThat(eval(call("add_months_eom", SqlType.DATE, ref(3), lit(SqlType.INTEGER, 1L))))
        .containsExactly(LocalDate.of(2008, 3, 31).toEpochDay(), LocalDate.of(2008, 4, 1).toEpochDay(), null);
    assertThat(eval(call("to_char", TEXT, ref(4), lit(TEXT, "DD Mon YYYY HH24:MI:SS.MS"))))
        .containsExactly("29 Feb 2008 13:45:07.123", "01 Mar 2008 00:00:00.000", null);
    assertThat(eval(call("to_date", SqlType.DATE, lit(TEXT, "20080229"), lit(TEXT, "YYYYMMDD"))))
        .containsExactly(LocalDate.of(2008, 2, 29).toEpochDay(), LocalDate.of(2008, 2, 29).toEpochDay(),
            LocalDate.of(2008, 2, 29).toEpochDay());
  }

  @Test
  void greatestAndLeastIgnoreNulls() {
    Expr nullInt = lit(SqlType.INTEGER, null);
    assertThat(eval(call("greatest", SqlType.INTEGER, ref(5), nullInt, lit(SqlType.INTEGER, 0L))))
        .containsExactly(7L, 0L, 0L);
    assertThat(eval(call("least", DEC, ref(0), ref(5)))).containsExactly(700L, -300L, null);
    assertThat(Arrays.asList(eval(call("least", SqlType.INTEGER, nullInt, nullInt)).toArray())).containsOnlyNulls();
  }
}
