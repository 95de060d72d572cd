package dev.blueshift.sqltests.slt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.coordinator.server.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner against a real cluster, on small scripts written here. */
class ScriptRunnerTest {
  @TempDir
  static Path dir;
  static LocalCluster cluster;
  static ScriptRunner runner;

  @BeforeAll
  static void start() throws Exception {
    cluster = LocalCluster.start(dir.resolve("cluster"), 2, 2, 0);
    runner = new ScriptRunner(cluster.jdbcUrl(), Duration.ofSeconds(60), Set.of("s.test:28"));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static final String SCRIPT = """
      statement ok
      CREATE TABLE t1(a INTEGER, b VARCHAR(10))

      statement ok
      COPY t1 FROM '%s'

      skipif postgresql
      statement ok
      THIS IS NOT SQL

      query IT rowsort
      SELECT a, b FROM t1
      ----
      1
      x
      2
      (empty)

      query I nosort
      SELECT a FROM t1 ORDER BY a
      ----
      2
      1

      statement error
      SELECT a FROM t1

      statement ok
      SELECT nope FROM t1

      query I nosort
      SELECT COUNT(*) FROM t1
      ----
      2 values hashing to 00000000000000000000000000000000
      """;

  @Test
  void reportsEachFailingRecordByLineAndStartsEveryFileFromAnEmptyDatabase() throws Exception {
    Path rows = dir.resolve("t1.tbl");
    java.nio.file.Files.writeString(rows, "1|x\n2|\n");
    SltScript script = SltParser.parse("s.test", SCRIPT.formatted(rows));

    FileOutcome first = runner.run(script);
    // Line 7 is skipped by its condition, line 28 as a known divergence.
    assertThat(first.skipped()).isEqualTo(2);
    assertThat(first.run()).isEqualTo(6);
    assertThat(first.failures().keySet()).containsExactly(19, 25, 31);
    assertThat(first.failures().get(19).reason()).isEqualTo("wrong result");
    assertThat(first.failures().get(19).detail()).startsWith("s.test:19: wrong result\nSQL:\n  SELECT a FROM t1 ORDER BY a")
        .contains("expected:\n  2\n  1\nactual:\n  1\n  2");
    assertThat(first.failures().get(25).detail()).contains("statement error expected, but it succeeded");
    assertThat(first.failures().get(31).detail()).contains("expected: 2 values hashing to 000")
        .contains("actual:   1 values hashing to");
    assertThat(first.problems()).isEmpty();

    // The same CREATE TABLE succeeds again: the first run dropped t1.
    FileOutcome second = runner.run(script);
    assertThat(second.failures().keySet()).containsExactly(19, 25, 31);
    assertThat(second.problems()).isEmpty();
  }

  @Test
  void theCatalogSweepDropsTablesTheRunnerDidNotSeeCreated() {
    // "CREATE TABLE" hidden behind a comment line start is not recognised by the tracker.
    SltScript creates = SltParser.parse("c.test", """
        statement ok
        /* hidden */ CREATE TABLE swept(a INTEGER)
        """);
    assertThat(runner.run(creates).failures()).isEmpty();
    assertThat(runner.run(creates).failures()).isEmpty();
  }

  @Test
  void blueshiftFilesSubstitutePlaceholdersAndCheckTheExpectedErrorMessage() throws Exception {
    java.nio.file.Files.writeString(dir.resolve("p.tbl"), "7|seven\n");
    SltScript script = SltParser.parse("blueshift/p.test", """
        statement ok
        CREATE TABLE p(a INTEGER, b VARCHAR(10))

        statement ok
        COPY p FROM '__DATA_DIR__/p.tbl'

        query IT nosort
        SELECT a, b FROM p
        ----
        7	seven

        statement error
        SELECT nope FROM p
        ----
        nope

        statement error
        SELECT nope FROM p
        ----
        some other message
        """);
    FileOutcome outcome = runner.run(script, java.util.Map.of("__DATA_DIR__", dir.toString()));
    assertThat(outcome.run()).isEqualTo(5);
    assertThat(outcome.failures().keySet()).containsExactly(17);
    assertThat(outcome.failures().get(17).detail()).contains("expected an error containing \"some other message\"");
  }

  @Test
  void aStatementPastTheTimeLimitAbortsTheFileAndTheRestCountsAsNotRun() {
    // A zero limit times out every statement: nothing answers before it was even sent.
    ScriptRunner impatient = new ScriptRunner(cluster.jdbcUrl(), Duration.ZERO, Set.of());
    SltScript script = SltParser.parse("slow.test", """
        statement ok
        CREATE TABLE slow(a INTEGER)

        query I nosort
        SELECT a FROM slow
        ----
        """);
    FileOutcome outcome = impatient.run(script);
    assertThat(outcome.failures().values()).extracting(RecordFailure::reason)
        .containsExactly("timeout after 0 s", "not run: file aborted by the timeout at line 1");
  }
}
