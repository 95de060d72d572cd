package dev.blueshift.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeleteVectorTest {
  @TempDir
  Path dir;

  @Test
  void roundTripsEmptySparseDenseAndAllDeletedVectors() {
    SplittableRandom random = new SplittableRandom(7);
    long[] dense = LongStream.range(0, 10_000).filter(r -> random.nextInt(3) == 0).toArray();
    DeleteVector[] vectors = {
        DeleteVector.none(0),
        DeleteVector.none(1000),
        DeleteVector.of(1000, 0, 63, 64, 999),
        DeleteVector.of(10_000, dense),
        DeleteVector.of(130, LongStream.range(0, 130).toArray()),
    };
    for (int i = 0; i < vectors.length; i++) {
      Path file = dir.resolve("v" + i + ".del");
      DeleteVectorFile.write(file, vectors[i]);
      DeleteVector back = DeleteVectorFile.read(file);
      assertThat(back).as("vector %d", i).isEqualTo(vectors[i]);
      assertThat(back.deletedCount()).isEqualTo(vectors[i].deletedCount());
    }
    assertThat(DeleteVectorFile.read(dir.resolve("v2.del")).deletedRows()).containsExactly(0, 63, 64, 999);
    assertThat(DeleteVectorFile.read(dir.resolve("v4.del")).liveCount()).isZero();
    assertThat(DeleteVectorFile.read(dir.resolve("v3.del")).deletedRows()).containsExactly(dense);
  }

  @Test
  void sparseVectorsAreSmallerThanABitmap() throws IOException {
    Path sparse = dir.resolve("sparse.del");
    Path dense = dir.resolve("dense.del");
    DeleteVectorFile.write(sparse, DeleteVector.of(1_000_000, 5, 500_000));
    DeleteVectorFile.write(dense, DeleteVector.of(1_000_000, LongStream.range(0, 1_000_000).filter(r -> r % 2 == 0)
        .toArray()));
    assertThat(Files.size(sparse)).isLessThan(64);
    assertThat(Files.size(dense)).isLessThan(1_000_000 / 8 + 64);
    assertThat(DeleteVectorFile.read(dense).deletedCount()).isEqualTo(500_000);
  }

  @Test
  void unionCountsAndRanges() {
    DeleteVector a = DeleteVector.of(200, 1, 2, 3);
    DeleteVector b = DeleteVector.of(200, 3, 150);
    DeleteVector u = a.union(b);
    assertThat(u.deletedRows()).containsExactly(1, 2, 3, 150);
    assertThat(u.deletedIn(0, 64)).isEqualTo(3);
    assertThat(u.deletedIn(64, 200)).isEqualTo(1);
    assertThat(u.deletedIn(128, 192)).isEqualTo(1);
    assertThat(a.deletedRows()).containsExactly(1, 2, 3);
    assertThatThrownBy(() -> a.union(DeleteVector.none(10))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeleteVector.of(10, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aVersionIsNeverRewrittenAndOlderVersionsStay() {
    String v1 = DeleteVectorFile.path("tables/t1/s0/abc.seg", 1, "");
    String v2 = DeleteVectorFile.path("tables/t1/s0/abc.seg", 2, "f00d");
    assertThat(v1).isEqualTo("tables/t1/s0/abc.seg.1.del");
    assertThat(v2).isEqualTo("tables/t1/s0/abc.seg.2-f00d.del");
    Path first = dir.resolve("abc.seg.1.del");
    DeleteVectorFile.write(first, DeleteVector.of(10, 1));
    assertThatThrownBy(() -> DeleteVectorFile.write(first, DeleteVector.of(10, 2)))
        .isInstanceOfSatisfying(BlueshiftException.class, e -> assertThat(e.state()).isEqualTo(SqlState.IO_ERROR))
        .hasMessageContaining(first.toString());
    Path second = dir.resolve("abc.seg.2.del");
    DeleteVectorFile.write(second, DeleteVectorFile.read(first).union(DeleteVector.of(10, 2)));
    assertThat(DeleteVectorFile.read(first).deletedRows()).containsExactly(1);
    assertThat(DeleteVectorFile.read(second).deletedRows()).containsExactly(1, 2);
  }

  @Test
  void everyTruncationIsDetectedWithThePath() throws IOException {
    for (DeleteVector vector : new DeleteVector[] {DeleteVector.of(5000, 4, 4000), DeleteVector.of(300,
        LongStream.range(0, 300).filter(r -> r % 3 == 0).toArray())}) {
      byte[] bytes = DeleteVectorFile.encode(vector);
      Path torn = dir.resolve("torn.del");
      for (int len = 0; len < bytes.length; len++) {
        Files.write(torn, Arrays.copyOf(bytes, len));
        assertThatThrownBy(() -> DeleteVectorFile.read(torn))
            .as("truncated to %d of %d bytes", len, bytes.length)
            .isInstanceOfSatisfying(BlueshiftException.class,
                e -> assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED))
            .hasMessageContaining(torn.toString());
      }
    }
  }

  @Test
  void everyFlippedByteIsDetected() throws IOException {
    byte[] bytes = DeleteVectorFile.encode(DeleteVector.of(5000, 4, 77, 4000));
    Path bad = dir.resolve("bad.del");
    for (int i = 0; i < bytes.length; i++) {
      byte[] copy = bytes.clone();
      copy[i] ^= 0x20;
      Files.write(bad, copy);
      assertThatThrownBy(() -> DeleteVectorFile.read(bad))
          .as("byte %d flipped", i)
          .isInstanceOfSatisfying(BlueshiftException.class,
              e -> assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED))
          .hasMessageContaining("delete vector " + bad);
    }
  }

  @Test
  void aMissingFileIsAnIoError() {
    assertThatThrownBy(() -> DeleteVectorFile.read(dir.resolve("nope.del")))
        .isInstanceOfSatisfying(BlueshiftException.class, e -> assertThat(e.state()).isEqualTo(SqlState.IO_ERROR))
        .hasMessageContaining("nope.del");
  }
}
