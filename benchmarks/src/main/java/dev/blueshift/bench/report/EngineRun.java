package dev.blueshift.bench.report;

import dev.blueshift.bench.engine.LoadTiming;
import dev.blueshift.bench.engine.MemoryReading;
import dev.blueshift.bench.measure.QueryOutcome;
import java.util.Map;

/**
 * Everything measured on one engine in a TPC-H run. {@code load} is null and {@code problem} says
 * why when the engine could not be started or loaded.
 */
public record EngineRun(String name, String version, String settings, LoadTiming load, String problem,
    long storedBytes, String storedMeaning, MemoryReading memory, Map<String, QueryOutcome> queries) {

  public EngineRun {
    queries = Map.copyOf(queries);
  }

  public QueryOutcome query(String name) {
    return queries.get(name);
  }
}
