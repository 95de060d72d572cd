package dev.blueshift.worker.exec.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.protocol.Call;
import dev.blueshift.protocol.Expr;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Vectors;
import dev.blueshift.worker.types.ArrowSchemas;
import dev.blueshift.worker.types.ProtoTypes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batch kernels against a row-at-a-time reference computed here in plain Java, on random
 * columns with NULLs, for comparisons, arithmetic and three-valued logic.
 */
class KernelsTest {
  private static final int ROWS = 1000; // not a multiple of 8: the last byte of bits is partial
  private static final SqlType DEC = SqlType.decimal(15, 2);
  private static final List<SqlType> TYPES = List.of(SqlType.INTEGER, SqlType.BIGINT, DEC, SqlType.DOUBLE,
      SqlType.varchar(10), SqlType.character(5), SqlType.BOOLEAN, SqlType.BOOLEAN, SqlType.DATE);

  private BufferAllocator allocator;
  private ExecContext context;
  private VectorSchemaRoot batch;
  private final List<Object[]> rows = new ArrayList<>();

  @BeforeEach
  void fill() {
    allocator = new RootAllocator();
    context = new ExecContext(allocator);
    List<String> names = new ArrayList<>();
    for (int c = 0; c < TYPES.size(); c++) {
      names.add("c" + c);
    }
    batch = ArrowSchemas.newRoot(ArrowSchemas.schema(names, TYPES), allocator);
    Random random = new Random(7);
    String[] words = {"a", "ab", "b", "", "ab  ", "zz"};
    for (int i = 0; i < ROWS; i++) {
      Object[] row = {
          random.nextInt(10) - 5, (long) random.nextInt(1000) - 500, (long) random.nextInt(20_000) - 10_000,
          random.nextInt(100) / 4.0, words[random.nextInt(words.length)], words[random.nextInt(words.length)],
          random.nextBoolean(), random.nextBoolean(), (long) random.nextInt(30)};
      for (int c = 0; c < row.length; c++) {
        if (random.nextInt(7) == 0) {
          row[c] = null;
        }
        FieldVector v = batch.getVector(c);
        if (v.getValueCapacity() <= i) {
          v.reAlloc();
        }
        Evaluators.writeConstant(v, TYPES.get(c), i, row[c] instanceof Integer n ? (Object) n.longValue() : row[c]);
      }
      rows.add(row);
    }
    batch.setRowCount(ROWS);
    Vectors.setValueCount(batch.getFieldVectors(), ROWS);
  }

  @AfterEach
  void close() {
    batch.close();
    allocator.close();
  }

  private static Expr ref(int column) {
    return Expr.newBuilder().setType(ProtoTypes.toProto(TYPES.get(column), true)).setInputRef(column).build();
  }

  private static Expr literal(SqlType type, Object value) {
    return Expr.newBuilder().setType(ProtoTypes.toProto(type, true)).setLiteral(ProtoTypes.literal(value)).build();
  }

  private static Expr call(String fn, SqlType type, Expr... operands) {
    return Expr.newBuilder().setType(ProtoTypes.toProto(type, true))
        .setCall(Call.newBuilder().setFunction(fn).addAllOperands(List.of(operands))).build();
  }

  private List<Object> evaluate(Expr expr) {
    Evaluator e = ExprCompiler.compile(expr, TYPES);
    List<Object> out = new ArrayList<>();
    try (Value v = e.evaluate(batch, context)) {
      for (int i = 0; i < ROWS; i++) {
        out.add(v.isConstant() ? v.constant() : Kernels.executionValue(v.vector(), e.type(), i));
      }
    }
    return out;
  }

  private interface RowFunction {
    Object apply(Object[] row);
  }

  private List<Object> expected(RowFunction f) {
    List<Object> out = new ArrayList<>();
    for (Object[] row : rows) {
      out.add(f.apply(row));
    }
    return out;
  }

