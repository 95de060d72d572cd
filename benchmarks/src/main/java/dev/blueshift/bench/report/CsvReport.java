package dev.blueshift.bench.report;

import dev.blueshift.bench.measure.QueryOutcome;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every figure of a TPC-H run as CSV, one measurement a line:
 * {@code scale_factor,engine,item,status,value,unit,runs,answer_check,detail}. Items are the
 * query names and copy, after_copy, copy_throughput, stored, peak_memory.
 */
public final class CsvReport {
  static final String HEADER = "scale_factor,engine,item,status,value,unit,runs,answer_check,detail";

  private CsvReport() {}

  public static String render(TpchResult r) {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (EngineRun e : r.engines()) {
      if (e.load() == null) {
        row(csv, r, e.name(), "copy", "failed", "", "", "", "", e.problem());
        continue;
      }
      double copyMs = e.load().copyNanos() / 1e6;
      row(csv, r, e.name(), "copy", "ok", number(copyMs), "ms", "", "", "");
      row(csv, r, e.name(), "copy_throughput", "ok", number(r.inputBytes() / 1e6 / e.load().copySeconds()), "MB/s", "",
          "", r.inputBytes() + " input bytes");
      if (e.load().afterCopyWhat() != null) {
        row(csv, r, e.name(), "after_copy", "ok", number(e.load().afterCopyNanos() / 1e6), "ms", "", "",
            e.load().afterCopyWhat());
      }
      row(csv, r, e.name(), "stored", e.storedBytes() < 0 ? "unknown" : "ok", Long.toString(e.storedBytes()), "bytes",
          "", "", e.storedMeaning());
      row(csv, r, e.name(), "peak_memory", e.memory().bytes().isPresent() ? "ok" : "unknown",
          e.memory().bytes().isPresent() ? Long.toString(e.memory().bytes().getAsLong()) : "", "bytes", "", "",
          e.memory().how());
      for (String q : r.queryNames()) {
        QueryOutcome o = e.query(q);
        if (o == null) {
          continue;
        }
        String runs = o.runNanos().stream().map(n -> number(n / 1e6)).collect(Collectors.joining(";"));
        row(csv, r, e.name(), q, o.ok() ? "ok" : Cells.failureWord(e.name(), o), o.ok() ? number(o.medianMillis()) : "",
            "ms", runs, r.answerCheck(e.name(), q).orElse(""), o.detail() == null ? "" : o.detail());
      }
    }
    return csv.toString();
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static void row(StringBuilder csv, TpchResult r, String... fields) {
    csv.append(field(r.scaleLabel()));
    for (String f : List.of(fields)) {
      csv.append(',').append(field(f));
    }
    csv.append('\n');
  }

  /** RFC 4180 quoting for fields with commas, quotes or line breaks. */
  static String field(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }
}
