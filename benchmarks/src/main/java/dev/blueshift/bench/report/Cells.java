package dev.blueshift.bench.report;

import dev.blueshift.bench.measure.QueryOutcome;
import java.util.Locale;
import java.util.OptionalLong;

/** How numbers and outcomes are written in reports (one place, so Markdown and CSV agree). */
final class Cells {
  private Cells() {}

  static String millis(double ms) {
    return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.1f", ms);
  }

  static String ratio(double r) {
    return r >= 10 ? String.format(Locale.ROOT, "%.1f", r) : String.format(Locale.ROOT, "%.2f", r);
  }

  static String megabytes(long bytes) {
    return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.1f", bytes / 1e6);
  }

  static String mebibytes(OptionalLong bytes) {
    return bytes.isPresent() ? String.format(Locale.ROOT, "%.0f", bytes.getAsLong() / 1048576.0) : "?";
  }

  static String seconds(double s) {
    return String.format(Locale.ROOT, "%.2f", s);
  }

  /** The short cell for an outcome without times: unsupported, error, timeout, skipped. */
  static String failureWord(String engine, QueryOutcome o) {
    return switch (o.status()) {
      case TIMEOUT -> "timeout";
      case SKIPPED -> "skipped";
      case FAILED -> engine.equals(TpchResult.BLUESHIFT) ? "unsupported" : "error";
      case OK -> "ok";
    };
  }

  /** The full text of a failed outcome: "unsupported: &lt;error&gt;" for Blueshift's. */
  static String failureText(String engine, QueryOutcome o) {
    return failureWord(engine, o) + ": " + o.detail();
  }
}
