package dev.blueshift.bench.concurrency;

import dev.blueshift.bench.report.MachineInfo;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The Markdown and CSV reports of a concurrent-clients run. */
public final class ConcurrencyReport {
  private static final int MAX_MESSAGES = 20;

  private ConcurrencyReport() {}

  public static String markdown(ConcurrencyResult r, String command) {
    StringBuilder md = new StringBuilder();
    List<String> names = r.engines().stream().map(ConcurrencyResult.EngineMix::name).toList();
    md.append("# Concurrent clients, TPC-H SF").append(r.scaleLabel()).append(": ").append(String.join(" vs ", names))
        .append("\n\n");
    MachineInfo m = r.machine();
    md.append("Run ").append(r.started().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))).append(" at commit `")
        .append(m.commit()).append("` with `").append(command).append("`.\n\n");
    md.append("- Machine: ").append(m.cpu()).append(", ").append(m.cores()).append(" cores, ")
        .append(String.format(Locale.ROOT, "%.1f", m.memoryBytes() / 1073741824.0)).append(" GiB RAM; ")
        .append(m.os()).append("; ").append(m.java()).append("; load average at start ").append(m.loadAverage())
        .append('\n');
    md.append("- Method: per engine (one at a time), load the data, run every query once on one connection (its answer"
        + " is the reference; a query that fails there is left out of that engine's mix), then for each client count"
        + " N: N clients, each on its own connection, each cycling through the mix in its own shuffled order (seed ")
        .append(r.seed()).append(" + client number), for a window of ").append(seconds(r.window().toNanos() / 1e9))
        .append(" s. Every client connects before the window starts. Queries/min counts the queries that returned the"
            + " reference answer inside the window; latency is from execute until the last row is read and"
            + " formatted for the answer check. A query still running when the window closes is cancelled and not"
            + " counted (\"cut\"); one past the per-query timeout (")
        .append(r.timeoutSeconds()).append(" s) is cancelled and counted as a timeout.\n");
    md.append("- Input: ").append(String.format(Locale.ROOT, "%.1f", r.inputBytes() / 1e6))
        .append(" MB of .tbl text from io.trino.tpch (the tpch command's cache).\n");
    md.append("- The whole run took ").append(String.format(Locale.ROOT, "%.1f", r.elapsedSeconds() / 60))
        .append(" minutes.\n\n");

    md.append("## Queries per minute\n\n| clients |");
    for (String n : names) {
      md.append(' ').append(n).append(" |");
    }
    boolean ratio = names.contains("Blueshift") && names.contains("DuckDB");
    if (ratio) {
      md.append(" Blueshift/DuckDB |");
    }
    md.append("\n|--:|");
    md.append("--:|".repeat(names.size() + (ratio ? 1 : 0))).append('\n');
    for (int clients : r.clientCounts()) {
      md.append("| ").append(clients).append(" |");
      for (ConcurrencyResult.EngineMix e : r.engines()) {
        MixResult x = e.at(clients);
        md.append(' ').append(x == null ? "" : qpm(x.queriesPerMinute())).append(" |");
      }
      if (ratio) {
        MixResult b = engine(r, "Blueshift").at(clients);
        MixResult d = engine(r, "DuckDB").at(clients);
        md.append(' ').append(b != null && d != null && d.queriesPerMinute() > 0
            ? String.format(Locale.ROOT, "%.3f", b.queriesPerMinute() / d.queriesPerMinute()) : "").append(" |");
      }
      md.append('\n');
    }

    md.append("\n## Latency and failures\n\n");
    md.append("| engine | clients | completed | queries/min | p50 ms | p95 ms | errors | timeouts | wrong answers | cut |\n");
    md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (ConcurrencyResult.EngineMix e : r.engines()) {
      if (e.problem() != null) {
        md.append("| ").append(e.name()).append(" | ").append(e.problem()).append(" | | | | | | | | |\n");
        continue;
      }
      for (MixResult x : e.runs()) {
        md.append("| ").append(e.name()).append(" | ").append(x.clients()).append(" | ").append(x.completions().size())
            .append(" | ").append(qpm(x.queriesPerMinute())).append(" | ").append(ms(x.percentileMillis(50)))
            .append(" | ").append(ms(x.percentileMillis(95))).append(" | ").append(x.errors().size()).append(" | ")
            .append(x.timeouts().size()).append(" | ").append(x.wrongAnswers().size()).append(" | ")
            .append(x.unfinished()).append(" |\n");
      }
    }

    appendPerQuery(md, r);

    md.append("\n## Engines\n\n");
    for (ConcurrencyResult.EngineMix e : r.engines()) {
      md.append("- **").append(e.name()).append("** ").append(e.version());
      if (e.problem() != null) {
        md.append(": ").append(e.problem()).append('\n');
        continue;
      }
      md.append(": ").append(e.settings()).append(". COPY ").append(seconds(e.loadSeconds())).append(" s. Peak memory ")
          .append(e.memory().bytes().isPresent()
              ? String.format(Locale.ROOT, "%.0f MiB", e.memory().bytes().getAsLong() / 1048576.0) : "?")
          .append(" (").append(e.memory().how()).append("). Mix: ").append(e.mix().size()).append(" queries");
      if (!e.excluded().isEmpty()) {
        md.append("; left out: ");
        List<String> out = new ArrayList<>();
        e.excluded().forEach((q, why) -> out.add(q + " (" + why + ")"));
        md.append(String.join(", ", out));
      }
      md.append(".");
      for (MixResult x : e.runs()) {
        if (x.abandoned() != null) {
          md.append(" At ").append(x.clients()).append(" clients: ").append(x.abandoned()).append('.');
        }
      }
      md.append('\n');
    }
    appendMessages(md, r);
    md.append("\nCSV with the per-query figures: same name as this file with .csv.\n");
    return md.toString();
  }

  /** Median latency of each query per engine and client count: which queries slow down under load. */
  private static void appendPerQuery(StringBuilder md, ConcurrencyResult r) {
    List<String> columns = new ArrayList<>();
    List<MixResult> results = new ArrayList<>();
    for (ConcurrencyResult.EngineMix e : r.engines()) {
      for (MixResult x : e.runs()) {
        columns.add(e.name() + " " + x.clients());
        results.add(x);
      }
    }
    if (results.isEmpty()) {
      return;
    }
    TreeSet<String> queries = new TreeSet<>();
    r.engines().forEach(e -> queries.addAll(e.mix()));
    md.append("\n## Median latency per query (ms; engine and client count)\n\n| query |");
    columns.forEach(c -> md.append(' ').append(c).append(" |"));
    md.append("\n|---|").append("--:|".repeat(columns.size())).append('\n');
    for (String q : queries) {
      md.append("| ").append(q).append(" |");
      for (MixResult x : results) {
        List<Long> lat = x.latenciesByQuery().get(q);
        md.append(' ').append(lat == null ? "" : ms(MixResult.percentileMillis(toArray(lat), 50))).append(" |");
      }
      md.append('\n');
    }
  }

  private static void appendMessages(StringBuilder md, ConcurrencyResult r) {
    Map<String, Integer> messages = new LinkedHashMap<>();
    for (ConcurrencyResult.EngineMix e : r.engines()) {
      for (MixResult x : e.runs()) {
        for (MixResult.Failure f : x.errors()) {
          messages.merge(e.name() + " " + f.query() + " error: " + f.detail(), 1, Integer::sum);
        }
        for (MixResult.Failure f : x.wrongAnswers()) {
          messages.merge(e.name() + " " + f.query() + " answer differs from its single-client answer: " + f.detail(), 1,
              Integer::sum);
        }
      }
    }
    if (messages.isEmpty()) {
      return;
    }
    md.append("\n## Errors and wrong answers\n\n");
    int shown = 0;
    for (Map.Entry<String, Integer> m : messages.entrySet()) {
      if (shown++ == MAX_MESSAGES) {
        md.append("- … ").append(messages.size() - MAX_MESSAGES).append(" more distinct messages in the run's output\n");
        break;
      }
      md.append("- ").append(m.getKey()).append(m.getValue() > 1 ? " (" + m.getValue() + " times)" : "").append('\n');
    }
  }

  /** One row per engine, client count and query, plus an ALL row per engine and client count. */
  public static String csv(ConcurrencyResult r) {
    StringBuilder csv = new StringBuilder(
        "engine,clients,query,completed,queries_per_min,p50_ms,p95_ms,errors,timeouts,wrong_answers,cut,window_s\n");
    for (ConcurrencyResult.EngineMix e : r.engines()) {
      for (MixResult x : e.runs()) {
        double window = x.windowNanos() / 1e9;
        csv.append(e.name()).append(',').append(x.clients()).append(",ALL,").append(x.completions().size()).append(',')
            .append(String.format(Locale.ROOT, "%.2f", x.queriesPerMinute())).append(',')
            .append(num(x.percentileMillis(50))).append(',').append(num(x.percentileMillis(95))).append(',')
            .append(x.errors().size()).append(',').append(x.timeouts().size()).append(',')
            .append(x.wrongAnswers().size()).append(',').append(x.unfinished()).append(',')
            .append(String.format(Locale.ROOT, "%.1f", window)).append('\n');
        Map<String, List<Long>> byQuery = x.latenciesByQuery();
        for (String q : e.mix()) {
          long[] lat = toArray(byQuery.getOrDefault(q, List.of()));
          csv.append(e.name()).append(',').append(x.clients()).append(',').append(q).append(',').append(lat.length)
              .append(',').append(String.format(Locale.ROOT, "%.2f", lat.length * 60e9 / x.windowNanos())).append(',')
              .append(num(MixResult.percentileMillis(lat, 50))).append(',')
              .append(num(MixResult.percentileMillis(lat, 95))).append(',')
              .append(MixResult.count(x.errors(), q)).append(',').append(MixResult.count(x.timeouts(), q)).append(',')
              .append(MixResult.count(x.wrongAnswers(), q)).append(",,")
              .append(String.format(Locale.ROOT, "%.1f", window)).append('\n');
        }
      }
    }
    return csv.toString();
  }

  private static ConcurrencyResult.EngineMix engine(ConcurrencyResult r, String name) {
    return r.engines().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }

  private static long[] toArray(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  private static String qpm(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
  }

  private static String ms(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String seconds(Double s) {
    return s == null ? "?" : String.format(Locale.ROOT, "%.1f", s);
  }
}
