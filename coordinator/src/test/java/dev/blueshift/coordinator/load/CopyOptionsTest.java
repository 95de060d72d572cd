package dev.blueshift.coordinator.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.coordinator.dml.ClusterSql;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COPY's column list, DATEFORMAT/TIMEFORMAT, ACCEPTANYDATE, REMOVEQUOTES, TRIMBLANKS and NOLOAD on a real cluster. */
class CopyOptionsTest {
  @TempDir Path dir;
  private ClusterSql sql;

  @BeforeEach
  void start() throws Exception {
    sql = new ClusterSql(dir.resolve("data"));
  }

  @AfterEach
  void stop() throws Exception {
    sql.close();
  }

  private Path file(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  @Test
  void columnListFillsTheOthersWithTheirDefaultOrNull() throws Exception {
    sql.exec("CREATE TABLE c (a INTEGER, b VARCHAR(5) DEFAULT 'dflt', c INTEGER, d INTEGER)");
    Path f = file("c.tbl", "3|1\n4|2\n");
    assertThat(sql.exec("COPY c (c, a) FROM '" + f + "'")).isEqualTo(2);
    assertThat(sql.rows("SELECT a, b, c, d FROM c ORDER BY a")).containsExactly("1|dflt|3|null", "2|dflt|4|null");
    sql.fails("COPY c (a, nope) FROM '" + f + "'", "42703", "nope");
    sql.exec("CREATE TABLE nn (a INTEGER, b INTEGER NOT NULL)");
    sql.fails("COPY nn (a) FROM '" + f + "'", "23502", "\"b\"");
    sql.fails("COPY c (a) FROM '" + f + "'", "XX000", "expected 1 fields but found 2");
  }

  @Test
  void dateAndTimeFormats() throws Exception {
    sql.exec("CREATE TABLE d (k INTEGER, d DATE, t TIMESTAMP)");
    Path f = file("d.tbl", "1|31.12.2020|2020/01/02 13:04:05\n2|01.02.2021|2021/03/04 00:00:00.5\n");
    sql.exec("COPY d FROM '" + f + "' DATEFORMAT 'DD.MM.YYYY' TIMEFORMAT 'YYYY/MM/DD HH24:MI:SS'");
    assertThat(sql.rows("SELECT k, d, t FROM d ORDER BY k"))
        .containsExactly("1|2020-12-31|2020-01-02 13:04:05.000", "2|2021-02-01|2021-03-04 00:00:00.500");
    sql.exec("TRUNCATE d");
    Path epoch = file("e.tbl", "1|2020-01-02|1600000000\n");
    sql.exec("COPY d FROM '" + epoch + "' DATEFORMAT 'auto' TIMEFORMAT 'epochsecs'");
    assertThat(sql.rows("SELECT d, t FROM d")).containsExactly("2020-01-02|2020-09-13 12:26:40.000");
    sql.exec("TRUNCATE d");
    Path auto = file("a.tbl", "1|03/15/2021|2021-03-15T10:11:12\n2|20210316|2021-03-16 10:11:12.25\n3|17-Mar-2021|2021-03-17\n");
    sql.exec("COPY d FROM '" + auto + "' DATEFORMAT 'auto' TIMEFORMAT 'auto'");
    assertThat(sql.rows("SELECT d, t FROM d ORDER BY k")).containsExactly("2021-03-15|2021-03-15 10:11:12.000",
        "2021-03-16|2021-03-16 10:11:12.250", "2021-03-17|2021-03-17 00:00:00.000");
    Path bad = file("b.tbl", "9|2020-02-30|2020-01-01\n");
    sql.fails("COPY d FROM '" + bad + "' DATEFORMAT 'YYYY-MM-DD'", "22007", "b.tbl", "line 1", "column d",
        "2020-02-30", "DATEFORMAT 'YYYY-MM-DD'");
    assertThat(sql.rows("SELECT err_code FROM stl_load_errors WHERE raw_field_value = '2020-02-30'")).containsExactly("1205");
    sql.exec("COPY d FROM '" + bad + "' DATEFORMAT 'YYYY-MM-DD' ACCEPTANYDATE");
    assertThat(sql.rows("SELECT d, t FROM d WHERE k = 9")).containsExactly("null|2020-01-01 00:00:00.000");
  }

  @Test
  void removeQuotesAndTrimBlanks() throws Exception {
    sql.exec("CREATE TABLE q (k INTEGER, s VARCHAR(10))");
    Path f = file("q.tbl", "1|\"a|b\"\n2|\"plain\"\n3|x  \n");
    sql.exec("COPY q FROM '" + f + "' REMOVEQUOTES TRIMBLANKS");
    assertThat(sql.rows("SELECT k, s || '.' FROM q ORDER BY k")).containsExactly("1|a|b.", "2|plain.", "3|x.");
  }

  @Test
  void noLoadChecksTheRowsAndLeavesTheTableUnchanged() throws Exception {
    sql.exec("CREATE TABLE n (v INTEGER)");
    Path good = file("good.tbl", "1\n2\n");
    sql.exec("COPY n FROM '" + good + "' NOLOAD");
    assertThat(sql.rows("SELECT COUNT(*) FROM n")).containsExactly("0");
    assertThat(sql.rows("SELECT lines_scanned, \"rows\", status FROM stl_load_commits")).containsExactly("2|2|noload");
    Path bad = file("bad.tbl", "1\nx\n");
    sql.fails("COPY n FROM '" + bad + "' NOLOAD", "22P02", "bad.tbl", "line 2", "\"x\"");
    assertThat(sql.rows("SELECT COUNT(*) FROM n")).containsExactly("0");
  }

  @Test
  void jsonAutoOneObjectPerLine() throws Exception {
    sql.exec("CREATE TABLE j (id INTEGER, name VARCHAR(20), price DECIMAL(8,2), day DATE, tags VARCHAR(40))");
    Path f = file("j.json", "{\"id\": 1, \"name\": \"a\", \"price\": 1.5, \"day\": \"2021-01-02\", \"extra\": true}\n"
        + "{\"ID\": 2, \"Name\": \"b\", \"tags\": [\"x\", \"y\"]}\n"
        + "[1, 2]\n"
        + "{\"id\": \"three\"}\n");
    sql.exec("COPY j FROM '" + f + "' JSON 'auto' MAXERROR 5");
    assertThat(sql.rows("SELECT id, name, price, day, tags FROM j ORDER BY id"))
        .containsExactly("1|a|1.50|2021-01-02|null", "null|null|null|null|[\"x\",\"y\"]");
    assertThat(sql.rows("SELECT line_number, colname, err_code FROM stl_load_errors ORDER BY line_number"))
        .containsExactly("3|null|1224", "4|id|1207");
    assertThat(sql.rows("SELECT err_reason FROM stl_load_errors WHERE line_number = 3"))
        .containsExactly("a JSON line must be an object, found array");
    sql.exec("TRUNCATE j");
    sql.exec("COPY j (id, name) FROM '" + f + "' FORMAT AS JSON 'auto ignorecase' MAXERROR 5");
    assertThat(sql.rows("SELECT id, name, tags FROM j ORDER BY id")).containsExactly("1|a|null", "2|b|null");
    sql.fails("COPY j FROM '" + f + "' JSON 's3://bucket/paths.json'", "0A000", "jsonpaths");
  }
}
