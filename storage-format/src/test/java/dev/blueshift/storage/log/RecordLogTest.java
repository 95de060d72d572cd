package dev.blueshift.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordLogTest {
  @TempDir
  Path dir;

  static List<String> strings(List<byte[]> records) {
    return records.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  static final List<String> RECORDS = List.of("first", "", "third record", "x".repeat(300), "fifth");

  /** Writes RECORDS and returns the file bytes and the end offset of each record. */
  long[] writeLog(Path file) {
    long[] ends = new long[RECORDS.size() + 1];
    try (RecordLog log = RecordLog.open(file)) {
      ends[0] = file.toFile().length();
      for (int i = 0; i < RECORDS.size(); i++) {
        log.append(RECORDS.get(i).getBytes(StandardCharsets.UTF_8));
        ends[i + 1] = file.toFile().length();
      }
    }
    return ends;
  }

  @Test
  void appendsAndReopens() {
    Path file = dir.resolve("commit.log");
    writeLog(file);
    try (RecordLog log = RecordLog.open(file)) {
      assertThat(strings(log.records())).isEqualTo(RECORDS);
      log.append("sixth".getBytes(StandardCharsets.UTF_8));
      assertThat(log.records()).hasSize(6);
    }
    try (RecordLog log = RecordLog.open(file)) {
      assertThat(strings(log.records()).get(5)).isEqualTo("sixth");
    }
  }

  @Test
  void recoversAtEveryTruncationPoint() throws IOException {
    Path file = dir.resolve("full.log");
    long[] ends = writeLog(file);
    byte[] full = Files.readAllBytes(file);
    Path torn = dir.resolve("torn.log");
    for (int len = 0; len <= full.length; len++) {
      Files.write(torn, Arrays.copyOf(full, len));
      int complete = 0;
      while (complete < RECORDS.size() && ends[complete + 1] <= len) {
        complete++;
      }
      try (RecordLog log = RecordLog.open(torn)) {
        assertThat(strings(log.records())).as("truncated at %d", len).isEqualTo(RECORDS.subList(0, complete));
        // the torn tail is gone and appends continue after the last complete record
        assertThat(Files.size(torn)).isEqualTo(ends[complete]);
        log.append("after".getBytes(StandardCharsets.UTF_8));
      }
      try (RecordLog log = RecordLog.open(torn)) {
        List<String> expected = new ArrayList<>(RECORDS.subList(0, complete));
        expected.add("after");
        assertThat(strings(log.records())).isEqualTo(expected);
      }
    }
  }

  @Test
  void corruptLastRecordIsATornTail() throws IOException {
    Path file = dir.resolve("tail.log");
    long[] ends = writeLog(file);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 2] ^= 1;
    Files.write(file, bytes);
    try (RecordLog log = RecordLog.open(file)) {
      assertThat(strings(log.records())).isEqualTo(RECORDS.subList(0, RECORDS.size() - 1));
      assertThat(Files.size(file)).isEqualTo(ends[RECORDS.size() - 1]);
    }
  }

  @Test
  void zeroFilledTailIsATornTail() throws IOException {
    Path file = dir.resolve("zeros.log");
    long[] ends = writeLog(file);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length + 4096));
    try (RecordLog log = RecordLog.open(file)) {
      assertThat(strings(log.records())).isEqualTo(RECORDS);
      assertThat(Files.size(file)).isEqualTo(ends[RECORDS.size()]);
    }
  }

  @Test
  void corruptRecordInTheMiddleIsReported() throws IOException {
    Path file = dir.resolve("middle.log");
    long[] ends = writeLog(file);
    for (long offset : new long[] {ends[2] + 14, ends[2] + 1, ends[3] + 9}) {
      byte[] bytes = Files.readAllBytes(file);
      bytes[(int) offset] ^= 0x10;
      Path bad = dir.resolve("bad.log");
      Files.write(bad, bytes);
      long recordStart = offset >= ends[3] ? ends[3] : ends[2];
      assertThatThrownBy(() -> RecordLog.open(bad))
          .isInstanceOfSatisfying(BlueshiftException.class,
              e -> assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED))
          .hasMessageContaining(bad.toString())
          .hasMessageContaining("offset " + recordStart);
      assertThat(Files.size(bad)).isEqualTo(bytes.length); // nothing truncated
    }
  }

  @Test
  void foreignFileIsRejected() throws IOException {
    Path file = dir.resolve("foreign.log");
    Files.writeString(file, "hello world, not a log");
    assertThatThrownBy(() -> RecordLog.open(file))
        .isInstanceOfSatisfying(BlueshiftException.class, e -> assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED));
  }
}
