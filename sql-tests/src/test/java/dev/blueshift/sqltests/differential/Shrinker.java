package dev.blueshift.sqltests.differential;

import java.util.function.Predicate;

/**
 * Greedy shrinking: take the first smaller variant of the query that still fails the same way,
 * repeat until no variant does or the budget of attempts is spent.
 */
final class Shrinker {
  private Shrinker() {}

  /** The smallest failing query found within {@code budget} calls of {@code stillFails}. */
  static RandomQuery shrink(RandomQuery query, Predicate<RandomQuery> stillFails, int budget) {
    RandomQuery current = query;
    int attempts = 0;
    boolean progress = true;
    while (progress && attempts < budget) {
      progress = false;
      for (RandomQuery candidate : current.shrinks()) {
        if (attempts++ >= budget) {
          break;
        }
        if (stillFails.test(candidate)) {
          current = candidate;
          progress = true;
          break;
        }
      }
    }
    return current;
  }
}
