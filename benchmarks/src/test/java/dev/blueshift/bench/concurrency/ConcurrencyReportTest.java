package dev.blueshift.bench.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.bench.engine.MemoryReading;
import dev.blueshift.bench.report.MachineInfo;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The reports of a made-up run: throughput table, ratio, failures, per-query CSV rows. */
class ConcurrencyReportTest {
  private static final long SECOND = 1_000_000_000L;

  private static ConcurrencyResult result() {
    MixResult blue1 = new MixResult(1, 60 * SECOND,
        List.of(new MixResult.Completion("q01", 0, 2 * SECOND), new MixResult.Completion("q06", 0, SECOND)),
        List.of(), List.of(), List.of(), 1, null);
    MixResult blue4 = new MixResult(4, 60 * SECOND,
        List.of(new MixResult.Completion("q01", 0, 4 * SECOND), new MixResult.Completion("q06", 2, 3 * SECOND),
            new MixResult.Completion("q06", 3, 3 * SECOND)),
        List.of(new MixResult.Failure("q01", 1, "out of memory")), List.of(new MixResult.Failure("q01", 2, "timeout after 120 s")),
        List.of(new MixResult.Failure("q06", 1, "row 1: expected '1' but got '2'")), 4, null);
    MixResult duck1 = new MixResult(1, 60 * SECOND,
        List.of(new MixResult.Completion("q01", 0, SECOND / 10), new MixResult.Completion("q06", 0, SECOND / 20),
            new MixResult.Completion("q01", 0, SECOND / 10), new MixResult.Completion("q06", 0, SECOND / 20)),
        List.of(), List.of(), List.of(), 0, null);
    MachineInfo machine = new MachineInfo("Test CPU", 2, 8L << 30, "Linux", "Java 17", "abc1234", "0.5 0.4 0.3");
    MemoryReading mem = new MemoryReading(OptionalLong.of(512L << 20), "VmHWM");
    return new ConcurrencyResult(LocalDateTime.of(2026, 11, 25, 16, 0), "0.01", machine, 10_000_000, Duration.ofSeconds(60),
        120, 1, List.of(1, 4),
        List.of(new ConcurrencyResult.EngineMix("Blueshift", "0.1.0", "local cluster", 3.5, List.of("q01", "q06"),
                Map.of("q05", "timeout: timeout after 120 s"), List.of(blue1, blue4), mem, null),
            new ConcurrencyResult.EngineMix("DuckDB", "v1", "in-process", 0.5, List.of("q01", "q05", "q06"), Map.of(),
                List.of(duck1), mem, null)),
        300);
  }

  @Test
  void markdownShowsThroughputRatioFailuresAndMixes() {
    String md = ConcurrencyReport.markdown(result(), "benchmarks/run concurrency --sf 0.01");
    assertThat(md).startsWith("# Concurrent clients, TPC-H SF0.01: Blueshift vs DuckDB\n");
    assertThat(md).contains("| 1 | 2.0 | 4.0 | 0.500 |", "| 4 | 3.0 |  |  |");
    assertThat(md).contains("| Blueshift | 4 | 3 | 3.0 | 3000 | 4000 | 1 | 1 | 1 | 4 |");
    assertThat(md).contains("| q01 | 2000 | 4000 | 100 |");
    assertThat(md).contains("left out: q05 (timeout: timeout after 120 s)");
    assertThat(md).contains("- Blueshift q01 error: out of memory",
        "- Blueshift q06 answer differs from its single-client answer: row 1: expected '1' but got '2'");
  }

  @Test
  void csvHasATotalRowAndOneRowPerQueryOfTheMix() {
    List<String> lines = ConcurrencyReport.csv(result()).lines().toList();
    assertThat(lines.get(0)).startsWith("engine,clients,query,completed,queries_per_min");
    assertThat(lines).contains("Blueshift,4,ALL,3,3.00,3000.000,4000.000,1,1,1,4,60.0",
        "Blueshift,4,q01,1,1.00,4000.000,4000.000,1,1,0,,60.0",
        "DuckDB,1,q05,0,0.00,,,0,0,0,,60.0");
    assertThat(lines).hasSize(1 + 3 + 3 + 4);
  }
}
