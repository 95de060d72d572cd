package dev.blueshift.bench.tpch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The 22 queries of ../shared/tpch/queries (q01 … q22), run unchanged on every engine. */
public final class TpchQueries {
  private TpchQueries() {}

  /** Query name to SQL text (trailing semicolon removed), in order; {@code only} empty means all. */
  public static Map<String, String> read(Path shared, List<String> only) throws IOException {
    Map<String, String> queries = new LinkedHashMap<>();
    for (String name : only.isEmpty() ? allNames() : normalize(only)) {
      Path file = shared.resolve("tpch/queries/" + name + ".sql");
      if (!Files.exists(file)) {
        throw new IllegalArgumentException("no TPC-H query " + name + " (" + file + ")");
      }
      queries.put(name, Files.readString(file).strip().replaceAll(";\\s*$", ""));
    }
    return queries;
  }

  /** The expected answer of the shared reference at this scale, when one exists (SF0.01 only). */
  public static Optional<List<String>> referenceAnswer(Path shared, String scaleLabel, String name) throws IOException {
    Path file = shared.resolve("tpch/answers-sf" + scaleLabel + "/" + name + ".txt");
    return Files.exists(file) ? Optional.of(Files.readAllLines(file)) : Optional.empty();
  }

  static List<String> allNames() {
    List<String> names = new ArrayList<>();
    for (int q = 1; q <= 22; q++) {
      names.add(String.format("q%02d", q));
    }
    return names;
  }

  /** Accepts 1, q1, Q01 and q01 for the same query. */
  static List<String> normalize(List<String> names) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      String digits = n.strip().toLowerCase().replaceFirst("^q", "");
      out.add(String.format("q%02d", Integer.parseInt(digits)));
    }
    return out;
  }
}
