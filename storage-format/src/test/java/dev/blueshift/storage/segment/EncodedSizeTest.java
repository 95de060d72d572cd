package dev.blueshift.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** The encodings shrink the data they are meant for (what ANALYZE COMPRESSION would report). */
class EncodedSizeTest {
  static long size(SqlType type, Encoding encoding, List<Object[]> rows) {
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = TestTables.batch(
            new SegmentSchema(List.of(new ColumnSpec("c", type, Encoding.RAW))), rows, allocator)) {
      return SegmentWriter.encodedBytes(root.getVector(0), type, encoding, allocator);
    }
  }

  static List<Object[]> rows(int n, java.util.function.IntFunction<Object> f) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new Object[] {f.apply(i)});
    }
    return rows;
  }

  @Test
  void encodingsShrinkTheDataTheyAreMeantFor() {
    List<Object[]> ascending = rows(10_000, i -> 1_000_000_000L + i * 7L);
    long raw = size(SqlType.BIGINT, Encoding.RAW, ascending);
    assertThat(raw).isGreaterThan(80_000);
    assertThat(size(SqlType.BIGINT, Encoding.DELTA, ascending)).isLessThan(raw / 8);
    assertThat(size(SqlType.BIGINT, Encoding.AZ64, ascending)).isLessThan(raw / 2);

    List<Object[]> small = rows(10_000, i -> i % 97 == 0 ? Long.MAX_VALUE : (long) (i % 100));
    assertThat(size(SqlType.BIGINT, Encoding.MOSTLY8, small)).isLessThan(raw / 4);

    List<Object[]> runs = rows(10_000, i -> "status-" + (i / 1000));
    long rawText = size(SqlType.varchar(20), Encoding.RAW, runs);
    assertThat(size(SqlType.varchar(20), Encoding.RUNLENGTH, runs)).isLessThan(rawText / 20);
    assertThat(size(SqlType.varchar(20), Encoding.BYTEDICT, runs)).isLessThan(rawText / 8);
    assertThat(size(SqlType.varchar(20), Encoding.TEXT255, runs)).isLessThan(rawText / 8);
    assertThat(size(SqlType.varchar(20), Encoding.ZSTD, runs)).isLessThan(rawText / 4);
  }
}
