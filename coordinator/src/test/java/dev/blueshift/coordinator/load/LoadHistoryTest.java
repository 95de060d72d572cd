package dev.blueshift.coordinator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load history file: bounded, escaped, reopened after a restart, tolerant of a torn last line. */
class LoadHistoryTest {
  @TempDir Path dir;

  private static LoadHistory.ErrorRow error(long query, String raw) {
    return new LoadHistory.ErrorRow(100, 0, 100_001, 1_000_000, 7, query, "/f\tx.tbl", query, "c", "int4", null, 3,
        raw, null, 1207, "invalid integer");
  }

  @Test
  void keepsTheNewestRowsAcrossReopensAndCompactsTheFile() throws Exception {
    try (LoadHistory h = LoadHistory.open(dir, 3)) {
      for (int i = 0; i < 10; i++) {
        long q = h.nextQuery();
        h.record(List.of(error(q, "line\\" + q + "\nnext")), List.of());
      }
      assertThat(h.errors()).extracting(LoadHistory.ErrorRow::query).containsExactly(8L, 9L, 10L);
    }
    assertThat(Files.readAllLines(dir.resolve("load-history.log")).size()).isLessThanOrEqualTo(6);
    Files.writeString(dir.resolve("load-history.log"), "E\t100\t0", java.nio.file.StandardOpenOption.APPEND);
    try (LoadHistory h = LoadHistory.open(dir, 3)) {
      assertThat(h.errors()).containsExactly(error(8, "line\\8\nnext"), error(9, "line\\9\nnext"),
          error(10, "line\\10\nnext"));
      assertThat(h.nextQuery()).isEqualTo(11);
    }
  }
}
