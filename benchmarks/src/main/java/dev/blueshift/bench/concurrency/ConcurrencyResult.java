package dev.blueshift.bench.concurrency;

import dev.blueshift.bench.engine.MemoryReading;
import dev.blueshift.bench.report.MachineInfo;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/** A whole concurrent-clients run: the setting, and per engine its mix and one result per client count. */
public record ConcurrencyResult(LocalDateTime started, String scaleLabel, MachineInfo machine, long inputBytes,
    Duration window, long timeoutSeconds, long seed, List<Integer> clientCounts, List<EngineMix> engines,
    double elapsedSeconds) {

  public ConcurrencyResult {
    clientCounts = List.copyOf(clientCounts);
    engines = List.copyOf(engines);
  }

  /**
   * One engine: the queries of its mix (those its single-client warm-up answered), the ones left
   * out and why, and one {@link MixResult} per client count.
   *
   * @param loadSeconds the COPY time, or null when the engine did not load
   * @param problem why the engine has no results (could not start, load failed), or null
   */
  public record EngineMix(String name, String version, String settings, Double loadSeconds, List<String> mix,
      Map<String, String> excluded, List<MixResult> runs, MemoryReading memory, String problem) {

    public EngineMix {
      mix = List.copyOf(mix);
      excluded = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(excluded));
      runs = List.copyOf(runs);
    }

    /** The result for a client count, or null if it was not run. */
    public MixResult at(int clients) {
      return runs.stream().filter(r -> r.clients() == clients).findFirst().orElse(null);
    }
  }
}
