package dev.blueshift.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real JFR recording of this JVM while a known method burns CPU: the summary names that method. */
class JfrSummaryTest {
  private static volatile long sink;

  /** Work the JIT cannot remove: a long chain of dependent multiplications. */
  static long burn(int rounds) {
    long x = 17;
    for (int i = 0; i < rounds; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
    }
    return x;
  }

  @Test
  void samplesAreCountedByTopFrameFirstProjectFrameAndThread(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("burn.jfr");
    Thread burner = new Thread(() -> {
      for (int i = 0; i < 40; i++) {
        sink += burn(20_000_000);
      }
    }, "burner-7");
    try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
      recording.start();
      burner.start();
      burner.join();
      recording.stop();
      recording.dump(file);
    }
    JfrSummary summary = JfrSummary.read(file, 5);

    assertThat(summary.samples()).isPositive();
    assertThat(summary.topProjectFrames()).first().isEqualTo(
        new JfrSummary.Entry("JfrSummaryTest.burn", summary.topProjectFrames().get(0).samples()));
    assertThat(summary.threads()).extracting(JfrSummary.Entry::name).contains("burner");
    assertThat(summary.topFrames()).hasSizeLessThanOrEqualTo(5);
    assertThat(summary.render()).contains(summary.samples() + " CPU samples", "by first Blueshift frame from the top",
        "JfrSummaryTest.burn");
  }

  @Test
  void threadNamesLoseTheirNumbers() {
    assertThat(JfrSummary.threadGroup("worker0-fragment-53")).isEqualTo("worker0-fragment");
    assertThat(JfrSummary.threadGroup("grpc-default-executor-12")).isEqualTo("grpc-default-executor");
    assertThat(JfrSummary.threadGroup("avatica_qtp1780399359-33")).isEqualTo("avatica_qtp");
    assertThat(JfrSummary.threadGroup("main")).isEqualTo("main");
    assertThat(JfrSummary.threadGroup(null)).isEqualTo("(unnamed)");
  }
}
