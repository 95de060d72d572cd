package dev.blueshift.coordinator.dml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DELETE, UPDATE and TRUNCATE on a real cluster: three-valued WHERE, errors that change nothing, restarts. */
class UpdateDeleteTest {
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

  private static void createNumbers(String table, String distribution) throws Exception {
    sql.exec("CREATE TABLE " + table + " (k INTEGER, v INTEGER, s VARCHAR(4)) " + distribution);
    sql.exec("INSERT INTO " + table + " VALUES (1, 10, 'a'), (2, NULL, 'b'), (3, 30, 'c'), (4, 40, 'd'), (5, NULL, 'e')");
  }

  @Test
  void deleteKeepsRowsWhoseConditionIsFalseOrNull() throws Exception {
    createNumbers("d1", "DISTKEY(k)");
    assertThat(sql.exec("DELETE FROM d1 WHERE v > 20")).isEqualTo(2);
    assertThat(sql.rows("SELECT k FROM d1 ORDER BY k")).containsExactly("1", "2", "5");
    assertThat(sql.exec("DELETE FROM d1 AS x WHERE x.s = 'zzz'")).isEqualTo(0);
    assertThat(sql.exec("DELETE FROM d1 WHERE v IS NULL")).isEqualTo(2);
    assertThat(sql.rows("SELECT k, v FROM d1")).containsExactly("1|10");
    assertThat(sql.exec("DELETE FROM d1")).isEqualTo(1);
    assertThat(sql.rows("SELECT COUNT(*) FROM d1")).containsExactly("0");
  }

  @Test
  void updateSetsOnlyMatchingRowsAndMovesChangedDistKeys() throws Exception {
    createNumbers("u1", "DISTKEY(k) SORTKEY(k)");
    assertThat(sql.exec("UPDATE u1 SET v = v * 2, s = s || 'x' WHERE k <= 3")).isEqualTo(3);
    assertThat(sql.rows("SELECT k, v, s FROM u1 ORDER BY k"))
        .containsExactly("1|20|ax", "2|null|bx", "3|60|cx", "4|40|d", "5|null|e");
    // the new value is computed only where the condition holds: no division by zero
    sql.exec("UPDATE u1 SET v = 0 WHERE k = 4");
    assertThat(sql.exec("UPDATE u1 SET v = 100 / v WHERE v <> 0")).isEqualTo(2);
    assertThat(sql.exec("UPDATE u1 SET k = k + 100")).isEqualTo(5);
    assertThat(sql.rows("SELECT k, v FROM u1 WHERE k = 103")).containsExactly("103|1");
    assertThat(sql.rows("SELECT COUNT(*), SUM(k) FROM u1")).containsExactly("5|515");
  }

  @Test
  void failedUpdateOrDeleteLeavesTheTableAsItWas() throws Exception {
    createNumbers("f1", "DISTSTYLE EVEN");
    sql.fails("UPDATE f1 SET s = 'toolong'", "22001", "column \"s\"", "toolong");
    sql.fails("UPDATE f1 SET v = 2147483647 + v WHERE k = 1", "22003");
    sql.fails("UPDATE f1 SET nope = 1", "42703", "nope");
    sql.fails("UPDATE f1 SET v = DATE '2020-01-01'", "42804", "column \"v\"");
    sql.fails("DELETE FROM f1 WHERE nope = 1", "42703", "nope");
    sql.fails("DELETE FROM nothere WHERE k = 1", "42P01", "nothere");
    assertThat(sql.rows("SELECT k, v, s FROM f1 ORDER BY k"))
        .containsExactly("1|10|a", "2|null|b", "3|30|c", "4|40|d", "5|null|e");
  }

  @Test
  void truncateEmptiesAndChangesSurviveARestart() throws Exception {
    createNumbers("r1", "DISTSTYLE ALL");
    createNumbers("r2", "DISTKEY(s)");
    sql.exec("UPDATE r1 SET s = 'new' WHERE k = 2");
    sql.exec("DELETE FROM r1 WHERE k = 5");
    assertThat(sql.exec("INSERT INTO r1 VALUES (6, 60, 'f')")).isEqualTo(1);
    sql.exec("TRUNCATE r2");
    sql.exec("CREATE TABLE r3 (k INTEGER) DISTSTYLE ALL");
    sql.exec("INSERT INTO r3 VALUES (1), (2), (3)");
    assertThat(sql.exec("DELETE FROM r3")).isEqualTo(3);
    sql.restart();
    assertThat(sql.rows("SELECT k, v, s FROM r1 ORDER BY k"))
        .containsExactly("1|10|a", "2|null|new", "3|30|c", "4|40|d", "6|60|f");
    assertThat(sql.rows("SELECT COUNT(*) FROM r2")).containsExactly("0");
    sql.exec("INSERT INTO r2 SELECT * FROM r1 WHERE k > 3");
    assertThat(sql.rows("SELECT k FROM r2 ORDER BY k")).containsExactly("4", "6");
  }
}
