package dev.blueshift.dist;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.error.BlueshiftException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerListTest {
  @TempDir
  Path dir;

  @Test
  void sameWorkersInTheSameOrderAreAccepted() throws Exception {
    WorkerList.checkOrRecord(dir.resolve("c"), List.of("127.0.0.1:7001", "127.0.0.1:7002"));
    assertThatCode(() -> WorkerList.checkOrRecord(dir.resolve("c"), List.of("127.0.0.1:7001", "127.0.0.1:7002")))
        .doesNotThrowAnyException();
  }

  @Test
  void workersInAnotherOrderAreRefusedNamingTheRecordedList() throws Exception {
    WorkerList.checkOrRecord(dir.resolve("c"), List.of("127.0.0.1:7001", "127.0.0.1:7002"));
    assertThatThrownBy(() -> WorkerList.checkOrRecord(dir.resolve("c"), List.of("127.0.0.1:7002", "127.0.0.1:7001")))
        .isInstanceOf(BlueshiftException.class)
        .hasMessageContaining("workers are 127.0.0.1:7001,127.0.0.1:7002, not 127.0.0.1:7002,127.0.0.1:7001");
  }
}
