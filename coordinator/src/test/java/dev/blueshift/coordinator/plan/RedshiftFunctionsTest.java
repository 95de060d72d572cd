package dev.blueshift.coordinator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.coordinator.dml.ClusterSql;
import dev.blueshift.coordinator.server.LocalCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redshift's scalar functions through JDBC on a real 2-worker cluster, over table columns (so the
 * workers compute them) with NULL rows. Timestamps are compared as the server's text
 * (CAST AS VARCHAR): the JDBC driver's own text form of a timestamp varies with its fraction.
 * Expected values follow the Redshift/PostgreSQL documentation.
 */
class RedshiftFunctionsTest {
  @TempDir
  static Path dir;
  static LocalCluster cluster;
  static Connection connection;

  @BeforeAll
  static void start() throws Exception {
    cluster = LocalCluster.start(dir, 2, 2, 0);
    connection = DriverManager.getConnection(cluster.jdbcUrl(), "admin", "");
    try (Statement st = connection.createStatement()) {
      st.execute("CREATE TABLE f (id INT, i INT, d DECIMAL(10,2), x DOUBLE PRECISION, s VARCHAR(40), dt DATE, ts TIMESTAMP)");
      st.execute("INSERT INTO f VALUES (1, 7, 28.05, 2.5, 'hello world', DATE '2008-02-29', TIMESTAMP '2008-02-29 13:45:07.123456'),"
          + " (2, -3, -1.55, -0.5, 'a,b,,c', DATE '2021-12-31', TIMESTAMP '2021-01-03 00:00:00'),"
          + " (3, NULL, NULL, NULL, NULL, NULL, NULL)");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    connection.close();
    cluster.close();
  }

  private static List<String> rows(String select) throws SQLException {
    try (Statement st = connection.createStatement()) {
      return ClusterSql.rows(st, select + " FROM f ORDER BY id");
    }
  }

  @Test
  void conditionals() throws SQLException {
    assertThat(rows("SELECT NULLIF(i, 7), NVL2(s, 'set', 'unset'), DECODE(i, 7, 'seven', -3, 'minus three', 'other')"))
        .containsExactly("null|set|seven", "-3|set|minus three", "null|unset|other");
    assertThat(rows("SELECT DECODE(i, NULL, 'null', 'not null'), GREATEST(i, 0, id), LEAST(d, 0)"))
        .containsExactly("not null|7|0.00", "not null|2|-1.55", "null|3|0.00");
  }

  @Test
  void rounding() throws SQLException {
    assertThat(rows("SELECT ROUND(d), ROUND(d, 1), TRUNC(d, 1), CEIL(d), FLOOR(d), ROUND(d, -1)"))
        .containsExactly("28.00|28.10|28.00|29|28|30.00", "-2.00|-1.60|-1.50|-1|-2|0.00", "null|null|null|null|null|null");
    assertThat(rows("SELECT ROUND(x), TRUNC(x), CEILING(x), FLOOR(x), SIGN(x), SIGN(d), MOD(i, 4), ABS(i)"))
        .containsExactly("3.0|2.0|3.0|2.0|1.0|1.00|3|7", "-1.0|-0.0|-0.0|-1.0|-1.0|-1.00|-3|3",
            "null|null|null|null|null|null|null|null");
  }

  @Test
  void math() throws SQLException {
    assertThat(rows("SELECT POWER(i, 2), POW(2, id), SQRT(id * 4), CBRT(i * i * i), EXP(0 * id), LN(EXP(x)), LOG(100 * id)"))
        .containsExactly("49.0|2.0|2.0|7.0|1.0|2.5|2.0", "9.0|4.0|2.8284271247461903|-3.0|1.0|-0.5|2.3010299956639813",
            "null|8.0|3.4641016151377544|null|1.0|null|2.4771212547196626");
    assertThat(rows("SELECT PI() + 0 * id, RANDOM() < 1.0")).first().isEqualTo("3.141592653589793|true");
  }

  @Test
  void domainErrorsAreClear() {
    assertThatThrownBy(() -> rows("SELECT SQRT(i)")).isInstanceOf(SQLException.class).hasMessageContaining("negative");
    assertThatThrownBy(() -> rows("SELECT LN(i + 3)")).isInstanceOf(SQLException.class)
        .hasMessageContaining("logarithm of zero");
    assertThatThrownBy(() -> rows("SELECT i / (id - 1)")).isInstanceOf(SQLException.class)
        .hasMessageContaining("division by zero");
  }

  @Test
  void strings() throws SQLException {
    assertThat(rows("SELECT POSITION('o' IN s), STRPOS(s, 'b'), CHARINDEX('world', s), SPLIT_PART(s, ',', 3),"
        + " SPLIT_PART(s, ',', 4)"))
        .containsExactly("5|0|7||", "0|3|0||c", "null|null|null|null|null");
    assertThat(rows("SELECT LEFT(s, 3), RIGHT(s, 3), LPAD(s, 13, '*'), RPAD(s, 8), LPAD(s, 3)"))
        .containsExactly("hel|rld|**hello world|hello wo|hel", "a,b|,,c|*******a,b,,c|a,b,,c  |a,b",
            "null|null|null|null|null");
    assertThat(rows("SELECT REPLACE(s, 'l', 'L'), TRANSLATE(s, 'lo,', 'L0'), REVERSE(s), REPEAT(LEFT(s, 2), 3),"
        + " REPLICATE(LEFT(s, 1), 2)"))
        .containsExactly("heLLo worLd|heLL0 w0rLd|dlrow olleh|hehehe|hh", "a,b,,c|abc|c,,b,a|a,a,a,|aa",
            "null|null|null|null|null");
    assertThat(rows("SELECT INITCAP(s), ASCII(s), CHR(64 + id), BTRIM(s, 'hd'), TRIM(BOTH 'ac' FROM s), LTRIM(s, 'ha'),"
        + " RTRIM(s, 'dc')"))
        .containsExactly("Hello World|104|A|ello worl|hello world|ello world|hello worl",
            "A,B,,C|97|B|a,b,,c|,b,,|,b,,c|a,b,,", "null|null|C|null|null|null|null");
  }

  @Test
  void patternsAndHashes() throws SQLException {
    assertThat(rows("SELECT s SIMILAR TO '%(world|xyz)', s SIMILAR TO 'a_b%', REGEXP_SUBSTR(s, '[a-z]+o'),"
        + " REGEXP_COUNT(s, '[lo]'), REGEXP_REPLACE(s, '[,]+', '-'), REGEXP_INSTR(s, 'o')"))
        .containsExactly("true|false|hello|5|hello world|5", "false|true||0|a-b-c|0", "null|null|null|null|null|null");
    assertThat(rows("SELECT MD5(s), OCTET_LENGTH(s), CONCAT(s, '!'), s || NULL, SUBSTR(s, 3, 2)"))
        .containsExactly("5eb63bbbe01eeed093cb22bb8f5acdc3|11|hello world!|null|ll",
            "e25525e3d41f57be29ab0ecf3365ba14|6|a,b,,c!|null|b,", "null|null|null|null|null");
  }

  @Test
  void dateParts() throws SQLException {
    assertThat(rows("SELECT EXTRACT(QUARTER FROM dt), EXTRACT(WEEK FROM dt), EXTRACT(DOW FROM dt), EXTRACT(DOY FROM dt),"
        + " EXTRACT(HOUR FROM ts), EXTRACT(MINUTE FROM ts), EXTRACT(SECOND FROM ts), EXTRACT(MILLISECOND FROM ts),"
        + " EXTRACT(EPOCH FROM dt)"))
        .containsExactly("1|9|5|60|13|45|7|7123|1204243200", "4|52|5|365|0|0|0|0|1640908800",
            "null|null|null|null|null|null|null|null|null");
    assertThat(rows("SELECT DATE_PART('year', dt), DATE_PART('dow', ts), DATE_PART('second', ts), DATE_PART('epoch', ts)"))
        .containsExactly("2008.0|5.0|7.123456|1.204292707123456E9", "2021.0|0.0|0.0|1.609632E9", "null|null|null|null");
  }

  @Test
  void truncationAndArithmetic() throws SQLException {
    assertThat(rows("SELECT CAST(DATE_TRUNC('month', dt) AS VARCHAR), CAST(DATE_TRUNC('week', ts) AS VARCHAR),"
        + " CAST(DATE_TRUNC('hour', ts) AS VARCHAR), CAST(DATE_TRUNC('quarter', dt) AS VARCHAR),"
        + " CAST(DATE_TRUNC('year', ts) AS VARCHAR)"))
        .containsExactly("2008-02-01 00:00:00|2008-02-25 00:00:00|2008-02-29 13:00:00|2008-01-01 00:00:00|2008-01-01 00:00:00",
            "2021-12-01 00:00:00|2020-12-28 00:00:00|2021-01-03 00:00:00|2021-10-01 00:00:00|2021-01-01 00:00:00",
            "null|null|null|null|null");
    assertThat(rows("SELECT DATEADD(month, 1, dt), DATEADD('day', -1, dt), CAST(DATEADD(hour, 12, ts) AS VARCHAR),"
        + " CAST(ADD_MONTHS(dt, 1) AS VARCHAR),"
        + " LAST_DAY(dt)"))
        .containsExactly("2008-03-29|2008-02-28|2008-03-01 01:45:07.123456|2008-03-31 00:00:00|2008-02-29",
            "2022-01-31|2021-12-30|2021-01-03 12:00:00|2022-01-31 00:00:00|2021-12-31", "null|null|null|null|null");
    assertThat(rows("SELECT DATEDIFF(year, dt, DATE '2022-01-01'), DATEDIFF(month, dt, DATE '2022-01-01'),"
        + " DATEDIFF(week, ts, TIMESTAMP '2021-01-04 00:00:00'), DATEDIFF(day, dt, DATE '2022-01-01'),"
        + " DATEDIFF(hour, ts, TIMESTAMP '2021-01-04 00:00:00')"))
        .containsExactly("14|167|671|5055|112619", "1|1|1|1|24", "null|null|null|null|null");
    assertThat(rows("SELECT MONTHS_BETWEEN(dt, DATE '2008-01-31'), CAST(ts + INTERVAL '90' MINUTE AS VARCHAR), dt + INTERVAL '1' DAY"))
        .containsExactly("1.0|2008-02-29 15:15:07.123456|2008-03-01",
            "167.0|2021-01-03 01:30:00|2022-01-01", "null|null|null");
  }

  @Test
  void formatting() throws SQLException {
    assertThat(rows("SELECT TO_CHAR(ts, 'YYYY-MM-DD HH24:MI:SS'), TO_CHAR(dt, 'Mon DD, YYYY'), TO_CHAR(dt, 'FMMonth DY Q'),"
        + " TO_CHAR(ts, 'HH12 AM MS')"))
        .containsExactly("2008-02-29 13:45:07|Feb 29, 2008|February FRI 1|01 PM 123",
            "2021-01-03 00:00:00|Dec 31, 2021|December FRI 4|12 AM 000", "null|null|null|null");
    assertThat(rows("SELECT TO_CHAR(d, '999D99'), TO_CHAR(d, 'FM9,999.00'), TO_CHAR(i * 1000, '9,999'), TO_CHAR(x, '0.00')"))
        .containsExactly("  28.05|28.05| 7,000| 2.50", "  -1.55|-1.55|-3,000|-0.50", "null|null|null|null");
    assertThat(rows("SELECT DATEADD(day, id - 1, TO_DATE('02 Mar 2021', 'DD Mon YYYY')), CAST(TO_TIMESTAMP('2021-03-02 17:05:09', 'YYYY-MM-DD HH24:MI:SS') AS VARCHAR),"
        + " TO_NUMBER('1,234.5', '9,999.99')")).first()
        .isEqualTo("2021-03-02|2021-03-02 17:05:09|1234.50");
  }

  @Test
  void statementTimeIsOneConstant() throws SQLException {
    List<String> r = rows("SELECT GETDATE() = SYSDATE, CURRENT_DATE = CAST(CURRENT_TIMESTAMP AS DATE), GETDATE() > TIMESTAMP '2024-01-01 00:00:00'");
    assertThat(r).containsOnly("true|true|true");
  }
}
