package dev.blueshift.coordinator.dml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** INSERT on a real cluster: values, defaults, casts, errors, routing and durability. */
class InsertTest {
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

  @Test
  void insertsValuesWithColumnListDefaultsAndNulls() throws Exception {
    sql.exec("CREATE TABLE people (id INTEGER NOT NULL, name VARCHAR(10), city VARCHAR(10) DEFAULT 'Paris',"
        + " score DECIMAL(5,2), born DATE) DISTKEY(id) SORTKEY(id)");
    assertThat(sql.exec("INSERT INTO people VALUES (1, 'ann', 'Oslo', 1.5, DATE '2000-01-02'), (2, NULL, NULL, -3, '1999-12-31')"))
        .isEqualTo(2);
    assertThat(sql.exec("INSERT INTO people (name, id) VALUES ('bob', 3)")).isEqualTo(1);
    assertThat(sql.exec("INSERT INTO people (id, city, score) VALUES (4, DEFAULT, 2.345)")).isEqualTo(1);
    assertThat(sql.rows("SELECT id, name, city, score, born FROM people ORDER BY id")).containsExactly(
        "1|ann|Oslo|1.50|2000-01-02", "2|null|null|-3.00|1999-12-31", "3|bob|Paris|null|null", "4|null|Paris|2.35|null");
  }

  @Test
  void evaluatesExpressionsInValues() throws Exception {
    sql.exec("CREATE TABLE exprs (a INTEGER, b VARCHAR(20), c DOUBLE PRECISION)");
    assertThat(sql.exec("INSERT INTO exprs VALUES (1 + 2, UPPER('x') || 'y', 10 / 4.0), (7, 'plain', -1.5e0)")).isEqualTo(2);
    assertThat(sql.rows("SELECT a, b, c FROM exprs ORDER BY a")).containsExactly("3|Xy|2.5", "7|plain|-1.5");
  }

  @Test
  void insertsTheRowsOfAQueryIntoEveryDistribution() throws Exception {
    sql.exec("CREATE TABLE src (k INTEGER, v VARCHAR(5))");
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      values.append(i > 0 ? "," : "").append("(").append(i).append(", 'v").append(i % 7).append("')");
    }
    sql.exec("INSERT INTO src VALUES " + values);
    sql.exec("CREATE TABLE by_key (k BIGINT, v VARCHAR(5)) DISTKEY(v)");
    sql.exec("CREATE TABLE everywhere (k BIGINT, v VARCHAR(5)) DISTSTYLE ALL");
    sql.exec("CREATE TABLE spread (k BIGINT, v VARCHAR(5)) DISTSTYLE EVEN");
    for (String t : new String[] {"by_key", "everywhere", "spread"}) {
      assertThat(sql.exec("INSERT INTO " + t + " SELECT k, v FROM src WHERE k >= 10")).isEqualTo(90);
      assertThat(sql.rows("SELECT COUNT(*), SUM(k), MIN(v), MAX(v) FROM " + t)).containsExactly("90|4905|v0|v6");
      assertThat(sql.rows("SELECT v, COUNT(*) FROM " + t + " WHERE v = 'v3' GROUP BY v")).containsExactly("v3|13");
    }
  }

  @Test
  void badValuesFailNamingColumnAndValueAndLeaveTheTableUnchanged() throws Exception {
    sql.exec("CREATE TABLE strict (id SMALLINT NOT NULL, code VARCHAR(3), amount DECIMAL(4,1), d DATE)");
    sql.exec("INSERT INTO strict VALUES (1, 'abc', 123.4, '2020-01-01')");
    sql.fails("INSERT INTO strict VALUES (2, 'ok', 1, NULL), (3, 'abcd', 1, NULL)", "22001", "code", "abcd");
    sql.fails("INSERT INTO strict VALUES (2, 'ok', 1, NULL), (40000, 'x', 1, NULL)", "22003", "id", "40000");
    sql.fails("INSERT INTO strict (id, amount) VALUES (2, 1000)", "22003", "amount", "1000");
    sql.fails("INSERT INTO strict (code) VALUES ('x')", "23502", "id");
    sql.fails("INSERT INTO strict (id, d) VALUES (2, 'yesterday')", "22007", "column \"d\"", "yesterday");
    sql.fails("INSERT INTO strict (id, amount) VALUES (2, 'lots')", "22P02", "amount", "lots");
    sql.fails("INSERT INTO strict (id, d) VALUES (2, 5)", "42804", "column \"d\" is of type date");
    sql.fails("INSERT INTO strict (id, nope) VALUES (2, 5)", "42703", "nope");
    sql.fails("INSERT INTO strict VALUES (2, 'x')", "42601", "more target columns than expressions");
    sql.fails("INSERT INTO missing VALUES (1)", "42P01", "missing");
    sql.fails("INSERT INTO strict (id, d) SELECT 2, TRUE", "42804", "column \"d\"");
    assertThat(sql.rows("SELECT id, code, amount, d FROM strict")).containsExactly("1|abc|123.4|2020-01-01");
  }

  @Test
  void manySingleRowInsertsAllLandAndSurviveARestart() throws Exception {
    sql.exec("CREATE TABLE tiny (i INTEGER, s VARCHAR(8)) DISTSTYLE EVEN");
    for (int i = 0; i < 200; i++) {
      assertThat(sql.exec("INSERT INTO tiny VALUES (" + i + ", 's" + i + "')")).isEqualTo(1);
    }
    assertThat(sql.rows("SELECT COUNT(*), SUM(i), MAX(s) FROM tiny")).containsExactly("200|19900|s99");
    sql.restart();
    assertThat(sql.rows("SELECT COUNT(*), SUM(i), MIN(s) FROM tiny")).containsExactly("200|19900|s0");
  }
}
