package dev.blueshift.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.types.SqlType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Property-style round trips: every encoding x every applicable type x data shapes. */
class EncodingRoundTripTest {
  @TempDir
  Path dir;
  BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  /** A data shape: (row index, random) -> value generator factory per type. */
  enum Shape { ALL_EQUAL, ALL_EQUAL_WITH_NULLS, ALL_NULL, ALL_DISTINCT, EXTREMES, SMALL_WITH_OUTLIERS, ASCENDING,
    FEW_DISTINCT, RUNS, SINGLE_ROW }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Encoding e : Encoding.values()) {
      for (SqlType t : SegmentRoundTripTest.TYPES) {
        if (e.isApplicable(t)) {
          for (Shape s : Shape.values()) {
            out.add(Arguments.of(e, t, s));
          }
        }
      }
    }
    return out.stream();
  }

  static Object extreme(SqlType t, Random rnd) {
    return switch (t.kind()) {
      case SMALLINT -> rnd.nextBoolean() ? (long) Short.MIN_VALUE : (long) Short.MAX_VALUE;
      case INTEGER, DATE -> rnd.nextBoolean() ? (long) Integer.MIN_VALUE : (long) Integer.MAX_VALUE;
      case BIGINT, DECIMAL, TIMESTAMP, TIMESTAMPTZ -> rnd.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
      case REAL -> new double[] {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, Double.NaN, -0.0,
          Double.POSITIVE_INFINITY}[rnd.nextInt(6)];
      case DOUBLE -> new double[] {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, Double.NaN, -0.0,
          Double.NEGATIVE_INFINITY}[rnd.nextInt(6)];
      case BOOLEAN -> rnd.nextBoolean();
      case CHAR, VARCHAR -> new String[] {"", "\uD83D\uDE00\u00e9", "z".repeat(1000), "\u0000"}[rnd.nextInt(4)];
    };
  }

  static Object small(SqlType t, long v) {
    return switch (t.kind()) {
      case REAL, DOUBLE -> (double) v;
      case BOOLEAN -> v % 2 == 0;
      case CHAR, VARCHAR -> v == 0 ? "" : "v" + v;
      default -> v;
    };
  }

  static Object value(Shape shape, SqlType t, int i, Random rnd) {
    return switch (shape) {
      case ALL_EQUAL, SINGLE_ROW -> small(t, 7);
      case ALL_EQUAL_WITH_NULLS -> rnd.nextInt(10) == 0 ? null : small(t, 7);
      case ALL_NULL -> null;
      case ALL_DISTINCT -> SegmentRoundTripTest.randomValue(t, rnd, 0);
      case EXTREMES -> rnd.nextInt(8) == 0 ? null : extreme(t, rnd);
      case SMALL_WITH_OUTLIERS -> rnd.nextInt(100) == 0 ? extreme(t, rnd) : small(t, rnd.nextInt(201) - 100);
      case ASCENDING -> small(t, i * 3L + (t.kind() == SqlType.Kind.SMALLINT ? -3000 : 1_000_000));
      case FEW_DISTINCT -> rnd.nextInt(20) == 0 ? null : small(t, rnd.nextInt(5));
      case RUNS -> rnd.nextInt(30) == 0 ? null : small(t, (i / 50) % 7);
    };
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void roundTrips(Encoding encoding, SqlType type, Shape shape) {
    Random rnd = new Random(encoding.ordinal() * 1000L + type.kind().ordinal() * 10L + shape.ordinal());
    int rows = shape == Shape.SINGLE_ROW ? 1 : 2_500;
    List<Object[]> data = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      data.add(new Object[] {value(shape, type, i, rnd)});
    }
    SegmentSchema schema = new SegmentSchema(List.of(new ColumnSpec("c", type, encoding)));
    Path file = dir.resolve("e.seg");
    try (VectorSchemaRoot batch = TestTables.batch(schema, data, allocator)) {
      SegmentWriter.write(file, schema, List.of(batch), allocator, 1_000);
    }
    try (SegmentReader reader = SegmentReader.open(file, allocator)) {
      TestTables.assertSameRows(TestTables.readAll(reader), data);
      Encoding expected = encoding.resolve(type);
      for (int b = 0; b < reader.blockCount(); b++) {
        Encoding used = reader.chunkEncoding(b, 0);
        assertThat(used).isIn(expected, Encoding.LZO);
        if (shape == Shape.ALL_EQUAL) {
          // an all-equal block always profits from every encoding
          assertThat(used).as("block %d", b).isEqualTo(expected);
        }
      }
    }
  }
}
