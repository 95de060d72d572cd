package dev.blueshift.bench.report;

import dev.blueshift.bench.engine.LoadTiming;
import dev.blueshift.bench.measure.QueryOutcome;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The human-readable report of a TPC-H run: header, chart, load table, query table, targets, notes. */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static String render(TpchResult r, String chartFileName, String command) {
    StringBuilder md = new StringBuilder();
    List<String> engines = r.engines().stream().map(EngineRun::name).toList();
    md.append("# TPC-H SF").append(r.scaleLabel()).append(": ").append(String.join(" vs ", engines)).append("\n\n");
    MachineInfo m = r.machine();
    md.append("Run ").append(r.started().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))).append(" at commit `")
        .append(m.commit()).append("` with `").append(command).append("`.\n\n");
    md.append("- Machine: ").append(m.cpu()).append(", ").append(m.cores()).append(" cores, ")
        .append(String.format(Locale.ROOT, "%.1f", m.memoryBytes() / 1073741824.0)).append(" GiB RAM; ")
        .append(m.os()).append("; ").append(m.java()).append("; load average at start ").append(m.loadAverage()).append('\n');
    md.append("- Method: each query ran 1 warm-up + ").append(r.timedRuns())
        .append(" timed runs per engine, one engine at a time; a run is timed from execute until the last row is read"
            + " over JDBC; the median is shown. Per-run timeout ")
        .append(r.timeoutSeconds()).append(" s (a timed-out query is not retried). Answers are checked against"
            + " DuckDB's (DuckDB's against the shared reference answers where the scale has them).\n");
    md.append("- Input: ").append(Cells.megabytes(r.inputBytes())).append(" MB of pipe-delimited .tbl text from"
        + " io.trino.tpch (cached on disk; this run's preparation took ")
        .append(String.format(Locale.ROOT, "%.1f", r.generateSeconds())).append(" s).\n");
    md.append("- The whole run took ").append(String.format(Locale.ROOT, "%.1f", r.elapsedSeconds() / 60))
        .append(" minutes.\n\n");
    if (chartFileName != null) {
      md.append("![per-query median times](").append(chartFileName).append(")\n\n");
    }
    appendLoad(md, r);
    appendQueries(md, r);
    appendTargets(md, r);
    appendNotes(md, r);
    return md.toString();
  }

  private static void appendLoad(StringBuilder md, TpchResult r) {
    md.append("## Load and storage\n\n");
    md.append("| engine | version | COPY s | COPY MB/s | after COPY | stored MB | peak memory MiB |\n");
    md.append("|---|---|--:|--:|---|--:|--:|\n");
    for (EngineRun e : r.engines()) {
      LoadTiming load = e.load();
      if (load == null) {
        md.append("| ").append(e.name()).append(" | ").append(e.version()).append(" | ").append(e.problem())
            .append(" | | | | |\n");
        continue;
      }
      md.append("| ").append(e.name()).append(" | ").append(e.version()).append(" | ")
          .append(Cells.seconds(load.copySeconds())).append(" | ")
          .append(String.format(Locale.ROOT, "%.1f", r.inputBytes() / 1e6 / load.copySeconds())).append(" | ")
          .append(load.afterCopyWhat() == null ? "" : Cells.seconds(load.afterCopyNanos() / 1e9) + " s " + load.afterCopyWhat())
          .append(" | ").append(Cells.megabytes(e.storedBytes())).append(" | ")
          .append(Cells.mebibytes(e.memory().bytes())).append(" |\n");
    }
    md.append('\n');
  }

  private static void appendQueries(StringBuilder md, TpchResult r) {
    boolean hasBlue = r.engine(TpchResult.BLUESHIFT).isPresent();
    boolean hasDuck = r.engine(TpchResult.DUCKDB).isPresent();
    boolean hasPg = r.engine(TpchResult.POSTGRES).isPresent();
    md.append("## Queries (median ms)\n\n| query |");
    r.engines().forEach(e -> md.append(' ').append(e.name()).append(" |"));
    if (hasBlue && hasDuck) {
      md.append(" Blueshift/DuckDB |");
    }
    if (hasBlue && hasPg) {
      md.append(" PostgreSQL/Blueshift |");
    }
    if (hasBlue) {
      md.append(" Blueshift's answer |");
    }
    md.append("\n|---|");
    r.engines().forEach(e -> md.append("--:|"));
    md.append(hasBlue && hasDuck ? "--:|" : "").append(hasBlue && hasPg ? "--:|" : "").append(hasBlue ? "---|" : "");
    md.append('\n');
    for (String q : r.queryNames()) {
      md.append("| ").append(q).append(" |");
      for (EngineRun e : r.engines()) {
        md.append(' ').append(cell(e, q)).append(" |");
      }
      if (hasBlue && hasDuck) {
        md.append(' ').append(ratioCell(r, q, TpchResult.BLUESHIFT, TpchResult.DUCKDB)).append(" |");
      }
      if (hasBlue && hasPg) {
        md.append(' ').append(ratioCell(r, q, TpchResult.POSTGRES, TpchResult.BLUESHIFT)).append(" |");
      }
      if (hasBlue) {
        md.append(' ').append(r.answerCheck(TpchResult.BLUESHIFT, q).map(MarkdownReport::shortCheck).orElse("")).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  private static String cell(EngineRun e, String q) {
    QueryOutcome o = e.query(q);
    if (o == null) {
      return "";
    }
    return o.ok() ? Cells.millis(o.medianMillis()) : Cells.failureWord(e.name(), o);
  }

  private static String ratioCell(TpchResult r, String q, String numerator, String denominator) {
    QueryOutcome a = r.engine(numerator).map(e -> e.query(q)).orElse(null);
    QueryOutcome b = r.engine(denominator).map(e -> e.query(q)).orElse(null);
    if (a == null || b == null || !a.ok() || !b.ok()) {
      return "";
    }
    return Cells.ratio(a.medianMillis() / b.medianMillis());
  }

  private static String shortCheck(String check) {
    return check.startsWith("matches") ? "ok" : "**differs**";
  }

  private static void appendTargets(StringBuilder md, TpchResult r) {
    md.append("## Where we stand against the targets\n\n");
    Optional<EngineRun> blue = r.engine(TpchResult.BLUESHIFT);
    if (blue.isEmpty()) {
      md.append("Blueshift was not part of this run.\n\n");
      return;
    }
    long finished = r.queryNames().stream().filter(q -> blue.get().query(q) != null && blue.get().query(q).ok()).count();
    md.append("- Blueshift finished ").append(finished).append(" of ").append(r.queryNames().size())
        .append(" queries.\n");
    Comparison.of(r, TpchResult.BLUESHIFT, TpchResult.DUCKDB).ifPresent(c -> md.append(
        "- Total time vs DuckDB (target ≤ 2.0 × DuckDB on all 22): on the ").append(c.queries().size())
        .append(" queries both finished (").append(String.join(", ", c.queries())).append(") Blueshift ")
        .append(Cells.millis(c.firstMillis())).append(" ms, DuckDB ").append(Cells.millis(c.secondMillis()))
        .append(" ms: **").append(Cells.ratio(c.ratio())).append(" ×** DuckDB — ")
        .append(c.ratio() <= 2.0 ? "within" : "not within").append(" the target on these queries.\n"));
    Comparison.of(r, TpchResult.POSTGRES, TpchResult.BLUESHIFT).ifPresent(c -> md.append(
        "- PostgreSQL vs Blueshift (target ≥ 10 × faster than PostgreSQL on queries both finish): on ")
        .append(String.join(", ", c.queries())).append(" PostgreSQL takes **").append(Cells.ratio(c.ratio()))
        .append(" ×** Blueshift's time — ").append(c.ratio() >= 10 ? "target met" : "target not met").append(".\n"));
    Optional<EngineRun> duck = r.engine(TpchResult.DUCKDB);
    if (duck.isPresent() && blue.get().load() != null && duck.get().load() != null) {
      double b = blue.get().load().copySeconds();
      double d = duck.get().load().copySeconds();
      md.append("- COPY (target: no slower than DuckDB): Blueshift ").append(Cells.seconds(b)).append(" s, DuckDB ")
          .append(Cells.seconds(d)).append(" s: Blueshift takes **").append(Cells.ratio(b / d)).append(" ×** DuckDB's time — ")
          .append(b <= d ? "target met" : "target not met").append(".\n");
    }
    md.append('\n');
  }

  private static void appendNotes(StringBuilder md, TpchResult r) {
    md.append("## Failures and answer checks\n\n");
    boolean any = false;
    for (EngineRun e : r.engines()) {
      for (String q : r.queryNames()) {
        QueryOutcome o = e.query(q);
        if (o != null && !o.ok()) {
          md.append("- ").append(q).append(' ').append(e.name()).append(": ").append(escape(Cells.failureText(e.name(), o)))
              .append('\n');
          any = true;
        }
        Optional<String> check = r.answerCheck(e.name(), q);
        if (check.isPresent() && !check.get().startsWith("matches")) {
          md.append("- ").append(q).append(' ').append(e.name()).append(": answer ").append(escape(check.get())).append('\n');
          any = true;
        }
      }
    }
    if (!any) {
      md.append("None: every engine finished every query and every checked answer matched.\n");
    }
    md.append("\n## How each figure was measured\n\n");
    for (EngineRun e : r.engines()) {
      if (e.load() == null) {
        md.append("- ").append(e.name()).append(": ").append(e.problem()).append('\n');
        continue;
      }
      md.append("- ").append(e.name()).append(": ").append(e.settings()).append(". Stored size: ")
          .append(e.storedMeaning()).append(". Peak memory: ").append(e.memory().how()).append(".\n");
    }
    md.append("- MB/s is the .tbl input size divided by the COPY time of all 8 tables (DDL not included).\n");
    md.append("- CSV with every run: same name as this file with .csv.\n");
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