  private static Boolean cmp(Comparable<Object> a, Object b, String op) {
    if (a == null || b == null) {
      return null;
    }
    int c = a.compareTo(b);
    return switch (op) {
      case "=" -> c == 0;
      case "<>" -> c != 0;
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }

  @SuppressWarnings("unchecked")
  private static Comparable<Object> comparable(Object o) {
    return (Comparable<Object>) o;
  }

  @Test
  void comparisonsOfColumnsAndConstantsAcrossScales() {
    for (String op : List.of("=", "<>", "<", "<=", ">", ">=")) {
      // INTEGER against DECIMAL(15,2): both brought to scale 2
      assertThat(evaluate(call(op, SqlType.BOOLEAN, ref(0), ref(2)))).as("int %s decimal", op).isEqualTo(expected(r ->
          cmp(comparable(r[0] == null ? null : BigDecimal.valueOf((Integer) r[0])),
              r[2] == null ? null : BigDecimal.valueOf((Long) r[2], 2), op)));
      assertThat(evaluate(call(op, SqlType.BOOLEAN, ref(1), literal(SqlType.BIGINT, 17L)))).as("bigint %s 17", op)
          .isEqualTo(expected(r -> cmp(comparable(r[1]), 17L, op)));
      assertThat(evaluate(call(op, SqlType.BOOLEAN, ref(3), ref(1)))).as("double %s bigint", op).isEqualTo(expected(r ->
          r[1] == null ? null : cmp(comparable(r[3]), ((Long) r[1]).doubleValue(), op)));
    }
    assertThat(evaluate(call("=", SqlType.BOOLEAN, ref(4), literal(SqlType.varchar(10), "ab"))))
        .isEqualTo(expected(r -> r[4] == null ? null : r[4].equals("ab")));
    assertThat(evaluate(call("<>", SqlType.BOOLEAN, literal(SqlType.character(5), "ab"), ref(5))))
        .as("CHAR ignores trailing blanks").isEqualTo(expected(r -> r[5] == null ? null : !((String) r[5]).strip().equals("ab")));
    assertThat(evaluate(call("<", SqlType.BOOLEAN, ref(4), literal(SqlType.varchar(10), "ab"))))
        .isEqualTo(expected(r -> cmp(comparable(r[4]), "ab", "<")));
  }

  @Test
  void arithmeticMatchesExactDecimalRules() {
    SqlType sum = SqlType.decimal(16, 2);
    assertThat(evaluate(call("+", sum, ref(2), ref(0)))).isEqualTo(expected(r -> r[2] == null || r[0] == null ? null
        : (Long) r[2] + 100L * (Integer) r[0]));
    SqlType product = SqlType.decimal(18, 4);
    assertThat(evaluate(call("*", product, ref(2), ref(2)))).isEqualTo(expected(r -> r[2] == null ? null
        : (Long) r[2] * (Long) r[2]));
    assertThat(evaluate(call("-", SqlType.DOUBLE, ref(3), literal(SqlType.DOUBLE, 0.5)))).isEqualTo(expected(r ->
        r[3] == null ? null : (Double) r[3] - 0.5));
  }

  @Test
  void overflowIsAnErrorNotAWrongAnswer() {
    assertThatThrownBy(() -> evaluate(call("*", SqlType.INTEGER, ref(0), literal(SqlType.INTEGER, 1_000_000_000L))))
        .hasMessageContaining("out of range");
  }

  @Test
  void threeValuedLogicAndFilterSelection() {
    Expr and = call("and", SqlType.BOOLEAN, ref(6), ref(7));
    Expr or = call("or", SqlType.BOOLEAN, ref(6), ref(7));
    assertThat(evaluate(and)).isEqualTo(expected(r -> Boolean.FALSE.equals(r[6]) || Boolean.FALSE.equals(r[7]) ? Boolean.FALSE
        : r[6] == null || r[7] == null ? null : Boolean.TRUE));
    assertThat(evaluate(or)).isEqualTo(expected(r -> Boolean.TRUE.equals(r[6]) || Boolean.TRUE.equals(r[7]) ? Boolean.TRUE
        : r[6] == null || r[7] == null ? null : Boolean.FALSE));
    assertThat(evaluate(call("and", SqlType.BOOLEAN, ref(6), literal(SqlType.BOOLEAN, null))))
        .isEqualTo(expected(r -> Boolean.FALSE.equals(r[6]) ? Boolean.FALSE : null));

    int[] selected = new int[ROWS];
    int count;
    try (Value v = ExprCompiler.compile(and, TYPES).evaluate(batch, context)) {
      count = v.selectTrue(ROWS, selected);
    }
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      if (Boolean.TRUE.equals(rows.get(i)[6]) && Boolean.TRUE.equals(rows.get(i)[7])) {
        expected.add(i);
      }
    }
    assertThat(java.util.Arrays.stream(selected, 0, count).boxed().toList()).isEqualTo(expected);
  }

  @Test
  void constantOperandsAreComputedOnceAsAConstant() {
    Expr date = call("add_months", SqlType.DATE, literal(SqlType.DATE, 8766L), literal(SqlType.INTEGER, 12L));
    Evaluator e = ExprCompiler.compile(date, TYPES);
    try (Value v = e.evaluate(batch, context)) {
      assertThat(v.isConstant()).isTrue();
      assertThat(v.constant()).isEqualTo(9131L); // 1994-01-01 + 12 months = 1995-01-01
    }
    assertThat(evaluate(call("<", SqlType.BOOLEAN, ref(8), call("add_days", SqlType.DATE, literal(SqlType.DATE, 0L),
        literal(SqlType.INTEGER, 10L))))).isEqualTo(expected(r -> r[8] == null ? null : (Long) r[8] < 10));
    assertThat(evaluate(call("+", SqlType.INTEGER, literal(SqlType.INTEGER, null), literal(SqlType.INTEGER, 1L))))
        .containsOnlyNulls();
  }
}
