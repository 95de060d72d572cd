package dev.blueshift.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.types.SqlType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SegmentRoundTripTest {
  @TempDir
  Path dir;
  BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close(); // fails on leaks
  }

  static final List<SqlType> TYPES = List.of(SqlType.SMALLINT, SqlType.INTEGER, SqlType.BIGINT,
      SqlType.decimal(15, 2), SqlType.REAL, SqlType.DOUBLE, SqlType.BOOLEAN, SqlType.character(10),
      SqlType.varchar(100), SqlType.DATE, SqlType.TIMESTAMP, SqlType.TIMESTAMPTZ);

  static Object randomValue(SqlType type, Random rnd, int nullPercent) {
    if (rnd.nextInt(100) < nullPercent) {
      return null;
    }
    return switch (type.kind()) {
      case SMALLINT -> (long) (short) rnd.nextInt();
      case INTEGER -> (long) rnd.nextInt(2000) - 1000;
      case BIGINT -> rnd.nextLong();
      case DECIMAL -> rnd.nextLong() % 1_000_000_000_000L;
      case REAL -> (double) (float) (rnd.nextGaussian() * 100);
      case DOUBLE -> switch (rnd.nextInt(20)) {
        case 0 -> Double.NaN;
        case 1 -> -0.0;
        case 2 -> Double.NEGATIVE_INFINITY;
        default -> rnd.nextDouble() * 1e6 - 5e5;
      };
      case BOOLEAN -> rnd.nextBoolean();
      case CHAR -> "c" + rnd.nextInt(50);
      case VARCHAR -> switch (rnd.nextInt(10)) {
        case 0 -> "";
        case 1 -> "ünïcødé-" + rnd.nextInt(100) + "-\uD83D\uDE00";
        default -> Long.toString(rnd.nextLong(), 36);
      };
      case DATE -> (long) rnd.nextInt(40000) - 20000;
      case TIMESTAMP, TIMESTAMPTZ -> rnd.nextLong() / 1000;
    };
  }

  static SegmentSchema schema(Encoding encoding, List<Integer> sortKey) {
    List<ColumnSpec> cols = new ArrayList<>();
    for (int i = 0; i < TYPES.size(); i++) {
      SqlType t = TYPES.get(i);
      Encoding e = encoding.isApplicable(t) ? encoding : Encoding.RAW;
      cols.add(new ColumnSpec("c" + i + "_" + t.kind().name().toLowerCase(), t, e));
    }
    return new SegmentSchema(cols, sortKey);
  }

  static List<Object[]> randomRows(int n, long seed) {
    Random rnd = new Random(seed);
    List<Object[]> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      Object[] row = new Object[TYPES.size()];
      for (int c = 0; c < TYPES.size(); c++) {
        row[c] = randomValue(TYPES.get(c), rnd, 10);
      }
      rows.add(row);
    }
    return rows;
  }

  SegmentMetadata write(Path file, SegmentSchema schema, List<Object[]> rows, int batchRows, int blockRows) {
    List<VectorSchemaRoot> batches = new ArrayList<>();
    try {
      for (int from = 0; from < rows.size(); from += batchRows) {
        batches.add(TestTables.batch(schema, rows.subList(from, Math.min(rows.size(), from + batchRows)), allocator));
      }
      return SegmentWriter.write(file, schema, batches, allocator, blockRows);
    } finally {
      batches.forEach(VectorSchemaRoot::close);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"RAW", "ZSTD", "LZO", "AZ64", "AUTO", "BYTEDICT", "RUNLENGTH", "DELTA", "DELTA32K",
      "MOSTLY8", "MOSTLY16", "MOSTLY32", "TEXT255", "TEXT32K"})
  void roundTripsEveryTypeSortedWithZoneMaps(Encoding encoding) {
    SegmentSchema schema = schema(encoding, List.of(7, 1, 5));
    List<Object[]> rows = randomRows(5_000, 42);
    Path file = dir.resolve("s.seg");
    SegmentMetadata meta = write(file, schema, rows, 1_700, 1_000);

    assertThat(meta.rowCount()).isEqualTo(5_000);
    assertThat(meta.blockCount()).isEqualTo(5);
    assertThat(meta.fileBytes()).isEqualTo(file.toFile().length());
    List<Object[]> expected = TestTables.sorted(rows, schema.sortKey());
    try (SegmentReader reader = SegmentReader.open(file, allocator)) {
      assertThat(reader.schema()).isEqualTo(schema);
      assertThat(reader.rowCount()).isEqualTo(5_000);
      assertThat(reader.blockCount()).isEqualTo(5);
      assertThat(reader.metadata()).isEqualTo(meta);
      TestTables.assertSameRows(TestTables.readAll(reader), expected);
      for (int b = 0; b < reader.blockCount(); b++) {
        assertThat(reader.blockRowCount(b)).isEqualTo(1_000);
        for (int c = 0; c < TYPES.size(); c++) {
          assertZoneMapCovers(reader.zoneMap(b, c), expected.subList(b * 1000, b * 1000 + 1000), c);
          assertThat(reader.chunkEncoding(b, c)).isNotEqualTo(Encoding.AUTO);
        }
      }
      for (int c = 0; c < TYPES.size(); c++) {
        assertZoneMapCovers(meta.columnZoneMaps().get(c), expected, c);
      }
    }
    assertThat(dir.toFile().list()).containsExactly("s.seg"); // no temporary file left
  }

  /** The zone map's bounds are exact for non-strings and bounds for (truncated) strings. */
  static void assertZoneMapCovers(ZoneMap z, List<Object[]> rows, int c) {
    long nulls = rows.stream().filter(r -> r[c] == null).count();
    assertThat(z.nullCount()).isEqualTo(nulls);
    assertThat(z.rowCount()).isEqualTo(rows.size());
    Object min = null;
    Object max = null;
    for (Object[] r : rows) {
      if (r[c] != null) {
        if (min == null || ZoneValues.compare(r[c], min) < 0) {
          min = r[c];
        }
        if (max == null || ZoneValues.compare(r[c], max) > 0) {
          max = r[c];
        }
      }
    }
    if (min == null) {
      assertThat(z.min()).isNull();
      assertThat(z.max()).isNull();
      return;
    }
    assertThat(ZoneValues.compare(z.min(), min)).isEqualTo(0);
    assertThat(ZoneValues.compare(z.max(), max)).isEqualTo(0);
  }

  @Test
  void readsOnlyRequestedColumnsWithNamedFields() {
    SegmentSchema schema = schema(Encoding.AUTO, List.of());
    List<Object[]> rows = randomRows(300, 7);
    Path file = dir.resolve("cols.seg");
    write(file, schema, rows, 300, 100);
    try (SegmentReader reader = SegmentReader.open(file, allocator);
        VectorSchemaRoot root = reader.readBlock(2, new int[] {8, 2})) {
      assertThat(root.getRowCount()).isEqualTo(100);
      assertThat(root.getSchema().getFields()).hasSize(2);
      assertThat(root.getSchema().getFields().get(0).getName()).isEqualTo(schema.column(8).name());
      assertThat(root.getSchema().getFields().get(0).getType()).isEqualTo(ArrowType.Utf8.INSTANCE);
      assertThat(root.getSchema().getFields().get(1).getType()).isEqualTo(new ArrowType.Int(64, true));
      for (int r = 0; r < 100; r++) {
        assertThat(TestTables.get(root.getVector(0), SqlType.varchar(100), r)).isEqualTo(rows.get(200 + r)[8]);
        assertThat(TestTables.get(root.getVector(1), SqlType.BIGINT, r)).isEqualTo(rows.get(200 + r)[2]);
      }
    }
  }

  @Test
  void writesAnEmptySegment() {
    SegmentSchema schema = schema(Encoding.ZSTD, List.of(0));
    Path file = dir.resolve("empty.seg");
    SegmentMetadata meta = write(file, schema, List.of(), 10, 100);
    assertThat(meta.rowCount()).isZero();
    assertThat(meta.blockCount()).isZero();
    try (SegmentReader reader = SegmentReader.open(file, allocator)) {
      assertThat(reader.rowCount()).isZero();
      assertThat(reader.matchingBlocks(BlockPredicate.ALWAYS)).isEmpty();
      assertThat(reader.segmentMightMatch(BlockPredicate.ALWAYS)).isFalse();
    }
  }

  @Test
  void sortIsStableCompoundAndPutsNullsLast() {
    SegmentSchema schema = new SegmentSchema(List.of(
        new ColumnSpec("k", SqlType.INTEGER, Encoding.RAW),
        new ColumnSpec("s", SqlType.varchar(10), Encoding.RAW),
        new ColumnSpec("seq", SqlType.BIGINT, Encoding.RAW)), List.of(0, 1));
    List<Object[]> rows = new ArrayList<>();
    Random rnd = new Random(3);
    for (int i = 0; i < 2000; i++) {
      rows.add(new Object[] {rnd.nextInt(5) == 0 ? null : (long) rnd.nextInt(4),
          rnd.nextInt(4) == 0 ? null : "s" + rnd.nextInt(3), (long) i});
    }
    Path file = dir.resolve("sorted.seg");
    write(file, schema, rows, 333, 256);
    try (SegmentReader reader = SegmentReader.open(file, allocator)) {
      List<Object[]> actual = TestTables.readAll(reader);
      TestTables.assertSameRows(actual, TestTables.sorted(rows, List.of(0, 1)));
      assertThat(actual.get(actual.size() - 1)[0]).isNull();
    }
  }

  @Test
  void selectivePredicateOnSortedColumnReadsAtMostATenthOfTheBlocks() {
    SegmentSchema schema = new SegmentSchema(List.of(
        new ColumnSpec("id", SqlType.BIGINT, Encoding.AZ64),
        new ColumnSpec("v", SqlType.varchar(20), Encoding.LZO)), List.of(0));
    List<Object[]> rows = new ArrayList<>();
    Random rnd = new Random(1);
    for (int i = 0; i < 100_000; i++) {
      rows.add(new Object[] {(long) rnd.nextInt(1_000_000), "v" + i});
    }
    Path file = dir.resolve("big.seg");
    write(file, schema, rows, 30_000, 1_000);
    try (SegmentReader reader = SegmentReader.open(file, allocator)) {
      assertThat(reader.blockCount()).isEqualTo(100);
      BlockPredicate p = new BlockPredicate.Between(0, 500_000L, 520_000L);
      List<Integer> blocks = reader.matchingBlocks(p);
      assertThat(blocks).isNotEmpty().hasSizeLessThanOrEqualTo(reader.blockCount() / 10);
      // conservative: every matching row is in a selected block
      long matching = rows.stream().filter(r -> (Long) r[0] >= 500_000L && (Long) r[0] <= 520_000L).count();
      long found = 0;
      for (int b : blocks) {
        try (VectorSchemaRoot root = reader.readBlock(b, new int[] {0})) {
          for (int r = 0; r < root.getRowCount(); r++) {
            long x = (Long) TestTables.get(root.getVector(0), SqlType.BIGINT, r);
            if (x >= 500_000L && x <= 520_000L) {
              found++;
            }
          }
        }
      }
      assertThat(found).isEqualTo(matching);
      assertThat(reader.matchingBlocks(new BlockPredicate.Compare(0, BlockPredicate.Op.EQ, 2_000_000L))).isEmpty();
      assertThat(reader.matchingBlocks(new BlockPredicate.IsNull(0))).isEmpty();
      assertThat(reader.matchingBlocks(BlockPredicate.ALWAYS)).hasSize(100);
    }
  }

  @Test
  void rejectsBatchesThatDoNotMatchTheSchema() {
    SegmentSchema schema = new SegmentSchema(List.of(new ColumnSpec("a", SqlType.INTEGER, Encoding.RAW)));
    SegmentSchema other = new SegmentSchema(List.of(new ColumnSpec("a", SqlType.BIGINT, Encoding.RAW)));
    try (VectorSchemaRoot batch = TestTables.batch(other, List.<Object[]>of(new Object[] {1L}), allocator)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> SegmentWriter.write(dir.resolve("x.seg"), schema, List.of(batch), allocator, 10))
          .isInstanceOf(dev.blueshift.error.BlueshiftException.class)
          .hasMessageContaining("\"a\"");
    }
    assertThat(Files.exists(dir.resolve("x.seg"))).isFalse();
  }
}
