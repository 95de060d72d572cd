package dev.blueshift.bench.fetch;

import dev.blueshift.bench.measure.QueryOutcome;
import dev.blueshift.bench.measure.QueryRunner;
import dev.blueshift.bench.report.MachineInfo;
import dev.blueshift.coordinator.server.LocalCluster;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code benchmarks fetch}: how fast a client reads a large result over JDBC. The same N rows
 * (integer, bigint, varchar, decimal, date) are loaded into Blueshift and DuckDB and
 * {@code SELECT *} is read to the last value.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
    description = "JDBC result fetch of N rows (default 1,000,000): Blueshift vs DuckDB.")
public final class FetchCommand implements Callable<Integer> {
  static final String DDL = "CREATE TABLE fetch_rows (id INTEGER NOT NULL, k BIGINT NOT NULL, name VARCHAR(32) NOT NULL,"
      + " amount DECIMAL(15,2) NOT NULL, ship_day DATE NOT NULL)";
  static final String QUERY = "SELECT id, k, name, amount, ship_day FROM fetch_rows";

  @Option(names = "--rows", description = "rows to fetch (default 1000000)")
  int rows = 1_000_000;

  @Option(names = "--runs", description = "timed runs after 1 warm-up (default 3)")
  int runs = 3;

  @Option(names = "--timeout", description = "per-run timeout in seconds (default 300)")
  long timeoutSeconds = 300;

  @Option(names = "--workers", description = "Blueshift workers (default 2)")
  int workers = 2;

  @Option(names = "--out", description = "report directory (default benchmarks/results)")
  Path out = Path.of("benchmarks/results");

