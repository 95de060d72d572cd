package dev.blueshift.sqltests.slt;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Per-suite pass counts, printed and written to {@code target/slt-summary.md}. */
final class SuiteSummary {
  private SuiteSummary() {}

  /** Running totals of one suite. */
  static final class Tally {
    int files;
    int run;
    int passed;
    int skipped;
    int problemFiles;
    Duration time = Duration.ZERO;

    synchronized void add(FileOutcome outcome, Duration took) {
      files++;
      run += outcome.run();
      passed += outcome.passed();
      skipped += outcome.skipped();
      problemFiles += outcome.problems().isEmpty() ? 0 : 1;
      time = time.plus(took);
    }
  }

  static String markdown(Map<SltSuite, Tally> tallies) {
    StringBuilder out = new StringBuilder();
    out.append("| suite | files | records run | passed | failed | pass rate | skipped | time |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    int run = 0;
    int passed = 0;
    int skipped = 0;
    Duration time = Duration.ZERO;
    for (Map.Entry<SltSuite, Tally> e : tallies.entrySet()) {
      Tally t = e.getValue();
      out.append(row(e.getKey().id, String.valueOf(t.files), t.run, t.passed, t.skipped, t.time));
      run += t.run;
      passed += t.passed;
      skipped += t.skipped;
      time = time.plus(t.time);
    }
    if (tallies.size() > 1) {
      int files = tallies.values().stream().mapToInt(t -> t.files).sum();
      out.append(row("**total**", String.valueOf(files), run, passed, skipped, time));
    }
    return out.toString();
  }

  private static String row(String name, String files, int run, int passed, int skipped, Duration time) {
    return String.join(" | ", List.of("| " + name, files, String.valueOf(run), String.valueOf(passed),
        String.valueOf(run - passed), rate(passed, run), String.valueOf(skipped),
        time.toSeconds() + " s |")) + "\n";
  }

  static String rate(int passed, int run) {
    return run == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * passed / run);
  }
}
