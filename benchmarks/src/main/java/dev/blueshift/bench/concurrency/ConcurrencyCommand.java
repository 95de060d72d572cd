package dev.blueshift.bench.concurrency;

import dev.blueshift.bench.engine.PostgresInstance;
import dev.blueshift.bench.tpch.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code benchmarks concurrency}: N clients running the TPC-H mix; queries per minute per engine and N. */
@Command(name = "concurrency", mixinStandardHelpOptions = true,
    description = "Concurrent clients (default 1, 4, 16) running the TPC-H mix for a window: queries/minute,"
        + " p50/p95 latency, errors; Blueshift vs DuckDB (and PostgreSQL if asked).")
public final class ConcurrencyCommand implements Callable<Integer> {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--sf", description = "scale factor (default 1)")
  double scaleFactor = 1;

  @Option(names = "--clients", split = ",", description = "client counts, each run in turn (default 1,4,16)")
  List<Integer> clients = List.of(1, 4, 16);

  @Option(names = "--duration", converter = DurationConverter.class,
      description = "window per client count: 60s, 2m, 500ms (default 60s)")
  Duration window = Duration.ofSeconds(60);

  @Option(names = "--engines", split = ",", description = "engines to run (default blueshift,duckdb; postgres too if named)")
  List<String> engines = List.of("blueshift", "duckdb");

  @Option(names = "--queries", split = ",", description = "the mix, e.g. q01,q06 (default all 22)")
  List<String> queries = List.of();

  @Option(names = "--timeout", description = "per-query timeout in seconds (default 120)")
  long timeoutSeconds = 120;

  @Option(names = "--seed", description = "seed of the clients' shuffled orders (default 1)")
  long seed = 1;

  @Option(names = "--workers", description = "Blueshift workers (default 2)")
  int workers = 2;

  @Option(names = "--slices", description = "Blueshift slices per worker (default 2)")
  int slices = 2;

  @Option(names = "--cache-dir", description = "where generated .tbl files are kept (default ~/.cache/blueshift-bench/tpch)")
  Path cacheDir = dev.blueshift.bench.tpch.TpchCommand.defaultCache();

  @Option(names = "--out", description = "report directory (default benchmarks/results)")
  Path out = Path.of("benchmarks/results");

  @Option(names = "--shared", description = "the shared folder with tpch/ (default: found above the working directory)")
  Path shared;

  @Option(names = "--postgres-bin", description = "PostgreSQL binaries (default /usr/lib/postgresql/15/bin)")
  Path postgresBin = PostgresInstance.DEFAULT_BIN;

  @Override
  public Integer call() throws IOException {
    Set<String> chosen = new LinkedHashSet<>();
    for (String e : engines) {
      String name = e.strip().toLowerCase(Locale.ROOT);
      if (!Set.of("blueshift", "duckdb", "postgres").contains(name)) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "unknown engine '" + e + "' (use blueshift, duckdb, postgres)");
      }
      chosen.add(name);
    }
    if (clients.isEmpty() || clients.stream().anyMatch(n -> n < 1)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--clients needs counts of at least 1");
    }
    Path sharedDir = shared != null ? shared : SharedFiles.find(Path.of(""));
    Path work = Files.createTempDirectory("blueshift-bench-concurrency");
    ConcurrencyResult result;
    try {
      result = new ConcurrencyBenchmark(new ConcurrencyBenchmark.Options(scaleFactor, cacheDir, work, sharedDir, chosen,
          queries, clients, window, timeoutSeconds, seed, workers, slices, postgresBin), System.out).run();
    } finally {
      deleteTree(work);
    }
    Files.createDirectories(out);
    String base = result.started().format(DateTimeFormatter.ISO_LOCAL_DATE) + "-concurrency-sf" + result.scaleLabel();
    String command = "benchmarks/run " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    Files.writeString(out.resolve(base + ".md"), ConcurrencyReport.markdown(result, command));
    Files.writeString(out.resolve(base + ".csv"), ConcurrencyReport.csv(result));
    System.out.println("report: " + out.resolve(base + ".md") + " (+ .csv)");
    return 0;
  }

  /** Parses 60s, 2m, 1.5min, 500ms, 1h; a bare number is seconds. */
  static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 60s, 2m, 500ms)");
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double millis = switch (unit) {
      case "ms" -> amount;
      case "s" -> amount * 1_000;
      case "m", "min" -> amount * 60_000;
      default -> amount * 3_600_000;
    };
    if (millis < 1) {
      throw new IllegalArgumentException("duration too short: '" + text + "'");
    }
    return Duration.ofMillis(Math.round(millis));
  }

  /** picocli's converter for {@code --duration}. */
  public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return parseDuration(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
