package dev.blueshift.bench.tpch;

import dev.blueshift.bench.engine.BlueshiftEngine;
import dev.blueshift.bench.engine.DuckDbEngine;
import dev.blueshift.bench.engine.Engine;
import dev.blueshift.bench.engine.LoadTiming;
import dev.blueshift.bench.engine.MemoryReading;
import dev.blueshift.bench.engine.PostgresEngine;
import dev.blueshift.bench.engine.PostgresInstance;
import dev.blueshift.bench.measure.QueryOutcome;
import dev.blueshift.bench.measure.QueryRunner;
import dev.blueshift.bench.report.EngineRun;
import dev.blueshift.bench.report.MachineInfo;
import dev.blueshift.bench.report.TpchResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The TPC-H comparison: one data set, then each engine in turn (started, loaded, every query
 * run, measured, stopped) so they never compete for the machine. A failure of one engine or one
 * query is recorded in the result; it never ends the run.
 */
public final class TpchBenchmark {
  /** What to run. {@code engines} holds lower-case names: blueshift, duckdb, postgres. */
  public record Options(double scaleFactor, Path cacheDir, Path workDir, Path shared, Set<String> engines,
      List<String> queries, int workers, int slicesPerWorker, int timedRuns, long timeoutSeconds, Path postgresBin) {}

  private final Options options;
  private final PrintStream log;
  private java.time.Duration budget;
  private boolean loadOnly;
  private long deadline = Long.MAX_VALUE;

  public TpchBenchmark(Options options, PrintStream log) {
    this.options = options;
    this.log = log;
  }

  /**
   * A time budget for the whole run (null: none). Once it is spent, the queries not yet run are
   * recorded as skipped and engines not yet started are not started, so a run at the acceptance
   * scale ends near its target time however slow an engine turns out to be; the report says so.
   */
  public TpchBenchmark budget(java.time.Duration budget) {
    this.budget = budget;
    return this;
  }

  /** Loads only (the eight COPYs timed, no query run): {@code --load-only}. */
  public TpchBenchmark loadOnly(boolean loadOnly) {
    this.loadOnly = loadOnly;
    return this;
  }

  private boolean pastBudget() {
    return System.nanoTime() - deadline > 0;
  }

  private String budgetSpent() {
    return "past the run's time budget of " + budget.toMinutes() + " min (--budget)";
  }

  public TpchResult run() throws IOException {
    if (budget != null) {
      deadline = System.nanoTime() + budget.toNanos();
    }
    LocalDateTime started = LocalDateTime.now();
    MachineInfo machine = MachineInfo.current();
    String label = TpchDataset.label(options.scaleFactor());
    log.printf("TPC-H SF%s: data in %s%n", label, options.cacheDir());
    long t0 = System.nanoTime();
    TpchDataset data = TpchDataset.prepare(options.scaleFactor(), options.cacheDir());
    double generateSeconds = (System.nanoTime() - t0) / 1e9;
    log.printf("  data ready (%.1f s, %.1f MB)%n", generateSeconds, data.totalBytes() / 1e6);
    TpchSchema schema = TpchSchema.read(options.shared());
    Map<String, String> queries = loadOnly ? Map.of() : TpchQueries.read(options.shared(), options.queries());
    Map<String, List<String>> reference = new LinkedHashMap<>();
    for (String q : queries.keySet()) {
      TpchQueries.referenceAnswer(options.shared(), label, q).ifPresent(a -> reference.put(q, a));
    }
    Files.createDirectories(options.workDir());
    List<EngineRun> runs = new java.util.ArrayList<>();
    if (options.engines().contains("blueshift")) {
      runs.add(measure(TpchResult.BLUESHIFT, () -> BlueshiftEngine.start(options.workDir().resolve("blueshift"),
          options.workers(), options.slicesPerWorker()), schema, data, queries));
    }
    if (options.engines().contains("duckdb")) {
      int threads = Runtime.getRuntime().availableProcessors();
      runs.add(measure(TpchResult.DUCKDB, () -> DuckDbEngine.start(options.workDir().resolve("duckdb"), threads),
          schema, data, queries));
    }
    if (options.engines().contains("postgres")) {
      Optional<Path> bin = PostgresInstance.binaries(options.postgresBin());
      if (bin.isEmpty()) {
        runs.add(absent(TpchResult.POSTGRES, "not run: no PostgreSQL binaries in " + options.postgresBin()));
        log.println("PostgreSQL: no binaries in " + options.postgresBin() + ", skipped");
      } else {
        int cores = Runtime.getRuntime().availableProcessors();
        runs.add(measure(TpchResult.POSTGRES, () -> PostgresEngine.start(bin.get(), cores, options.timeoutSeconds()),
            schema, data, queries));
      }
    }
    double elapsedSeconds = (System.nanoTime() - t0) / 1e9;
    return new TpchResult(started, label, machine, options.timedRuns(), options.timeoutSeconds(), data.totalBytes(),
        generateSeconds, elapsedSeconds, List.copyOf(queries.keySet()), runs, reference);
  }

