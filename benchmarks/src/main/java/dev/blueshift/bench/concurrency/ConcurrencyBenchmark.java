package dev.blueshift.bench.concurrency;

import dev.blueshift.bench.engine.BlueshiftEngine;
import dev.blueshift.bench.engine.DuckDbEngine;
import dev.blueshift.bench.engine.Engine;
import dev.blueshift.bench.engine.LoadTiming;
import dev.blueshift.bench.engine.MemoryReading;
import dev.blueshift.bench.engine.PostgresEngine;
import dev.blueshift.bench.engine.PostgresInstance;
import dev.blueshift.bench.measure.QueryOutcome;
import dev.blueshift.bench.measure.QueryRunner;
import dev.blueshift.bench.report.MachineInfo;
import dev.blueshift.bench.tpch.TpchDataset;
import dev.blueshift.bench.tpch.TpchQueries;
import dev.blueshift.bench.tpch.TpchSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The concurrent-clients scenario: one TPC-H data set (the {@code tpch} command's cache), then
 * each engine in turn — started, loaded, every query run once by a single client (its answers
 * become the reference each concurrent answer is checked against; a query that fails here is left
 * out of that engine's mix), then the mix run by each client count for the window.
 */
public final class ConcurrencyBenchmark {
  /** What to run; {@code engines} holds lower-case names: blueshift, duckdb, postgres. */
  public record Options(double scaleFactor, Path cacheDir, Path workDir, Path shared, Set<String> engines,
      List<String> queries, List<Integer> clientCounts, Duration window, long timeoutSeconds, long seed,
      int workers, int slicesPerWorker, Path postgresBin) {}

  private final Options options;
  private final PrintStream log;

  public ConcurrencyBenchmark(Options options, PrintStream log) {
    this.options = options;
    this.log = log;
  }

  public ConcurrencyResult run() throws IOException {
    LocalDateTime started = LocalDateTime.now();
    MachineInfo machine = MachineInfo.current();
    long t0 = System.nanoTime();
    TpchDataset data = TpchDataset.prepare(options.scaleFactor(), options.cacheDir());
    log.printf("concurrency, TPC-H SF%s: data in %s (%.1f MB)%n", TpchDataset.label(options.scaleFactor()),
        data.dir(), data.totalBytes() / 1e6);
    TpchSchema schema = TpchSchema.read(options.shared());
    Map<String, String> queries = TpchQueries.read(options.shared(), options.queries());
    Files.createDirectories(options.workDir());
    int cores = Runtime.getRuntime().availableProcessors();
    List<ConcurrencyResult.EngineMix> engines = new ArrayList<>();
    if (options.engines().contains("blueshift")) {
      engines.add(measure("Blueshift", () -> BlueshiftEngine.start(options.workDir().resolve("blueshift"),
          options.workers(), options.slicesPerWorker()), schema, data, queries));
    }
    if (options.engines().contains("duckdb")) {
      engines.add(measure("DuckDB", () -> DuckDbEngine.start(options.workDir().resolve("duckdb"), cores),
          schema, data, queries));
    }
    if (options.engines().contains("postgres")) {
      Optional<Path> bin = PostgresInstance.binaries(options.postgresBin());
      if (bin.isEmpty()) {
        engines.add(absent("PostgreSQL", "not run: no PostgreSQL binaries in " + options.postgresBin()));
      } else {
        engines.add(measure("PostgreSQL", () -> PostgresEngine.start(bin.get(), cores, options.timeoutSeconds()),
            schema, data, queries));
      }
    }
    return new ConcurrencyResult(started, TpchDataset.label(options.scaleFactor()), machine, data.totalBytes(),
        options.window(), options.timeoutSeconds(), options.seed(), options.clientCounts(), engines,
        (System.nanoTime() - t0) / 1e9);
  }

  @FunctionalInterface
  private interface Starter {
    Engine start() throws Exception;
  }

  private ConcurrencyResult.EngineMix measure(String name, Starter starter, TpchSchema schema, TpchDataset data,
      Map<String, String> queries) {
    log.println(name + ": starting");
    Engine engine;
    try {
      engine = starter.start();
    } catch (Exception e) {
      log.println(name + ": could not start: " + QueryRunner.message(e));
      return absent(name, "could not start: " + QueryRunner.message(e));
    }
    try (engine) {
      String version;
      try {
        version = engine.version();
      } catch (Exception e) {
        version = "unknown (" + QueryRunner.message(e) + ")";
      }
      LoadTiming load;
      try {
        load = engine.load(schema, data);
      } catch (Exception e) {
        log.println(name + ": load failed: " + QueryRunner.message(e));
        return new ConcurrencyResult.EngineMix(name, version, engine.settings(), null, List.of(), Map.of(), List.of(),
            engine.peakMemory(), "load failed: " + QueryRunner.message(e));
      }
      log.printf(Locale.ROOT, "%s: loaded in %.1f s; single-client warm-up of every query%n", name, load.copySeconds());
      Map<String, String> mix = new LinkedHashMap<>();
      Map<String, List<String>> answers = new LinkedHashMap<>();
      Map<String, String> excluded = new LinkedHashMap<>();
      try (QueryRunner runner = new QueryRunner(engine::connect, options.timeoutSeconds())) {
        for (Map.Entry<String, String> q : queries.entrySet()) {
          QueryOutcome warm = runner.run(q.getValue(), 0);
          if (warm.ok()) {
            mix.put(q.getKey(), q.getValue());
            answers.put(q.getKey(), warm.answer());
          } else {
            excluded.put(q.getKey(), warm.status().name().toLowerCase(Locale.ROOT) + ": " + warm.detail());
            log.printf("  %s %s left out of the mix: %s%n", name, q.getKey(), warm.detail());
          }
        }
      }
      List<MixResult> runs = new ArrayList<>();
      for (int clients : options.clientCounts()) {
        if (mix.isEmpty()) {
          break;
        }
        MixResult r;
        try {
          r = ClientMix.run(engine::connect, mix, answers,
              new ClientMix.Options(clients, options.window(), options.timeoutSeconds(), options.seed()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        runs.add(r);
        log.printf(Locale.ROOT, "  %s %2d clients: %.1f queries/min, p50 %.0f ms, p95 %.0f ms, %d errors, %d timeouts,"
            + " %d wrong answers, %d cut at the end%n", name, clients, r.queriesPerMinute(), r.percentileMillis(50),
            r.percentileMillis(95), r.errors().size(), r.timeouts().size(), r.wrongAnswers().size(), r.unfinished());
        if (r.abandoned() != null) {
          log.println("  " + name + ": " + r.abandoned() + "; no more client counts on this engine");
          break;
        }
      }
      return new ConcurrencyResult.EngineMix(name, version, engine.settings(), load.copySeconds(),
          List.copyOf(mix.keySet()), excluded, runs, engine.peakMemory(), null);
    }
  }

  private static ConcurrencyResult.EngineMix absent(String name, String why) {
    return new ConcurrencyResult.EngineMix(name, "", "", null, List.of(), Map.of(), List.of(),
        new MemoryReading(OptionalLong.empty(), ""), why);
  }
}
