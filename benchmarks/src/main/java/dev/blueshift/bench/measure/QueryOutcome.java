package dev.blueshift.bench.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * What one engine did with one query: its timed runs (nanoseconds, execute until the last row),
 * the rows of its warm-up run formatted for comparison, or why it has no times.
 */
public record QueryOutcome(Status status, List<Long> runNanos, List<String> answer, String detail) {

  /** How a query ended on an engine. */
  public enum Status {
    OK, TIMEOUT, FAILED, SKIPPED;
  }

  public QueryOutcome {
    runNanos = List.copyOf(runNanos);
    answer = answer == null ? null : List.copyOf(answer);
  }

  public static QueryOutcome ok(List<Long> runNanos, List<String> answer) {
    return new QueryOutcome(Status.OK, runNanos, answer, null);
  }

  public static QueryOutcome timeout(long seconds) {
    return new QueryOutcome(Status.TIMEOUT, List.of(), null, "timeout after " + seconds + " s");
  }

  public static QueryOutcome failed(String error) {
    return new QueryOutcome(Status.FAILED, List.of(), null, error);
  }

  public static QueryOutcome skipped(String why) {
    return new QueryOutcome(Status.SKIPPED, List.of(), null, why);
  }

  public boolean ok() {
    return status == Status.OK;
  }

  /** The median of the timed runs in milliseconds; only for OK outcomes. */
  public double medianMillis() {
    if (!ok() || runNanos.isEmpty()) {
      throw new IllegalStateException("no timed runs: " + status);
    }
    List<Long> sorted = new ArrayList<>(runNanos);
    sorted.sort(null);
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    return median / 1e6;
  }
}
