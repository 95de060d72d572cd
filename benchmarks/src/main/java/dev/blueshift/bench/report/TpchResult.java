package dev.blueshift.bench.report;

import dev.blueshift.bench.measure.AnswerFormat;
import dev.blueshift.bench.measure.QueryOutcome;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole TPC-H run: its parameters, the machine, and each engine's measurements;
 * {@code elapsedSeconds} is the wall time of everything (generation, every engine's load and queries).
 */
public record TpchResult(LocalDateTime started, String scaleLabel, MachineInfo machine, int timedRuns,
    long timeoutSeconds, long inputBytes, double generateSeconds, double elapsedSeconds, List<String> queryNames, List<EngineRun> engines,
    Map<String, List<String>> referenceAnswers) {

  public static final String BLUESHIFT = "Blueshift";
  public static final String DUCKDB = "DuckDB";
  public static final String POSTGRES = "PostgreSQL";

  public Optional<EngineRun> engine(String name) {
    return engines.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * How an engine's answer to a query compares: with DuckDB's for the other engines, with the shared
   * reference answers (when this scale has them) for DuckDB; empty when there is nothing to compare.
   */
  public Optional<String> answerCheck(String engineName, String query) {
    EngineRun engine = engine(engineName).orElse(null);
    if (engine == null || engine.query(query) == null || !engine.query(query).ok()) {
      return Optional.empty();
    }
    List<String> actual = engine.query(query).answer();
    List<String> expected;
    String against;
    if (engineName.equals(DUCKDB)) {
      expected = referenceAnswers.get(query);
      against = "reference";
    } else {
      QueryOutcome duck = engine(DUCKDB).map(d -> d.query(query)).orElse(null);
      expected = duck != null && duck.ok() ? duck.answer() : null;
      against = "DuckDB";
    }
    if (expected == null) {
      return Optional.empty();
    }
    String difference = AnswerFormat.difference(expected, actual);
    return Optional.of(difference == null ? "matches " + against : "DIFFERS from " + against + ": " + difference);
  }
}
