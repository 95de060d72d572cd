package dev.blueshift.coordinator.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.coordinator.dml.ClusterSql;
import dev.blueshift.worker.exec.spill.SpillFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spill acceptance: on a real cluster (coordinator + 2 workers x 2 slices) a per-query memory
 * limit far below the state of a query (8 MB per node against tens of MB) makes its hash
 * aggregates, hash joins and sorts spill, and the answers are exactly the unlimited ones; a query
 * whose memory cannot spill fails with 53200.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryMemoryLimitTest {
  private static final int ROWS_PER_INSERT = 100_000;
  private static final int INSERTS = 4;

  @TempDir
  static Path dir;
  private ClusterSql sql;

  @BeforeAll
  void load() throws Exception {
    sql = new ClusterSql(dir);
    sql.exec("CREATE TABLE d (i INTEGER) DISTSTYLE ALL");
    StringBuilder digits = new StringBuilder("INSERT INTO d VALUES (0)");
    for (int i = 1; i < 1000; i++) {
      digits.append(", (").append(i).append(')');
    }
    sql.exec(digits.toString());
    sql.exec("CREATE TABLE t (k BIGINT, g VARCHAR(20), v BIGINT, x INTEGER) DISTKEY(k)");
    // several inserts keep segment blocks (a scan's batch) small next to the limit
    for (int n = 0; n < INSERTS; n++) {
      long base = (long) n * ROWS_PER_INSERT;
      sql.exec("INSERT INTO t SELECT i, 'g' || CAST(i % 150000 AS VARCHAR), i % 1000, CAST(i % 97 AS INTEGER) FROM "
          + "(SELECT CAST(a.i AS BIGINT) * 1000 + b.i + " + base + " AS i FROM d a, d b WHERE a.i < "
          + ROWS_PER_INSERT / 1000 + ") s");
    }
    assertThat(sql.rows("SELECT COUNT(*), COUNT(DISTINCT g) FROM t")).containsExactly(ROWS_PER_INSERT * INSERTS + "|150000");
  }

  @AfterAll
  void stop() throws Exception {
    sql.close();
  }

  /** The rows with and without an 8 MB limit; asserts the limited run spilled. */
  private List<List<String>> unlimitedAndLimited(String query) throws Exception {
    sql.exec("RESET query_memory_limit");
    List<String> unlimited = sql.rows(query);
    sql.exec("SET query_memory_limit = '8MB'");
    long spillsBefore = SpillFile.filesCreated();
    List<String> limited = sql.rows(query);
    sql.exec("RESET query_memory_limit");
    assertThat(SpillFile.filesCreated()).as("spill files written under the limit").isGreaterThan(spillsBefore);
    assertThat(spillFilesLeft()).as("spill files left behind").isEmpty();
    return List.of(unlimited, limited);
  }

  private static String digest(List<String> rows) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (String r : rows) {
      sha.update(r.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
    }
    return rows.size() + " rows, sha-256 " + HexFormat.of().formatHex(sha.digest());
  }

  private static List<String> sorted(List<String> rows) {
    List<String> s = new ArrayList<>(rows);
    Collections.sort(s);
    return s;
  }

  private void assertSameRows(String query, int expectedRows) throws Exception {
    List<List<String>> runs = unlimitedAndLimited(query);
    assertThat(runs.get(0)).hasSize(expectedRows);
    assertThat(digest(sorted(runs.get(1)))).isEqualTo(digest(sorted(runs.get(0))));
  }

  private List<Path> spillFilesLeft() throws Exception {
    List<Path> left = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      files.filter(p -> p.getFileName().toString().endsWith(".arrows")).forEach(left::add);
    }
    return left;
  }

  @Test
  void largeGroupByWithStringKeys() throws Exception {
    assertSameRows("SELECT g, COUNT(*), SUM(v), MIN(x), MAX(k), AVG(v), MAX(g) FROM t GROUP BY g", 150_000);
  }

  @Test
  void largeGroupByWithCountDistinct() throws Exception {
    assertSameRows("SELECT g, COUNT(DISTINCT x), COUNT(*) FROM t GROUP BY g", 150_000);
  }

  @Test
  void largeGroupByWithStringKeysAndCountDistinct() throws Exception {
    assertSameRows("SELECT g, COUNT(*), SUM(v), MIN(x), MAX(k), AVG(v), COUNT(DISTINCT x), MAX(g) FROM t GROUP BY g",
        150_000);
  }

  @Test
  void largeInnerJoin() throws Exception {
    assertSameRows("SELECT a.k, a.g, b.k, b.v, b.g FROM t a JOIN t b ON a.k = b.k * 4", 100_000);
  }

  @Test
  void largeLeftOuterJoin() throws Exception {
    assertSameRows("SELECT a.k, b.g FROM t a LEFT JOIN t b ON a.k = b.v * 1000 + b.x AND a.x < 40",
        joinRowsExpected());
  }

  private int joinRowsExpected() throws Exception {
    return Integer.parseInt(sql.rows("SELECT COUNT(*) FROM t a LEFT JOIN t b ON a.k = b.v * 1000 + b.x AND a.x < 40").get(0));
  }

  @Test
  void largeOrderBy() throws Exception {
    List<List<String>> runs = unlimitedAndLimited("SELECT g, k, v FROM t ORDER BY g DESC, k LIMIT 120000 OFFSET 1000");
    assertThat(runs.get(0)).hasSize(120_000);
    assertThat(digest(runs.get(1))).isEqualTo(digest(runs.get(0)));
  }

  @Test
  void memoryThatCannotSpillFailsWith53200() throws Exception {
    sql.exec("SET query_memory_limit = '8MB'");
    try {
      // a window over one partition holds its whole input: 400k rows do not fit in 8 MB
      sql.fails("SELECT k, g, SUM(v) OVER (ORDER BY k ROWS UNBOUNDED PRECEDING) FROM t", "53200",
          "query needs more than 8 MB of memory in operator", "raise query_memory_limit");
    } finally {
      sql.exec("RESET query_memory_limit");
    }
    // and the session goes on
    assertThat(sql.rows("SELECT COUNT(*) FROM t")).containsExactly(String.valueOf(ROWS_PER_INSERT * INSERTS));
  }

  @Test
  void theLimitIsASessionSetting() throws Exception {
    sql.exec("SET query_memory_limit = '64MB'");
    assertThat(sql.rows("SHOW query_memory_limit")).containsExactly("64MB");
    sql.fails("SET query_memory_limit = 'lots'", "22023", "query_memory_limit");
    sql.exec("RESET query_memory_limit");
  }
}