  @Override
  public Integer call() throws Exception {
    LocalDateTime started = LocalDateTime.now();
    MachineInfo machine = MachineInfo.current();
    Path work = Files.createTempDirectory("blueshift-bench-fetch");
    Map<String, QueryOutcome> outcomes = new LinkedHashMap<>();
    String duckVersion;
    try {
      Path file = work.resolve("fetch_rows.tbl");
      write(file, rows);
      long bytes = Files.size(file);
      System.out.printf("fetch: %,d rows (%.1f MB of text)%n", rows, bytes / 1e6);
      try (LocalCluster cluster = LocalCluster.start(work.resolve("blueshift"), workers, 2, 0)) {
        QueryRunner.ConnectionSource source = () -> DriverManager.getConnection(cluster.jdbcUrl(), "admin", "");
        try (Connection c = source.open(); Statement st = c.createStatement()) {
          st.execute(DDL + " DISTSTYLE EVEN");
          st.execute("COPY fetch_rows FROM '" + file.toAbsolutePath() + "'");
        }
        outcomes.put("Blueshift", time(source));
      }
      try (DuckDBConnection duck = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + work.resolve("f.duckdb"))) {
        try (Statement st = duck.createStatement()) {
          st.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
          st.execute(DDL);
          st.execute("COPY fetch_rows FROM '" + file.toAbsolutePath() + "' (DELIMITER '|', HEADER false)");
        }
        duckVersion = version(duck);
        outcomes.put("DuckDB", time(duck::duplicate));
      }
    } finally {
      deleteTree(work);
    }
    Files.createDirectories(out);
    String base = started.format(DateTimeFormatter.ISO_LOCAL_DATE) + "-fetch";
    Files.writeString(out.resolve(base + ".md"), report(started, machine, outcomes, duckVersion));
    Files.writeString(out.resolve(base + ".csv"), csv(outcomes));
    System.out.println("report: " + out.resolve(base + ".md") + " (+ .csv)");
    return 0;
  }

  private QueryOutcome time(QueryRunner.ConnectionSource source) {
    try (QueryRunner runner = new QueryRunner(source, timeoutSeconds)) {
      QueryOutcome o = runner.run(QUERY, runs);
      if (o.ok() && o.answer().size() != rows) {
        return QueryOutcome.failed("read " + o.answer().size() + " rows, expected " + rows);
      }
      System.out.println("  " + (o.ok() ? String.format(Locale.ROOT, "%.0f ms", o.medianMillis()) : o.detail()));
      return o;
    }
  }

  private static String version(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT version()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Deterministic rows: the same file for every run and engine. */
  static void write(Path file, int rows) throws IOException {
    LocalDate epoch = LocalDate.of(1992, 1, 1);
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      for (int i = 0; i < rows; i++) {
        long k = i * 2_654_435_761L;
        w.write(i + "|" + k + "|name-" + Integer.toHexString(i * 31 + 7) + "|" + (i % 100_000) + "." + String.format("%02d", i % 100)
            + "|" + epoch.plusDays(i % 2_557) + "\n");
      }
    }
  }

  private String report(LocalDateTime started, MachineInfo m, Map<String, QueryOutcome> outcomes, String duckVersion) {
    StringBuilder md = new StringBuilder("# JDBC fetch of ").append(String.format(Locale.ROOT, "%,d", rows))
        .append(" rows: Blueshift vs DuckDB\n\n");
    md.append("Run ").append(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))).append(" at commit `")
        .append(m.commit()).append("` with `benchmarks/run fetch --rows ").append(rows).append("`. Machine: ")
        .append(m.cpu()).append(", ").append(m.cores()).append(" cores; ").append(m.java())
        .append("; load average at start ").append(m.loadAverage()).append(".\n\n");
    md.append("`").append(QUERY).append("` (INTEGER, BIGINT, VARCHAR, DECIMAL(15,2), DATE), 1 warm-up + ").append(runs)
        .append(" timed runs, each from execute until every value of the last row was read with getObject. Blueshift: ")
        .append(workers).append(" workers in the harness JVM, Avatica JDBC over HTTP on loopback. DuckDB ")
        .append(duckVersion).append(": in-process JDBC.\n\n");
    md.append("| engine | median ms | rows/s | runs ms |\n|---|--:|--:|---|\n");
    for (Map.Entry<String, QueryOutcome> e : outcomes.entrySet()) {
      QueryOutcome o = e.getValue();
      if (o.ok()) {
        md.append("| ").append(e.getKey()).append(" | ").append(String.format(Locale.ROOT, "%.0f", o.medianMillis()))
            .append(" | ").append(String.format(Locale.ROOT, "%,.0f", rows / (o.medianMillis() / 1000)))
            .append(" | ").append(runsText(o)).append(" |\n");
      } else {
        md.append("| ").append(e.getKey()).append(" | ").append(o.status()).append(": ").append(o.detail()).append(" | | |\n");
      }
    }
    QueryOutcome b = outcomes.get("Blueshift");
    QueryOutcome d = outcomes.get("DuckDB");
    if (b != null && d != null && b.ok() && d.ok()) {
      md.append("\nBlueshift takes ").append(String.format(Locale.ROOT, "%.2f", b.medianMillis() / d.medianMillis()))
          .append(" × DuckDB's time.\n");
    }
    return md.toString();
  }

  private String csv(Map<String, QueryOutcome> outcomes) {
    StringBuilder csv = new StringBuilder("engine,rows,status,median_ms,runs_ms\n");
    for (Map.Entry<String, QueryOutcome> e : outcomes.entrySet()) {
      QueryOutcome o = e.getValue();
      csv.append(e.getKey()).append(',').append(rows).append(',').append(o.status()).append(',')
          .append(o.ok() ? String.format(Locale.ROOT, "%.3f", o.medianMillis()) : "").append(',')
          .append(runsText(o).replace(", ", ";")).append('\n');
    }
    return csv.toString();
  }

  private static String runsText(QueryOutcome o) {
    return String.join(", ", o.runNanos().stream().map(n -> String.format(Locale.ROOT, "%.0f", n / 1e6)).toList());
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
