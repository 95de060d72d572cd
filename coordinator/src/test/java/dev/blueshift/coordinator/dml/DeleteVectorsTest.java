package dev.blueshift.coordinator.dml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DELETE through delete vectors on a real cluster (2 workers × 2 slices): the segment files stay,
 * a delete-vector file per touched segment comes, every query leaves the deleted rows out, and the
 * vectors survive a restart; statements that fail or roll back leave nothing behind.
 */
class DeleteVectorsTest {
  static final int ROWS = 1000;

  @TempDir
  static Path dir;
  static ClusterSql sql;

  @BeforeAll
  static void start() throws Exception {
    sql = new ClusterSql(dir.resolve("data"));
  }

  @AfterAll
  static void stop() throws Exception {
    sql.close();
  }

  /** k = 1..ROWS, g = k % 4, v = k * 10 (NULL where k % 100 = 0). */
  private static void createNumbers(String table, String distribution) throws Exception {
    sql.exec("CREATE TABLE " + table + " (k INTEGER, g INTEGER, v BIGINT, s VARCHAR(12)) " + distribution);
    StringBuilder values = new StringBuilder();
    for (int k = 1; k <= ROWS; k++) {
      values.append(k > 1 ? ", " : "").append("(").append(k).append(", ").append(k % 4).append(", ")
          .append(k % 100 == 0 ? "NULL" : String.valueOf(k * 10L)).append(", 'row-").append(k).append("')");
    }
    sql.exec("INSERT INTO " + table + " VALUES " + values);
  }

