package dev.blueshift.bench.report;

import dev.blueshift.bench.measure.QueryOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Totals of two engines over the queries both finished, and their ratio. Ratios over other sets
 * would compare different work.
 */
record Comparison(String first, String second, List<String> queries, double firstMillis, double secondMillis) {

  static Optional<Comparison> of(TpchResult result, String first, String second) {
    Optional<EngineRun> a = result.engine(first);
    Optional<EngineRun> b = result.engine(second);
    if (a.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    List<String> both = new ArrayList<>();
    double ta = 0;
    double tb = 0;
    for (String q : result.queryNames()) {
      QueryOutcome qa = a.get().query(q);
      QueryOutcome qb = b.get().query(q);
      if (qa != null && qb != null && qa.ok() && qb.ok()) {
        both.add(q);
        ta += qa.medianMillis();
        tb += qb.medianMillis();
      }
    }
    return both.isEmpty() ? Optional.empty() : Optional.of(new Comparison(first, second, both, ta, tb));
  }

  /** first / second. */
  double ratio() {
    return firstMillis / secondMillis;
  }
}
