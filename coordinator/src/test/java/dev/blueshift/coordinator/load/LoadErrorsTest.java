package dev.blueshift.coordinator.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.coordinator.dml.ClusterSql;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stl_load_errors and stl_load_commits on a real cluster: rows rejected within and beyond MAXERROR, restarts. */
class LoadErrorsTest {
  @TempDir Path dir;

  @Test
  void rejectedRowsWithinMaxErrorAreRecordedAndSurviveRestart() throws Exception {
    Path file = dir.resolve("t.tbl");
    Files.writeString(file, "a|1|2020-01-02\nb|x2|2020-01-03\nc|3|2020-13-01\ntoolongvalue|4|2020-01-05\ne|5\n");
    try (ClusterSql sql = new ClusterSql(dir.resolve("data"))) {
      sql.exec("CREATE TABLE t (k VARCHAR(5), v INTEGER, d DATE)");
      assertThat(sql.exec("COPY t FROM '" + file + "' MAXERROR 10")).isEqualTo(1);
      assertThat(sql.rows("SELECT k, v, d FROM t")).containsExactly("a|1|2020-01-02");
      String errors = "SELECT filename, line_number, colname, type, col_length, \"position\", raw_line, raw_field_value,"
          + " err_code FROM stl_load_errors ORDER BY line_number";
      String[] expected = {
          file + "|2|v|int4|null|2|b|x2|2020-01-03|x2|1207",
          file + "|3|d|date|null|4|c|3|2020-13-01|2020-13-01|1205",
          file + "|4|k|varchar|5|0|toolongvalue|4|2020-01-05|toolongvalue|1204",
          file + "|5|null|null|null|0|e|5|null|1214"};
      assertThat(sql.rows(errors)).containsExactly(expected);
      assertThat(sql.rows("SELECT COUNT(*) FROM stl_load_errors e JOIN pg_class c ON e.tbl = c.oid"
          + " WHERE c.relname = 't' AND e.err_reason <> '' AND e.starttime IS NOT NULL")).containsExactly("4");
      assertThat(sql.rows("SELECT filename, lines_scanned, \"rows\", errors, status FROM stl_load_commits"))
          .containsExactly(file + "|5|1|4|loaded");
      sql.restart();
      assertThat(sql.rows(errors)).containsExactly(expected);
      assertThat(sql.rows("SELECT status FROM stl_load_commits")).containsExactly("loaded");
    }
  }

  @Test
  void beyondMaxErrorTheCopyFailsTheTableIsUnchangedAndTheRowsAreRecorded() throws Exception {
    Path file = dir.resolve("bad.tbl");
    Files.writeString(file, "1\n2\nthree\n4\nfive\n6\n");
    try (ClusterSql sql = new ClusterSql(dir.resolve("data"))) {
      sql.exec("CREATE TABLE n (v INTEGER)");
      sql.exec("INSERT INTO n VALUES (100)");
      sql.fails("COPY n FROM '" + file + "' MAXERROR 1", "22P02", "bad.tbl", "line 3", "column v", "\"three\"",
          "2 rows rejected");
      assertThat(sql.rows("SELECT v FROM n")).containsExactly("100");
      assertThat(sql.rows("SELECT line_number, raw_field_value FROM stl_load_errors ORDER BY line_number"))
          .containsExactly("3|three", "5|five");
      assertThat(sql.rows("SELECT lines_scanned, errors, status FROM stl_load_commits")).containsExactly("5|2|failed");
      sql.fails("COPY n FROM '" + file + "'", "22P02", "line 3");
      assertThat(sql.rows("SELECT query, COUNT(*) FROM stl_load_errors GROUP BY query ORDER BY query"))
          .hasSize(2).last().asString().endsWith("|1");
    }
  }
}