  /** Files of the table (by name, e.g. "t7") under every worker's directory with the suffix. */
  private static List<Path> files(String tableDirectory, String suffix) throws IOException {
    try (Stream<Path> all = Files.walk(dir.resolve("data"))) {
      return all.filter(Files::isRegularFile)
          .filter(p -> p.toString().contains("/tables/" + tableDirectory + "/"))
          .filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  /** The directory name of a table's segments, found from the files of a fresh table. */
  private static String tableDirectory(List<Path> before) throws IOException {
    try (Stream<Path> all = Files.walk(dir.resolve("data"))) {
      List<Path> segs = all.filter(p -> p.getFileName().toString().endsWith(".seg")).filter(p -> !before.contains(p))
          .toList();
      assertThat(segs).isNotEmpty();
      return segs.get(0).getParent().getParent().getFileName().toString();
    }
  }

  private static List<Path> allSegments() throws IOException {
    try (Stream<Path> all = Files.walk(dir.resolve("data"))) {
      return all.filter(p -> p.getFileName().toString().endsWith(".seg")).toList();
    }
  }

  private static String create(String table, String distribution) throws Exception {
    List<Path> before = allSegments();
    createNumbers(table, distribution);
    return tableDirectory(before);
  }

  @Test
  void deletedRowsLeaveEveryQueryWhileTheSegmentsStay() throws Exception {
    String t = create("dv1", "DISTKEY(k) SORTKEY(k)");
    List<Path> segments = files(t, ".seg");
    assertThat(sql.exec("DELETE FROM dv1 WHERE k % 10 = 3")).isEqualTo(100);
    assertThat(files(t, ".seg")).as("no segment rewritten").isEqualTo(segments);
    assertThat(files(t, ".del")).as("one delete vector per segment").hasSameSizeAs(segments);

    assertThat(sql.rows("SELECT COUNT(*), SUM(k), MIN(k), MAX(k), COUNT(v) FROM dv1"))
        .containsExactly("900|450700|1|1000|890");
    assertThat(sql.rows("SELECT k FROM dv1 WHERE k BETWEEN 11 AND 15 ORDER BY k")).containsExactly("11", "12", "14", "15");
    assertThat(sql.rows("SELECT g, COUNT(*) FROM dv1 GROUP BY g ORDER BY g"))
        .containsExactly("0|250", "1|200", "2|250", "3|200");
    assertThat(sql.rows("SELECT COUNT(*) FROM dv1 WHERE s = 'row-13'")).containsExactly("0");
    assertThat(sql.rows("SELECT COUNT(*) FROM dv1 a JOIN dv1 b ON a.k = b.k + 1")).containsExactly("799");
  }

  @Test
  void deletingTwiceCountsOnlyNewRowsAndKeepsEarlierDeletes() throws Exception {
    String t = create("dv2", "DISTSTYLE EVEN");
    assertThat(sql.exec("DELETE FROM dv2 WHERE k <= 100")).isEqualTo(100);
    assertThat(sql.exec("DELETE FROM dv2 WHERE k <= 150 AND g = 0")).isEqualTo(12); // 104..148
    assertThat(sql.exec("DELETE FROM dv2 WHERE k <= 100")).isZero();
    assertThat(sql.rows("SELECT COUNT(*), MIN(k) FROM dv2")).containsExactly("888|101");
    assertThat(sql.rows("SELECT COUNT(*) FROM dv2 WHERE k <= 150")).containsExactly("38");
    assertThat(files(t, ".del").size()).as("old versions stay until garbage collection")
        .isGreaterThan(files(t, ".seg").size());
  }

  @Test
  void updateAfterDeleteSeesOnlyLiveRows() throws Exception {
    create("dv3", "DISTKEY(g)");
    assertThat(sql.exec("DELETE FROM dv3 WHERE g = 1 AND k < 500")).isEqualTo(125);
    assertThat(sql.exec("UPDATE dv3 SET v = -1 WHERE g = 1")).isEqualTo(125);
    assertThat(sql.rows("SELECT COUNT(*), MIN(k) FROM dv3 WHERE v = -1")).containsExactly("125|501");
    assertThat(sql.rows("SELECT COUNT(*) FROM dv3")).containsExactly("875");
    assertThat(sql.exec("DELETE FROM dv3 WHERE v = -1 AND k > 900")).isEqualTo(25);
    assertThat(sql.rows("SELECT COUNT(*) FROM dv3")).containsExactly("850");
  }

  @Test
  void rollbackAndFailedDeletesLeaveNoTrace() throws Exception {
    String t = create("dv4", "DISTKEY(k)");
    try (Connection c = sql.connect(); Statement st = c.createStatement()) {
      ClusterSql.exec(st, "BEGIN");
      assertThat(ClusterSql.exec(st, "DELETE FROM dv4 WHERE k > 990")).isEqualTo(10);
      assertThat(ClusterSql.rows(st, "SELECT COUNT(*) FROM dv4")).containsExactly("990");
      assertThat(sql.rows("SELECT COUNT(*) FROM dv4")).as("not visible outside the transaction").containsExactly("1000");
      assertThat(ClusterSql.exec(st, "DELETE FROM dv4 WHERE k > 980")).isEqualTo(10);
      ClusterSql.exec(st, "ROLLBACK");
    }
    assertThat(sql.rows("SELECT COUNT(*), SUM(k) FROM dv4")).containsExactly("1000|500500");
    try (Connection c = sql.connect(); Statement st = c.createStatement()) {
      ClusterSql.exec(st, "BEGIN");
      assertThat(ClusterSql.exec(st, "DELETE FROM dv4 WHERE k > 995")).isEqualTo(5);
      assertThat(ClusterSql.exec(st, "DELETE FROM dv4 WHERE k > 990")).isEqualTo(5);
      ClusterSql.exec(st, "COMMIT");
    }
    assertThat(sql.rows("SELECT COUNT(*), MAX(k) FROM dv4")).containsExactly("990|990");
    assertThat(sql.exec("INSERT INTO dv4 VALUES (991, 3, 9910, 'back')")).isEqualTo(1);
    sql.fails("DELETE FROM dv4 WHERE 1 / (k - 500) > 0", "22012", "division by zero");
    assertThat(sql.rows("SELECT COUNT(*) FROM dv4")).containsExactly("991");
    int committed = files(t, ".del").size();
    sql.restart();
    List<Path> kept = files(t, ".del");
    assertThat(kept).as("files of rolled-back and failed statements and older versions are garbage")
        .isNotEmpty().hasSizeLessThan(committed).hasSizeLessThan(files(t, ".seg").size());
    assertThat(kept.stream().map(p -> p.toString().substring(0, p.toString().indexOf(".seg."))).distinct())
        .as("one current vector per segment").hasSameSizeAs(kept);
    assertThat(sql.rows("SELECT COUNT(*), MAX(k) FROM dv4")).containsExactly("991|991");
  }

  @Test
  void deletesSurviveARestartAndOnlyCurrentVectorsAreKept() throws Exception {
    String t = create("dv5", "DISTKEY(k) SORTKEY(k)");
    create("dv5all", "DISTSTYLE ALL");
    sql.exec("DELETE FROM dv5 WHERE k % 7 = 0");
    sql.exec("DELETE FROM dv5 WHERE k % 7 = 1");
    assertThat(sql.exec("DELETE FROM dv5all WHERE k > 900")).isEqualTo(100);
    int segments = files(t, ".seg").size();
    sql.restart();
    assertThat(files(t, ".del")).as("one current vector per segment, older versions collected").hasSize(segments);
    assertThat(sql.rows("SELECT COUNT(*), SUM(k) FROM dv5")).containsExactly("715|358215");
    assertThat(sql.rows("SELECT COUNT(*), MAX(k) FROM dv5all")).containsExactly("900|900");
    assertThat(sql.exec("DELETE FROM dv5 WHERE k % 7 = 2")).isEqualTo(143);
    assertThat(sql.rows("SELECT COUNT(*) FROM dv5")).containsExactly("572");
  }

  @Test
  void deletingMostRowsRewritesTheTableAndDropsItsVectors() throws Exception {
    String t = create("dv6", "DISTKEY(k)");
    List<Path> segments = files(t, ".seg");
    sql.exec("DELETE FROM dv6 WHERE k <= 100");
    assertThat(sql.exec("DELETE FROM dv6 WHERE k <= 700")).isEqualTo(600);
    assertThat(files(t, ".seg")).as("rewritten into new segments").hasSizeGreaterThan(segments.size());
    sql.restart();
    assertThat(files(t, ".del")).isEmpty();
    assertThat(files(t, ".seg")).doesNotContainAnyElementsOf(segments);
    assertThat(sql.rows("SELECT COUNT(*), MIN(k) FROM dv6")).containsExactly("300|701");
  }

  @Test
  void aWhollyDeletedSegmentLeavesTheTable() throws Exception {
    String t = create("dv7", "DISTKEY(k)");
    sql.exec("INSERT INTO dv7 VALUES (5000, 0, 1, 'x'), (5001, 1, 1, 'y')");
    int before = files(t, ".seg").size();
    assertThat(sql.exec("DELETE FROM dv7 WHERE k >= 5000")).isEqualTo(2);
    sql.restart();
    assertThat(files(t, ".seg").size()).as("the second INSERT's segments dropped").isLessThan(before);
    assertThat(files(t, ".del")).isEmpty();
    assertThat(sql.rows("SELECT COUNT(*) FROM dv7")).containsExactly("1000");
  }

  @Test
  void conditionsWithSubqueriesStillDelete() throws Exception {
    create("dv8", "DISTKEY(k)");
    sql.exec("CREATE TABLE dv8keys (k INTEGER)");
    sql.exec("INSERT INTO dv8keys VALUES (1), (2), (3)");
    assertThat(sql.exec("DELETE FROM dv8 WHERE k IN (SELECT k FROM dv8keys)")).isEqualTo(3);
    assertThat(sql.exec("DELETE FROM dv8 WHERE k < 10")).isEqualTo(6);
    assertThat(sql.exec("DELETE FROM dv8 WHERE k IN (SELECT k + 9 FROM dv8keys)")).isEqualTo(3);
    assertThat(sql.rows("SELECT COUNT(*), MIN(k) FROM dv8")).containsExactly("988|13");
  }
}
