package dev.blueshift.sqltests.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.coordinator.server.LocalCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Analytical SQL of the kind BI tools and analysts write (windows, outer joins with NULLs,
 * correlated subqueries, set operations, CTEs), run on a Blueshift cluster (2 workers, tables with
 * KEY, ALL and EVEN distribution) and on DuckDB over the same rows; the results must agree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticQueryTest {
  private static final String[][] TABLES = {
      {"CREATE TABLE emp (id INTEGER NOT NULL, dept INTEGER, name VARCHAR(20), salary DECIMAL(10,2), hired DATE, "
          + "bonus DOUBLE PRECISION)", " DISTKEY(id) SORTKEY(id)"},
      {"CREATE TABLE dept (id INTEGER NOT NULL, dname VARCHAR(20), region VARCHAR(10))", " DISTSTYLE ALL"},
      {"CREATE TABLE sales (id INTEGER NOT NULL, emp_id INTEGER, amount DECIMAL(12,2), day DATE)",
          " DISTKEY(emp_id) SORTKEY(day)"},
      {"CREATE TABLE tags (emp_id INTEGER, tag VARCHAR(10))", " DISTSTYLE EVEN"},
  };

  @TempDir
  static Path dir;
  private LocalCluster cluster;
  private Connection blueshift;
  private Connection duckdb;

  @BeforeAll
  void load() throws Exception {
    cluster = LocalCluster.start(dir.resolve("cluster"), 2, 2, 0);
    blueshift = DriverManager.getConnection(cluster.jdbcUrl(), "admin", "");
    duckdb = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement b = blueshift.createStatement(); Statement d = duckdb.createStatement()) {
      for (String[] t : TABLES) {
        b.execute(t[0] + t[1]);
        d.execute(t[0]);
      }
      for (String insert : data(new Random(20261125))) {
        b.execute(insert);
        d.execute(insert);
      }
    }
  }

  /** Deterministic rows with NULLs, duplicates, skewed keys and keys without a match. */
  private static List<String> data(Random r) {
    List<String> out = new ArrayList<>();
    String[] names = {"ann", "bob", "cy", "dee", "ed", "flo", "gus", "hal", "ivy", "jo"};
    List<String> rows = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      String dept = r.nextInt(10) == 0 ? "NULL" : String.valueOf(r.nextInt(r.nextBoolean() ? 3 : 14));
      String name = r.nextInt(15) == 0 ? "NULL" : "'" + names[r.nextInt(names.length)] + "'";
      String salary = r.nextInt(12) == 0 ? "NULL" : (1000 + r.nextInt(500)) + "." + (10 + r.nextInt(90));
      String hired = "DATE '" + LocalDate.of(2020, 1, 1).plusDays(r.nextInt(1500)) + "'";
      String bonus = r.nextInt(8) == 0 ? "NULL" : String.valueOf(r.nextInt(1000) / 8.0);
      rows.add("(" + i + ", " + dept + ", " + name + ", " + salary + ", " + hired + ", " + bonus + ")");
    }
    out.add("INSERT INTO emp VALUES " + String.join(", ", rows));
    rows.clear();
    String[] regions = {"'east'", "'west'", "NULL"};
    for (int i = 0; i < 12; i++) {
      rows.add("(" + i + ", 'd" + i + "', " + regions[i % 3] + ")");
    }
    out.add("INSERT INTO dept VALUES " + String.join(", ", rows));
    for (int chunk = 0; chunk < 4; chunk++) {
      rows.clear();
      for (int i = 1; i <= 500; i++) {
        int id = chunk * 500 + i;
        String emp = r.nextInt(20) == 0 ? "NULL" : String.valueOf(1 + (int) Math.abs(r.nextGaussian() * 60) % 230);
        String amount = r.nextInt(25) == 0 ? "NULL" : r.nextInt(900) + "." + (10 + r.nextInt(90));
        String day = "DATE '" + LocalDate.of(2024, 1, 1).plusDays(r.nextInt(60)) + "'";
        rows.add("(" + id + ", " + emp + ", " + amount + ", " + day + ")");
      }
      out.add("INSERT INTO sales VALUES " + String.join(", ", rows));
    }
    rows.clear();
    String[] tags = {"'a'", "'b'", "'c'", "NULL"};
    for (int i = 0; i < 150; i++) {
      rows.add("(" + (r.nextInt(10) == 0 ? "NULL" : String.valueOf(1 + r.nextInt(250))) + ", " + tags[r.nextInt(4)] + ")");
    }
    out.add("INSERT INTO tags VALUES " + String.join(", ", rows));
    return out;
  }

  static Stream<String> queries() {
    return Stream.of(
        // window functions
        "SELECT id, dept, row_number() OVER (PARTITION BY dept ORDER BY salary DESC NULLS LAST, id) FROM emp",
        "SELECT id, rank() OVER (ORDER BY salary), dense_rank() OVER (ORDER BY salary) FROM emp",
        "SELECT id, percent_rank() OVER (PARTITION BY dept ORDER BY hired), cume_dist() OVER (PARTITION BY dept ORDER BY hired) FROM emp",
        "SELECT id, sum(amount) OVER (PARTITION BY emp_id ORDER BY day, id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM sales",
        "SELECT id, sum(amount) OVER (PARTITION BY emp_id ORDER BY day) FROM sales",
        "SELECT id, count(amount) OVER (PARTITION BY emp_id ORDER BY day, id ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING) FROM sales",
        "SELECT id, lag(salary) OVER (PARTITION BY dept ORDER BY id), lead(salary, 2, 0) OVER (PARTITION BY dept ORDER BY id) FROM emp",
        "SELECT id, first_value(name) OVER (PARTITION BY dept ORDER BY id), last_value(name) OVER (PARTITION BY dept ORDER BY id "
            + "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM emp",
        "SELECT id, avg(salary) OVER (PARTITION BY dept), count(*) OVER () FROM emp",
        "SELECT id, ntile(4) OVER (ORDER BY id) FROM emp",
        "SELECT id, min(name) OVER (PARTITION BY dept ORDER BY id), max(bonus) OVER (PARTITION BY dept) FROM emp",
        "SELECT dept, total, rank() OVER (ORDER BY total DESC) FROM (SELECT dept, sum(salary) AS total FROM emp GROUP BY dept) t",
        // joins, with NULLs on both sides
        "SELECT e.id, d.dname FROM emp e LEFT JOIN dept d ON e.dept = d.id",
        "SELECT e.id, d.id, d.dname FROM emp e FULL OUTER JOIN dept d ON e.dept = d.id",
        "SELECT d.id, count(e.id) FROM emp e RIGHT JOIN dept d ON e.dept = d.id GROUP BY d.id",
        "SELECT e.name, s.amount FROM emp e JOIN sales s ON s.emp_id = e.id AND s.amount > e.bonus",
        "SELECT e.id, t.tag FROM emp e LEFT JOIN tags t ON t.emp_id = e.id AND t.tag <> 'a'",
        "SELECT d.dname, d2.dname FROM dept d CROSS JOIN dept d2 WHERE d.id < d2.id",
        // subqueries
        "SELECT id FROM emp e WHERE salary > (SELECT avg(salary) FROM emp e2 WHERE e2.dept = e.dept)",
        "SELECT id FROM emp e WHERE EXISTS (SELECT 1 FROM sales s WHERE s.emp_id = e.id AND s.amount > 800)",
        "SELECT id FROM emp e WHERE NOT EXISTS (SELECT 1 FROM tags t WHERE t.emp_id = e.id)",
        "SELECT id FROM emp WHERE dept IN (SELECT id FROM dept WHERE region = 'east')",
        "SELECT id FROM emp WHERE dept NOT IN (SELECT id FROM dept WHERE region = 'west')",
        "SELECT id FROM emp WHERE id NOT IN (SELECT emp_id FROM tags)",
        "SELECT id, (SELECT count(*) FROM sales s WHERE s.emp_id = e.id) FROM emp e",
        "SELECT name, (SELECT max(amount) FROM sales) - salary FROM emp",
        // set operations
        "SELECT dept FROM emp UNION SELECT id FROM dept",
        "SELECT dept FROM emp UNION ALL SELECT id FROM dept",
        "SELECT dept FROM emp INTERSECT SELECT id FROM dept",
        "SELECT id FROM dept EXCEPT SELECT dept FROM emp",
        // aggregates, CTEs, distinct
        "WITH totals AS (SELECT emp_id, sum(amount) AS total, count(*) AS n FROM sales GROUP BY emp_id) "
            + "SELECT e.dept, sum(t.total), max(t.n) FROM totals t JOIN emp e ON e.id = t.emp_id GROUP BY e.dept",
        "SELECT dept, count(DISTINCT name), count(*), sum(bonus) FROM emp GROUP BY dept HAVING count(*) > 3",
        "SELECT count(DISTINCT dept), count(DISTINCT name) FROM emp",
        "SELECT DISTINCT dept, name FROM emp",
        "SELECT region, count(*) FROM emp e JOIN dept d ON e.dept = d.id GROUP BY region",
        "SELECT extract(year FROM hired), count(*), min(salary), max(salary) FROM emp GROUP BY 1",
        "SELECT day, sum(amount) FROM sales WHERE day BETWEEN DATE '2024-01-10' AND DATE '2024-02-10' GROUP BY day",
        "SELECT CASE WHEN salary > 1250 THEN 'high' WHEN salary IS NULL THEN 'none' ELSE 'low' END, count(*) FROM emp GROUP BY 1",
        "SELECT coalesce(name, 'anon'), count(*) FROM emp GROUP BY 1",
        "SELECT id, abs(bonus - 60), abs(salary - 1200), abs(dept - 5) FROM emp",
        // grouping sets
        "SELECT dept, region, count(*), sum(salary), grouping(dept), grouping(region) FROM emp e "
            + "LEFT JOIN dept d ON e.dept = d.id GROUP BY ROLLUP (dept, region)",
        "SELECT dept, name, count(*), max(hired) FROM emp GROUP BY CUBE (dept, name)",
        "SELECT dept, name, count(*) FROM emp GROUP BY GROUPING SETS ((dept), (name), ())",
        "SELECT id, salary FROM emp ORDER BY salary DESC NULLS LAST, id LIMIT 7");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("queries")
  void sameAnswerAsDuckDb(String sql) throws Exception {
    List<String> expected;
    try (Statement st = duckdb.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      expected = ResultNormalizer.rows(rs);
    }
    List<String> actual;
    try (Statement st = blueshift.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      actual = ResultNormalizer.rows(rs);
    }
    if (!sql.contains("ORDER BY salary DESC NULLS LAST, id LIMIT")) {
      Collections.sort(expected);
      Collections.sort(actual);
    }
    assertThat(actual).as(sql).containsExactlyElementsOf(expected);
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {blueshift, duckdb, cluster}) {
      if (c != null) {
        c.close();
      }
    }
  }
}
