package dev.blueshift.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.bench.engine.LoadTiming;
import dev.blueshift.bench.engine.MemoryReading;
import dev.blueshift.bench.measure.QueryOutcome;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** The three report formats over a small hand-made result. */
class ReportsTest {
  private static final MachineInfo MACHINE = new MachineInfo("Test CPU", 2, 1L << 34, "Linux", "Java 17", "abc1234",
      "0.5 0.4 0.3");

  private static TpchResult result() {
    EngineRun blue = new EngineRun("Blueshift", "0.1.0", "2 workers", LoadTiming.copyOnly(2_000_000_000L), null, 3_000_000,
        "segments", new MemoryReading(OptionalLong.of(500L << 20), "VmHWM"), Map.of(
            "q01", QueryOutcome.ok(List.of(200_000_000L, 100_000_000L, 300_000_000L), List.of("A|1.00")),
            "q02", QueryOutcome.failed("queries with join are not supported yet"),
            "q03", QueryOutcome.ok(List.of(10_000_000L), List.of("x"))));
    EngineRun duck = new EngineRun("DuckDB", "v2.0.0", "threads 2", LoadTiming.copyOnly(1_000_000_000L), null, 4_000_000,
        "file", new MemoryReading(OptionalLong.empty(), "growth"), Map.of(
            "q01", QueryOutcome.ok(List.of(50_000_000L), List.of("A|1.00")),
            "q02", QueryOutcome.ok(List.of(20_000_000L), List.of("y")),
            "q03", QueryOutcome.ok(List.of(5_000_000L), List.of("z"))));
    EngineRun pg = new EngineRun("PostgreSQL", "15", "private", new LoadTiming(3_000_000_000L, 1_000_000_000L, "pk"),
        null, 9_000_000, "relations", new MemoryReading(OptionalLong.of(100L << 20), "PSS"), Map.of(
            "q01", QueryOutcome.ok(List.of(4_000_000_000L), List.of("A|1.00")),
            "q02", QueryOutcome.timeout(300),
            "q03", QueryOutcome.ok(List.of(100_000_000L), List.of("z"))));
    return new TpchResult(LocalDateTime.of(2025, 1, 2, 3, 4), "1", MACHINE, 3, 300, 1_000_000_000L, 1.5, 600,
        List.of("q01", "q02", "q03"), List.of(blue, duck, pg), Map.of());
  }

  @Test
  void markdownShowsMediansRatiosFailuresAndMismatches() {
    String md = MarkdownReport.render(result(), "chart.svg", "benchmarks/run tpch --sf 1");
    assertThat(md).contains("# TPC-H SF1: Blueshift vs DuckDB vs PostgreSQL")
        .contains("- The whole run took 10.0 minutes.")
        .contains("![per-query median times](chart.svg)")
        .contains("| q01 | 200 | 50.0 | 4000 | 4.00 | 20.0 | ok |")
        .contains("| q02 | unsupported | 20.0 | timeout |  |  |  |")
        .contains("| q03 | 10.0 | 5.0 | 100 | 2.00 | 10.0 | **differs** |")
        .contains("- q02 Blueshift: unsupported: queries with join are not supported yet")
        .contains("- q02 PostgreSQL: timeout: timeout after 300 s")
        .contains("- q03 Blueshift: answer DIFFERS from DuckDB: row 1: expected 'z' but got 'x'")
        .contains("| Blueshift | 0.1.0 | 2.00 | 500.0 |  | 3.0 | 500 |")
        .contains("Blueshift 210 ms, DuckDB 55.0 ms: **3.82 ×** DuckDB — not within");
  }

  @Test
  void csvHasOneQuotedLinePerMeasurement() {
    String csv = CsvReport.render(result());
    assertThat(csv).startsWith(CsvReport.HEADER + "\n")
        .contains("1,Blueshift,q01,ok,200.000,ms,200.000;100.000;300.000,matches DuckDB,\n")
        .contains("1,Blueshift,q02,unsupported,,ms,,,queries with join are not supported yet\n")
        .contains("1,PostgreSQL,after_copy,ok,1000.000,ms,,,pk\n")
        .contains("1,DuckDB,peak_memory,unknown,,bytes,,,growth\n");
    assertThat(CsvReport.field("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"");
  }

  @Test
  void chartIsWellFormedSvgWithABarPerFinishedQuery() throws Exception {
    String svg = SvgBarChart.render(result());
    var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
    long bars = svg.lines().filter(l -> l.startsWith("<rect x=") && l.contains("<title>")).count();
    assertThat(bars).isEqualTo(7);
    assertThat(svg).contains(">n/a<title>Blueshift q02").contains(">T/O<title>PostgreSQL q02");
  }

  @Test
  void queriesPastTheRunsBudgetAreMarkedSkipped() {
    EngineRun duck = new EngineRun("DuckDB", "v2.0.0", "threads 2", LoadTiming.copyOnly(1_000_000_000L), null, 4_000_000,
        "file", new MemoryReading(OptionalLong.empty(), "growth"), Map.of(
            "q01", QueryOutcome.ok(List.of(50_000_000L), List.of("A|1.00")),
            "q02", QueryOutcome.skipped("past the run's time budget of 19 min (--budget)")));
    TpchResult r = new TpchResult(LocalDateTime.of(2025, 1, 2, 3, 4), "1", MACHINE, 3, 300, 1_000_000_000L, 1.5, 1140,
        List.of("q01", "q02"), List.of(duck), Map.of());
    assertThat(SvgBarChart.render(r)).contains(">skip<title>DuckDB q02").contains("skip = not run");
    assertThat(MarkdownReport.render(r, null, "benchmarks/run tpch --sf 1"))
        .contains("- q02 DuckDB: skipped: past the run's time budget of 19 min (--budget)");
  }
}
