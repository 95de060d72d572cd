package dev.blueshift.coordinator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.coordinator.dml.ClusterSql;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQL semantics that the differential tests found wrong once, on a real 2-worker cluster. */
class SqlSemanticsTest {
  @TempDir
  static Path dir;
  static ClusterSql cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = new ClusterSql(dir);
    cluster.exec("CREATE TABLE e (a INT, b INT)");
    cluster.exec("CREATE TABLE t (a INT, b INT, flag BOOLEAN, v VARCHAR(10), c CHAR(5), ts TIMESTAMP)");
    cluster.exec("INSERT INTO t VALUES (1, 2, true, 'ab  ', 'ab', TIMESTAMP '1999-12-31 00:00:00.123456'),"
        + " (NULL, 3, NULL, 'xyz', 'xyz', NULL)");
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  private static List<String> rows(String sql) throws SQLException {
    return cluster.rows(sql);
  }

  @Test
  void countsBesideDistinctCountsAreZeroOverNoRows() throws SQLException {
    assertThat(rows("SELECT COUNT(a), COUNT(DISTINCT b) FROM e")).containsExactly("0|0");
    assertThat(rows("SELECT COUNT(*), COUNT(DISTINCT b) FROM t WHERE a > 100")).containsExactly("0|0");
    assertThat(rows("SELECT COUNT(a), COUNT(DISTINCT b) FROM t")).containsExactly("1|2");
    // grouped: the rewritten SUM keeps its NOT NULL type (Calcite checks it against the aggregate's)
    assertThat(rows("SELECT b, COUNT(DISTINCT a), COUNT(*) FROM t GROUP BY b HAVING COUNT(*) > 0 ORDER BY b"))
        .containsExactly("2|1|1", "3|0|1");
  }

  @Test
  void caseComparedToAValueUsesIsNotTrue() throws SQLException {
    assertThat(rows("SELECT b FROM t WHERE CASE WHEN a >= 1 THEN a ELSE b END = 3")).containsExactly("3");
    assertThat(rows("SELECT CASE WHEN b = 2 THEN flag ELSE TRUE END FROM t ORDER BY b")).containsExactly("true", "true");
    assertThat(rows("SELECT b FROM t WHERE flag IS NOT TRUE")).containsExactly("3");
    assertThat(rows("SELECT b FROM t WHERE flag IS FALSE")).isEmpty();
  }

  /** MIN/MAX of BOOLEAN (false < true); the IN-subquery rewrite aggregates a TRUE marker with MAX. */
  @Test
  void booleansHaveMinAndMax() throws SQLException {
    assertThat(rows("SELECT MAX(a > 0), MIN(b > 2), MAX(flag) FROM t")).containsExactly("true|false|true");
    assertThat(rows("SELECT (a, b) IN (SELECT a, b FROM t WHERE a IS NOT NULL) FROM t ORDER BY b"))
        .containsExactly("true", "null");
  }

  @Test
  void lengthCountsVarcharBlanksButNotCharPadding() throws SQLException {
    assertThat(rows("SELECT LEN(v), LENGTH(c), CHAR_LENGTH(v) FROM t ORDER BY b")).containsExactly("4|2|4", "3|3|3");
  }

  @Test
  void tablesCannotBeCreatedInASchemaThatDoesNotExist() {
    cluster.fails("CREATE TABLE no_such_schema.t (a INT)", "3F000", "schema \"no_such_schema\" does not exist");
  }

  @Test
  void timestampsKeepMicroseconds() throws SQLException {
    // JDBC (Avatica) carries timestamps as milliseconds: read the value as text to see all of it
    assertThat(rows("SELECT CAST(ts AS VARCHAR(40)) FROM t WHERE ts > TIMESTAMP '1999-12-31 00:00:00.123'"))
        .containsExactly("1999-12-31 00:00:00.123456");
  }
}