  @FunctionalInterface
  private interface Starter {
    Engine start() throws Exception;
  }

  private EngineRun measure(String name, Starter starter, TpchSchema schema, TpchDataset data,
      Map<String, String> queries) {
    if (pastBudget()) {
      log.println(name + ": not run, " + budgetSpent());
      return absent(name, "not run: " + budgetSpent());
    }
    log.println(name + ": starting");
    Engine engine;
    try {
      engine = starter.start();
    } catch (Exception e) {
      log.println(name + ": could not start: " + QueryRunner.message(e));
      return absent(name, "could not start: " + QueryRunner.message(e));
    }
    try (engine) {
      String version = version(engine);
      LoadTiming load;
      try {
        load = engine.load(schema, data);
      } catch (Exception e) {
        log.println(name + ": load failed: " + QueryRunner.message(e));
        return new EngineRun(name, version, engine.settings(), null, "load failed: " + QueryRunner.message(e), 0,
            engine.storedBytesMeaning(), engine.peakMemory(), Map.of());
      }
      log.printf("%s: loaded in %.1f s%s%n", name, load.copySeconds(),
          load.afterCopyWhat() == null ? "" : String.format(" (+ %.1f s %s)", load.afterCopyNanos() / 1e9, load.afterCopyWhat()));
      Map<String, QueryOutcome> outcomes = new LinkedHashMap<>();
      try (QueryRunner runner = new QueryRunner(engine::connect, options.timeoutSeconds())) {
        for (Map.Entry<String, String> q : queries.entrySet()) {
          QueryOutcome outcome = pastBudget() ? QueryOutcome.skipped(budgetSpent())
              : runner.run(q.getValue(), options.timedRuns());
          outcomes.put(q.getKey(), outcome);
          log.printf("  %s %s: %s%n", name, q.getKey(),
              outcome.ok() ? String.format("%.1f ms", outcome.medianMillis()) : outcome.detail());
        }
      }
      long stored = storedBytes(engine);
      MemoryReading memory = engine.peakMemory();
      return new EngineRun(name, version, engine.settings(), load, null, stored, engine.storedBytesMeaning(), memory,
          outcomes);
    }
  }

  private long storedBytes(Engine engine) {
    try {
      return engine.storedBytes();
    } catch (Exception e) {
      log.println(engine.name() + ": stored size unknown: " + QueryRunner.message(e));
      return -1;
    }
  }

  private static String version(Engine engine) {
    try {
      return engine.version();
    } catch (Exception e) {
      return "unknown (" + QueryRunner.message(e) + ")";
    }
  }

  private static EngineRun absent(String name, String why) {
    return new EngineRun(name, "", "", null, why, -1, "", new MemoryReading(OptionalLong.empty(), ""), Map.of());
  }
}
