package dev.blueshift.bench.engine;

/**
 * How long a load took: the COPY statements (what MB/s is computed from) and any work an engine
 * needs after them before queries run well (PostgreSQL's primary keys and ANALYZE), kept apart.
 */
public record LoadTiming(long copyNanos, long afterCopyNanos, String afterCopyWhat) {

  public static LoadTiming copyOnly(long copyNanos) {
    return new LoadTiming(copyNanos, 0, null);
  }

  public double copySeconds() {
    return copyNanos / 1e9;
  }
}
