package dev.blueshift.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.types.SqlType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentCorruptionTest {
  @TempDir
  Path dir;
  BufferAllocator allocator;
  Path file;
  byte[] bytes;

  @BeforeEach
  void setUp() throws IOException {
    allocator = new RootAllocator();
    SegmentSchema schema = new SegmentSchema(List.of(
        new ColumnSpec("id", SqlType.BIGINT, Encoding.RAW),
        new ColumnSpec("name", SqlType.varchar(30), Encoding.ZSTD)), List.of(0));
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rows.add(new Object[] {(long) i, "name-" + i});
    }
    file = dir.resolve("seg.bseg");
    try (VectorSchemaRoot batch = TestTables.batch(schema, rows, allocator)) {
      SegmentWriter.write(file, schema, List.of(batch), allocator, 250);
    }
    bytes = Files.readAllBytes(file);
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  @Test
  void everyTruncationIsDetectedAtOpen() throws IOException {
    Path torn = dir.resolve("torn.bseg");
    for (int len = 0; len < bytes.length; len += Math.max(1, len < 64 ? 1 : 97)) {
      Files.write(torn, Arrays.copyOf(bytes, len));
      assertThatThrownBy(() -> SegmentReader.open(torn, allocator).close())
          .as("truncated to %d bytes", len)
          .isInstanceOfSatisfying(BlueshiftException.class,
              e -> assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED))
          .hasMessageContaining(torn.toString());
    }
  }

  @Test
  void corruptFooterIsDetectedAtOpen() throws IOException {
    byte[] copy = bytes.clone();
    copy[copy.length - 30] ^= 0x40; // inside the footer
    Files.write(file, copy);
    assertThatThrownBy(() -> SegmentReader.open(file, allocator))
        .isInstanceOfSatisfying(BlueshiftException.class, e -> assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("footer checksum");
  }

  @Test
  void corruptMagicIsDetected() throws IOException {
    byte[] copy = bytes.clone();
    copy[0] = 'X';
    Files.write(file, copy);
    assertThatThrownBy(() -> SegmentReader.open(file, allocator))
        .isInstanceOfSatisfying(BlueshiftException.class, e -> assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED))
        .hasMessageContaining("magic");
  }

  @Test
  void corruptChunkIsDetectedWhenRead() throws IOException {
    long offset;
    try (SegmentReader reader = SegmentReader.open(file, allocator)) {
      assertThat(reader.blockCount()).isEqualTo(4);
      offset = 8 + reader.chunkBytes(0, 0) + reader.chunkBytes(0, 1) + reader.chunkBytes(1, 0) / 2;
    }
    byte[] copy = bytes.clone();
    copy[(int) offset] ^= 0x01; // inside block 1, column "id"
    Files.write(file, copy);
    try (SegmentReader reader = SegmentReader.open(file, allocator)) {
      reader.readBlock(0, new int[] {0, 1}).close();
      reader.readBlock(1, new int[] {1}).close(); // other column of the block is fine
      assertThatThrownBy(() -> reader.readBlock(1, new int[] {1, 0}))
          .isInstanceOfSatisfying(BlueshiftException.class,
              e -> assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED))
          .hasMessageContaining(file.toString())
          .hasMessageContaining("block 1 column \"id\"")
          .hasMessageContaining("checksum mismatch");
    }
  }

  @Test
  void everySingleByteFlipIsDetected() throws IOException {
    Path bad = dir.resolve("flip.bseg");
    int[] all = {0, 1};
    for (int i = 0; i < bytes.length; i += 13) {
      byte[] copy = bytes.clone();
      copy[i] ^= (byte) 0x80;
      Files.write(bad, copy);
      boolean detected;
      try (SegmentReader reader = SegmentReader.open(bad, allocator)) {
        detected = false;
        for (int b = 0; b < reader.blockCount(); b++) {
          try (VectorSchemaRoot root = reader.readBlock(b, all)) {
            root.getRowCount();
          } catch (BlueshiftException e) {
            assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED);
            detected = true;
          }
        }
      } catch (BlueshiftException e) {
        assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED);
        detected = true;
      }
      assertThat(detected).as("flip at byte %d of %d", i, bytes.length).isTrue();
    }
  }

  @Test
  void missingFileIsAnIoError() {
    assertThatThrownBy(() -> SegmentReader.open(dir.resolve("nope"), allocator))
        .isInstanceOfSatisfying(BlueshiftException.class, e -> assertThat(e.state()).isEqualTo(SqlState.IO_ERROR));
  }
}
