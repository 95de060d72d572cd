package dev.blueshift.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMemoryTest {
  @Test
  void readsKilobyteFieldsOfProcFiles(@TempDir Path dir) throws Exception {
    Path status = dir.resolve("status");
    Files.writeString(status, "Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t  2048 kB\nVmRSS:\t1024 kB\n");
    assertThat(ProcessMemory.statusField(status, "VmHWM:")).hasValue(2048L * 1024);
    assertThat(ProcessMemory.statusField(status, "Pss:")).isEmpty();
    assertThat(ProcessMemory.statusField(dir.resolve("missing"), "VmHWM:")).isEmpty();
  }

  @Test
  void thisJvmsPeakIsAtLeastTheResidentSetReadBeforeIt() {
    if (!Files.exists(Path.of("/proc/self/status"))) {
      return; // not Linux
    }
    long resident = ProcessMemory.selfResidentBytes().getAsLong();
    assertThat(resident).isPositive();
    assertThat(ProcessMemory.selfPeakBytes().getAsLong()).isGreaterThanOrEqualTo(resident);
  }
}
