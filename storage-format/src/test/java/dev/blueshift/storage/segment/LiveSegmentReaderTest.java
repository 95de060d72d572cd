package dev.blueshift.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.types.SqlType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveSegmentReaderTest {
  static final int ROWS = 1000;
  static final int BLOCK_ROWS = 100;

  @TempDir
  Path dir;
  BufferAllocator allocator;
  SegmentSchema schema;
  Path segment;
  int version;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    schema = new SegmentSchema(List.of(
        new ColumnSpec("id", SqlType.BIGINT, Encoding.AZ64),
        new ColumnSpec("name", SqlType.varchar(30), Encoding.ZSTD),
        new ColumnSpec("flag", SqlType.BOOLEAN, Encoding.RAW),
        new ColumnSpec("amount", SqlType.decimal(12, 2), Encoding.DELTA)), List.of(0));
    List<Object[]> rows = new ArrayList<>();
    for (int i = ROWS - 1; i >= 0; i--) { // written unsorted: row positions follow the sort key
      rows.add(new Object[] {(long) i, i % 7 == 0 ? null : "name-" + i, i % 2 == 0, (long) i * 3});
    }
    segment = dir.resolve("seg.bseg");
    try (VectorSchemaRoot batch = TestTables.batch(schema, rows, allocator)) {
      SegmentWriter.write(segment, schema, List.of(batch), allocator, BLOCK_ROWS);
    }
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  /** Every id the reader returns, reading every column, for the blocks the predicate keeps. */
  private List<Long> readIds(LiveSegmentReader reader, BlockPredicate predicate) {
    List<Long> ids = new ArrayList<>();
    for (int b : reader.matchingBlocks(predicate)) {
      try (VectorSchemaRoot block = reader.readBlock(b, new int[] {0, 1, 2, 3})) {
        assertThat(block.getRowCount()).isEqualTo(reader.blockLiveRows(b));
        for (int r = 0; r < block.getRowCount(); r++) {
          long id = (Long) TestTables.get(block.getVector(0), SqlType.BIGINT, r);
          // the other columns stay aligned with the id after rows are dropped
          assertThat(TestTables.get(block.getVector(1), SqlType.varchar(30), r))
              .isEqualTo(id % 7 == 0 ? null : "name-" + id);
          assertThat(TestTables.get(block.getVector(2), SqlType.BOOLEAN, r)).isEqualTo(id % 2 == 0);
          assertThat(TestTables.get(block.getVector(3), SqlType.decimal(12, 2), r)).isEqualTo(id * 3);
          ids.add(id);
        }
      }
    }
    return ids;
  }

  private LiveSegmentReader open(DeleteVector vector) {
    if (vector == null) {
      return LiveSegmentReader.open(segment, null, allocator);
    }
    Path file = dir.resolve(DeleteVectorFile.path("seg.bseg", ++version, "t"));
    DeleteVectorFile.write(file, vector);
    return LiveSegmentReader.open(segment, file, allocator);
  }

  @Test
  void withoutAVectorEveryRowComesOut() {
    try (LiveSegmentReader reader = open(null)) {
      assertThat(readIds(reader, BlockPredicate.ALWAYS)).containsExactlyElementsOf(range(0, ROWS));
      assertThat(reader.rowsDropped()).isZero();
      assertThat(reader.liveRowCount()).isEqualTo(ROWS);
    }
  }

  @Test
  void anEmptyVectorDropsNothing() {
    try (LiveSegmentReader reader = open(DeleteVector.none(ROWS))) {
      assertThat(readIds(reader, BlockPredicate.ALWAYS)).containsExactlyElementsOf(range(0, ROWS));
      assertThat(reader.rowsDropped()).isZero();
    }
  }

  @Test
  void sparseDeletesAcrossSeveralBlocksNeverComeOut() {
    // positions follow the sort key (id), so position p holds id p
    long[] deleted = {0, 1, 99, 100, 101, 250, 555, 998, 999};
    try (LiveSegmentReader reader = open(DeleteVector.of(ROWS, deleted))) {
      List<Long> expected = new ArrayList<>(range(0, ROWS));
      for (long d : deleted) {
        expected.remove(Long.valueOf(d));
      }
      assertThat(readIds(reader, BlockPredicate.ALWAYS)).containsExactlyElementsOf(expected);
      assertThat(reader.rowsDropped()).isEqualTo(deleted.length);
      assertThat(reader.liveRowCount()).isEqualTo(ROWS - deleted.length);
    }
  }

  @Test
  void allDeletedReadsNothingAndSkipsEveryBlock() {
    try (LiveSegmentReader reader = open(DeleteVector.of(ROWS, LongStream.range(0, ROWS).toArray()))) {
      assertThat(reader.matchingBlocks(BlockPredicate.ALWAYS)).isEmpty();
      assertThat(reader.rowsDropped()).isEqualTo(ROWS);
      assertThat(reader.liveRowCount()).isZero();
    }
  }

  @Test
  void aWhollyDeletedBlockIsSkippedAndTheRestRead() {
    long[] deleted = LongStream.concat(LongStream.range(200, 300), LongStream.of(305)).toArray();
    try (LiveSegmentReader reader = open(DeleteVector.of(ROWS, deleted))) {
      assertThat(reader.matchingBlocks(BlockPredicate.ALWAYS)).doesNotContain(2).hasSize(9);
      assertThat(reader.blockLiveRows(2)).isZero();
      assertThat(reader.blockLiveRows(3)).isEqualTo(99);
    }
    try (LiveSegmentReader reader = open(DeleteVector.of(ROWS, deleted))) {
      List<Long> ids = readIds(reader, BlockPredicate.ALWAYS);
      assertThat(ids).hasSize(ROWS - 101).doesNotContain(200L, 250L, 299L, 305L).contains(199L, 300L, 306L);
      assertThat(reader.rowsDropped()).isEqualTo(101);
    }
  }

  @Test
  void zoneMapSkippingStaysCorrectWithDeletes() {
    // id BETWEEN 150 AND 420: blocks 1..4 by zone maps; deletes inside and outside that range
    BlockPredicate predicate = new BlockPredicate.And(List.of(
        new BlockPredicate.Compare(0, BlockPredicate.Op.GE, 150L),
        new BlockPredicate.Compare(0, BlockPredicate.Op.LE, 420L)));
    long[] deleted = LongStream.concat(LongStream.range(100, 200), LongStream.of(160, 333, 420, 10, 900)).toArray();
    try (LiveSegmentReader reader = open(DeleteVector.of(ROWS, deleted))) {
      List<Integer> blocks = reader.matchingBlocks(predicate);
      assertThat(blocks).containsExactly(2, 3, 4); // block 1 matches its zone map but is all deleted
      List<Long> ids = readIds(reader, predicate).stream().filter(id -> id >= 150 && id <= 420).toList();
      List<Long> expected = range(200, 421).stream().filter(id -> id != 333 && id != 420).toList();
      assertThat(ids).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aVectorOfAnotherSegmentIsRefusedNamingBoth() {
    Path file = dir.resolve("other.1.del");
    DeleteVectorFile.write(file, DeleteVector.of(ROWS + 1, 3));
    assertThatThrownBy(() -> LiveSegmentReader.open(segment, file, allocator))
        .isInstanceOfSatisfying(BlueshiftException.class, e -> assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED))
        .hasMessageContaining(file.toString()).hasMessageContaining(segment.toString());
  }

  @Test
  void readsNoColumnsForCounting() {
    try (LiveSegmentReader reader = open(DeleteVector.of(ROWS, 5, 6, 7))) {
      long rows = 0;
      for (int b : reader.matchingBlocks(BlockPredicate.ALWAYS)) {
        try (VectorSchemaRoot block = reader.readBlock(b, new int[0])) {
          rows += block.getRowCount();
        }
      }
      assertThat(rows).isEqualTo(ROWS - 3);
    }
  }

  private static List<Long> range(long from, long to) {
    return LongStream.range(from, to).boxed().toList();
  }
}
