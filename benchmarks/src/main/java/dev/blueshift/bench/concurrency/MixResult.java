package dev.blueshift.bench.concurrency;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What N clients running the TPC-H mix for one window did on one engine: every query that finished
 * inside the window (with its latency), and every one that did not — errors, per-query timeouts,
 * answers that differ from the engine's own single-client answer, and queries still running when
 * the window closed (cancelled, not counted).
 *
 * @param windowNanos the measured window: from the moment every client was connected until the
 *     deadline
 * @param abandoned why the clients could not be stopped after the window, or null
 */
public record MixResult(int clients, long windowNanos, List<Completion> completions, List<Failure> errors,
    List<Failure> timeouts, List<Failure> wrongAnswers, int unfinished, String abandoned) {

  /** A query that finished inside the window, with its latency from execute until the last row. */
  public record Completion(String query, int client, long nanos) {}

  /** A query that did not give a right answer inside the window, and why. */
  public record Failure(String query, int client, String detail) {}

  public MixResult {
    completions = List.copyOf(completions);
    errors = List.copyOf(errors);
    timeouts = List.copyOf(timeouts);
    wrongAnswers = List.copyOf(wrongAnswers);
  }

  /**
   * Queries per minute: right answers completed inside the window over the window's length
   * (a query with a wrong answer is not counted).
   */
  public double queriesPerMinute() {
    return windowNanos <= 0 ? 0 : completions.size() * 60e9 / windowNanos;
  }

  /** Latency percentile (nearest rank) over all completions, in ms; NaN when nothing completed. */
  public double percentileMillis(double p) {
    return percentileMillis(completions.stream().mapToLong(Completion::nanos).toArray(), p);
  }

  /** Completions grouped by query name, in query order. */
  public Map<String, List<Long>> latenciesByQuery() {
    Map<String, List<Long>> byQuery = new TreeMap<>();
    for (Completion c : completions) {
      byQuery.computeIfAbsent(c.query(), q -> new ArrayList<>()).add(c.nanos());
    }
    return byQuery;
  }

  /** Count of failures of one kind for one query. */
  static long count(List<Failure> failures, String query) {
    return failures.stream().filter(f -> f.query().equals(query)).count();
  }

  /** Nearest-rank percentile of nanosecond samples, in ms; NaN for no samples. */
  public static double percentileMillis(long[] nanos, double p) {
    if (nanos.length == 0) {
      return Double.NaN;
    }
    long[] sorted = nanos.clone();
    java.util.Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }
}
