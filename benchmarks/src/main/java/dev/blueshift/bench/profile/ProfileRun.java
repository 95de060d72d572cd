package dev.blueshift.bench.profile;

import dev.blueshift.bench.engine.BlueshiftEngine;
import dev.blueshift.bench.engine.LoadTiming;
import dev.blueshift.bench.measure.QueryOutcome;
import dev.blueshift.bench.measure.QueryRunner;
import dev.blueshift.bench.tpch.TpchDataset;
import dev.blueshift.bench.tpch.TpchQueries;
import dev.blueshift.bench.tpch.TpchSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * {@code benchmarks/run tpch --profile q17[,copy]}: Blueshift alone (its cluster runs in the
 * harness JVM), loaded as the tpch command loads it; each target — a query, or {@code copy} for the
 * load — runs under a JFR recording (the JDK's "profile" settings: a CPU sample of every running
 * Java thread each 10 ms), and the samples are summarised by top frame, by first Blueshift frame
 * and by thread. Each query is warmed up once outside the recording, then run {@code runs} times
 * inside it. The .jfr files are kept for JDK Mission Control or {@code jfr print}.
 */
public final class ProfileRun {
  /** What to profile: {@code targets} are query names (q17, 17) and/or "copy". */
  public record Options(double scaleFactor, Path cacheDir, Path workDir, Path shared, List<String> targets,
      int workers, int slicesPerWorker, int runs, long timeoutSeconds, Path profileDir, int top) {}

  private final Options options;
  private final PrintStream log;

  public ProfileRun(Options options, PrintStream log) {
    this.options = options;
    this.log = log;
  }

  /** Runs the targets; returns the summaries' text files, one per target. */
  public List<Path> run() throws Exception {
    boolean copy = options.targets().stream().anyMatch(t -> t.strip().equalsIgnoreCase("copy"));
    List<String> queryNames = options.targets().stream().filter(t -> !t.strip().equalsIgnoreCase("copy")).toList();
    Map<String, String> queries = queryNames.isEmpty() ? Map.of() : TpchQueries.read(options.shared(), queryNames);
    String label = TpchDataset.label(options.scaleFactor());
    TpchDataset data = TpchDataset.prepare(options.scaleFactor(), options.cacheDir());
    TpchSchema schema = TpchSchema.read(options.shared());
    Files.createDirectories(options.profileDir());
    String base = LocalDate.now().format(DateTimeFormatter.ISO_LOCAL_DATE) + "-sf" + label + "-";
    List<Path> written = new ArrayList<>();
    log.printf("profile, TPC-H SF%s on Blueshift (%d workers x %d slices): %s%n", label, options.workers(),
        options.slicesPerWorker(), String.join(", ", options.targets()));
    try (BlueshiftEngine engine = BlueshiftEngine.start(options.workDir().resolve("blueshift"), options.workers(),
        options.slicesPerWorker())) {
      if (copy) {
        Recording recording = start();
        LoadTiming load;
        try {
          load = engine.load(schema, data);
        } finally {
          recording.stop();
        }
        String what = String.format(Locale.ROOT, "COPY of the 8 tables: %.1f s, %.1f MB/s", load.copySeconds(),
            data.totalBytes() / 1e6 / load.copySeconds());
        written.add(summarize(recording, base + "copy", what));
      } else {
        LoadTiming load = engine.load(schema, data);
        log.printf(Locale.ROOT, "  loaded in %.1f s (not profiled)%n", load.copySeconds());
      }
      try (QueryRunner runner = new QueryRunner(engine::connect, options.timeoutSeconds())) {
        for (Map.Entry<String, String> q : queries.entrySet()) {
          QueryOutcome warm = runner.run(q.getValue(), 0);
          if (!warm.ok()) {
            log.printf("  %s: %s — not profiled%n", q.getKey(), warm.detail());
            continue;
          }
          Recording recording = start();
          QueryOutcome measured;
          try {
            // run(sql, n) runs n + 1 times; all of them fall inside the recording, after the warm-up above
            measured = runner.run(q.getValue(), Math.max(0, options.runs() - 1));
          } finally {
            recording.stop();
          }
          String what = q.getKey() + ": " + options.runs() + " runs inside the recording"
              + (measured.ok() && !measured.runNanos().isEmpty()
                  ? String.format(Locale.ROOT, ", median of the last %d: %.0f ms", measured.runNanos().size(),
                      measured.medianMillis())
                  : measured.ok() ? "" : " (" + measured.detail() + ")");
          written.add(summarize(recording, base + q.getKey(), what));
        }
      }
    }
    return written;
  }

  private static Recording start() throws IOException {
    try {
      Recording recording = new Recording(Configuration.getConfiguration("profile"));
      recording.start();
      return recording;
    } catch (ParseException e) {
      throw new IOException("the JDK's JFR 'profile' settings could not be read: " + e.getMessage(), e);
    }
  }

  private Path summarize(Recording recording, String name, String what) throws IOException {
    Path jfr = options.profileDir().resolve(name + ".jfr");
    try (recording) {
      recording.dump(jfr);
    }
    JfrSummary summary = JfrSummary.read(jfr, options.top());
    String text = what + "\n" + summary.render() + "\nrecording: " + jfr.toAbsolutePath()
        + " (jfr print --events jdk.ExecutionSample " + jfr.getFileName() + ", or JDK Mission Control)\n";
    Path txt = options.profileDir().resolve(name + ".txt");
    Files.writeString(txt, text);
    log.println();
    log.print(text);
    return txt;
  }
}
