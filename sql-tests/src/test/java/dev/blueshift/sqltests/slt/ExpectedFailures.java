package dev.blueshift.sqltests.slt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A suite's checked-in list of records known to fail today ({@code file TAB line TAB reason}). A
 * failing record not listed is a regression; a listed record that passes must be removed. Both
 * fail the build. Regenerated with {@code -Dslt.update=true}.
 */
final class ExpectedFailures {
  static final String RESOURCE_DIR = "slt";

  /** File → line → reason, sorted so a rewritten list diffs cleanly. */
  private final SortedMap<String, SortedMap<Integer, String>> entries = new TreeMap<>();

  static String fileName(String suite) {
    return "expected-failures-" + suite + ".tsv";
  }

  /** The list on the test class path; empty when the suite has none yet. */
  static ExpectedFailures load(String suite) throws IOException {
    ExpectedFailures list = new ExpectedFailures();
    try (InputStream in = ExpectedFailures.class.getClassLoader()
        .getResourceAsStream(RESOURCE_DIR + "/" + fileName(suite))) {
      if (in != null) {
        list.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return list;
  }

  static ExpectedFailures parse(String text) {
    ExpectedFailures list = new ExpectedFailures();
    list.read(text);
    return list;
  }

  private void read(String text) {
    text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> {
      String[] cells = l.split("\t", 3);
      if (cells.length < 2) {
        throw new IllegalArgumentException("expected-failures line needs file<TAB>line<TAB>reason: " + l);
      }
      entries.computeIfAbsent(cells[0], f -> new TreeMap<>())
          .put(Integer.parseInt(cells[1].strip()), cells.length > 2 ? cells[2] : "");
    });
  }

  /** Line → reason of the records listed for one file. */
  SortedMap<Integer, String> forFile(String file) {
    return entries.getOrDefault(file, new TreeMap<>());
  }

  int size() {
    return entries.values().stream().mapToInt(Map::size).sum();
  }

  /** What {@code -Dslt.update=true} does for a file that ran: its entries become its failures. */
  void replaceFile(String file, Collection<RecordFailure> failures) {
    entries.remove(file);
    for (RecordFailure f : failures) {
      entries.computeIfAbsent(file, k -> new TreeMap<>()).put(f.line(), f.reason());
    }
  }

  String format(String suite) {
    StringBuilder out = new StringBuilder();
    out.append("# Records of suite ").append(suite).append(" that fail on Blueshift today: file<TAB>record line<TAB>")
        .append("reason.\n# Regenerate (after pulling and rebuilding the engine): see sql-tests/README.md.\n");
    entries.forEach((file, lines) -> lines.forEach((line, reason) ->
        out.append(file).append('\t').append(line).append('\t').append(reason).append('\n')));
    return out.toString();
  }

  void write(Path path, String suite) throws IOException {
    Files.createDirectories(path.getParent());
    Files.writeString(path, format(suite), StandardCharsets.UTF_8);
  }

  /** The differences between a file's run and its listed failures. */
  record Diff(List<RecordFailure> unexpected, List<Integer> fixed) {
    boolean isEmpty() {
      return unexpected.isEmpty() && fixed.isEmpty();
    }
  }

  Diff compare(FileOutcome outcome) {
    SortedMap<Integer, String> listed = forFile(outcome.file());
    List<RecordFailure> unexpected = new ArrayList<>();
    outcome.failures().forEach((line, failure) -> {
      if (!listed.containsKey(line)) {
        unexpected.add(failure);
      }
    });
    List<Integer> fixed = listed.keySet().stream().filter(l -> !outcome.failures().containsKey(l)).toList();
    return new Diff(unexpected, fixed);
  }
}
