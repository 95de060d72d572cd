package dev.blueshift.sqltests.slt;

import static org.assertj.core.api.Assertions.fail;

import dev.blueshift.coordinator.server.LocalCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sqllogictest suites of {@code ../shared/sqllogictest} on one real cluster (coordinator + 2
 * workers × 2 slices over gRPC), one dynamic test per file. A file passes when exactly the records
 * in its suite's expected-failures list fail. Options (system properties, see sql-tests/README.md):
 * {@code slt.tier=smoke|full}, {@code slt.suites=id,…}, {@code slt.files=regex},
 * {@code slt.timeout=seconds}, {@code slt.update=true} (rewrite the lists instead of checking). Every
 * failing record's details land in {@code target/slt-failures/<suite>.txt}.
 */
class SqlLogicTest {
  private static final Path SUMMARY = Path.of("target", "slt-summary.md");
  /** Every failing record's details, one file per suite, listed or not. */
  private static final Path DETAILS = Path.of("target", "slt-failures");
  private static final Path LIST_SOURCES = Path.of("src", "test", "resources", ExpectedFailures.RESOURCE_DIR);
  private static final int DETAILS_SHOWN = 10;

  @TempDir
  static Path dir;
  static LocalCluster cluster;
  static ScriptRunner runner;
  static final boolean UPDATE = Boolean.getBoolean("slt.update");
  static final Map<SltSuite, SuiteSummary.Tally> TALLIES = new EnumMap<>(SltSuite.class);
  static final Map<SltSuite, ExpectedFailures> LISTS = new EnumMap<>(SltSuite.class);
  static final Map<SltSuite, Integer> FILE_COUNTS = new EnumMap<>(SltSuite.class);

  @BeforeAll
  static void startCluster() throws IOException {
    cluster = LocalCluster.start(dir.resolve("cluster"), 2, 2, 0);
    Duration timeout = Duration.ofSeconds(Long.getLong("slt.timeout", 30));
    runner = new ScriptRunner(cluster.jdbcUrl(), timeout, KnownDivergences.load(SltFiles.root()));
  }

  @AfterAll
  static void finish() throws IOException {
    if (cluster != null) {
      cluster.close();
    }
    if (TALLIES.isEmpty()) {
      return;
    }
    String table = SuiteSummary.markdown(TALLIES);
    Files.createDirectories(SUMMARY.getParent());
    Files.writeString(SUMMARY, "# sqllogictest pass counts\n\n" + table, StandardCharsets.UTF_8);
    System.out.println("sqllogictest summary (" + SUMMARY + "):\n" + table);
  }

  @TestFactory
  Stream<DynamicNode> sqllogictest() throws IOException {
    Path root = SltFiles.root();
    Pattern only = Pattern.compile(System.getProperty("slt.files", ""));
    List<SltSuite> suites = SltSuite.selected(System.getProperty("slt.suites"), System.getProperty("slt.tier"));
    Stream.Builder<DynamicNode> nodes = Stream.builder();
    for (SltSuite suite : suites) {
      LISTS.put(suite, ExpectedFailures.load(suite.id));
      TALLIES.put(suite, new SuiteSummary.Tally());
      Files.createDirectories(DETAILS);
      Files.deleteIfExists(details(suite));
      Path suiteRoot = suite.root(root);
      List<DynamicTest> files = suite.files(suiteRoot).stream()
          .filter(f -> only.matcher(f).find())
          .map(f -> DynamicTest.dynamicTest(f, suiteRoot.resolve(f).toUri(), () -> runFile(suiteRoot, suite, f)))
          .toList();
      FILE_COUNTS.put(suite, files.size());
      nodes.add(DynamicContainer.dynamicContainer(suite.id, files));
    }
    return nodes.build();
  }

  private static void runFile(Path root, SltSuite suite, String file) throws IOException {
    long start = System.nanoTime();
    FileOutcome outcome;
    try {
      outcome = runner.run(SltParser.parse(root.resolve(file), file), placeholders(root, file));
    } catch (SltSyntaxException e) {
      outcome = new FileOutcome(file, 0, 0, 0, new TreeMap<>(), List.of("unreadable: " + e.getMessage()));
    }
    TALLIES.get(suite).add(outcome, Duration.ofNanos(System.nanoTime() - start));
    writeDetails(suite, outcome);
    ExpectedFailures list = LISTS.get(suite);
    StringBuilder message = new StringBuilder();
    if (UPDATE) {
      list.replaceFile(file, outcome.failures().values());
      writeListWhenSuiteDone(suite);
    } else {
      describe(list.compare(outcome), suite, file, message);
    }
    outcome.problems().forEach(p -> message.append(file).append(": ").append(p).append('\n'));
    if (message.length() > 0) {
      fail(message.toString());
    }
  }

  /**
   * {@code __TEST_DIR__}: an empty folder of the file's own (DuckDB's name for it); {@code __DATA_DIR__}:
   * the Blueshift files' input data ({@code slt/blueshift/data}).
   */
  private static Map<String, String> placeholders(Path root, String file) throws IOException {
    Path testDir = Files.createTempDirectory(dir, "slt-");
    return Map.of("__TEST_DIR__", testDir.toString(),
        "__DATA_DIR__", root.resolve(SltSuite.BLUESHIFT_DIR).resolve("data").toString());
  }

  /** Each suite's list is written as soon as its last file ran, so a stopped long run keeps what it finished. */
  private static void writeListWhenSuiteDone(SltSuite suite) throws IOException {
    if (TALLIES.get(suite).files == FILE_COUNTS.get(suite)) {
      Path path = LIST_SOURCES.resolve(ExpectedFailures.fileName(suite.id));
      LISTS.get(suite).write(path, suite.id);
      System.out.println("rewrote " + path);
    }
  }

  private static Path details(SltSuite suite) {
    return DETAILS.resolve(suite.id + ".txt");
  }

  private static synchronized void writeDetails(SltSuite suite, FileOutcome outcome) throws IOException {
    StringBuilder text = new StringBuilder();
    outcome.failures().values().forEach(f -> text.append(f.detail()).append("\n\n"));
    Files.writeString(details(suite), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private static void describe(ExpectedFailures.Diff diff, SltSuite suite, String file, StringBuilder message) {
    if (diff.isEmpty()) {
      return;
    }
    String listName = "sql-tests/src/test/resources/slt/" + ExpectedFailures.fileName(suite.id);
    if (!diff.unexpected().isEmpty()) {
      message.append(file).append(": ").append(diff.unexpected().size()).append(" failing record(s) not in ")
          .append(listName).append(" (lines ")
          .append(diff.unexpected().stream().map(f -> String.valueOf(f.line())).collect(Collectors.joining(", ")))
          .append(")\n\n");
      diff.unexpected().stream().limit(DETAILS_SHOWN).forEach(f -> message.append(f.detail()).append("\n\n"));
      if (diff.unexpected().size() > DETAILS_SHOWN) {
        message.append("… and ").append(diff.unexpected().size() - DETAILS_SHOWN).append(" more\n\n");
      }
    }
    if (!diff.fixed().isEmpty()) {
      message.append(file).append(": fixed: remove from ").append(listName).append(" the now passing lines ")
          .append(diff.fixed().stream().map(String::valueOf).collect(Collectors.joining(", "))).append('\n');
    }
    message.append("(to accept the current results: -Dslt.update=true, see sql-tests/README.md)\n");
  }
}
