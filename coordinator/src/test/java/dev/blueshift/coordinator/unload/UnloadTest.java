package dev.blueshift.coordinator.unload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.coordinator.dml.ClusterSql;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** UNLOAD on a real cluster (2 workers x 2 slices): file names, formats, options, and COPY reading the files back. */
class UnloadTest {
  @TempDir Path dir;
  private ClusterSql sql;

  @BeforeEach
  void start() throws Exception {
    sql = new ClusterSql(dir.resolve("data"));
    sql.exec("CREATE TABLE t (k INTEGER, s VARCHAR(20), d DECIMAL(8,2), day DATE, ts TIMESTAMP, b BOOLEAN)");
    sql.exec("INSERT INTO t VALUES (1, 'one', 1.50, DATE '2020-01-02', TIMESTAMP '2020-01-02 03:04:05', TRUE),"
        + " (2, 'two, \"2\"', -2.25, DATE '1999-12-31', TIMESTAMP '2021-06-07 08:09:10.5', FALSE),"
        + " (3, NULL, NULL, NULL, NULL, NULL)");
  }

  @AfterEach
  void stop() throws Exception {
    sql.close();
  }

  private List<String> files(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String text(Path f) throws Exception {
    try (InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(f)) : Files.newInputStream(f)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private String allText(Path d) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (String f : files(d)) {
      sb.append(text(d.resolve(f)));
    }
    return sb.toString();
  }

  @Test
  void parallelOffWritesOnePipeDelimitedFileWithNullsEmpty() throws Exception {
    Path out = dir.resolve("serial");
    assertThat(sql.exec("UNLOAD ('select * from t order by k') TO '" + out + "/t_' PARALLEL OFF")).isEqualTo(3);
    assertThat(files(out)).containsExactly("t_000");
    assertThat(text(out.resolve("t_000"))).isEqualTo(
        "1|one|1.50|2020-01-02|2020-01-02 03:04:05|t\n"
            + "2|two, \"2\"|-2.25|1999-12-31|2021-06-07 08:09:10.5|f\n"
            + "3|||||\n");
  }

  @Test
  void parallelOnWritesOnePartPerSliceAndCopyReadsThemBack() throws Exception {
    sql.exec("CREATE TABLE big (k INTEGER, v VARCHAR(10))");
    sql.exec("INSERT INTO big SELECT k, s FROM t WHERE k < 3");
    for (int i = 0; i < 13; i++) { // 2 * 2^13 = 16384 rows: more than one chunk for every slice
      sql.exec("INSERT INTO big SELECT k + " + (2 << i) + ", v FROM big");
    }
    Path out = dir.resolve("par");
    assertThat(sql.exec("UNLOAD ('select * from big') TO '" + out + "/big_'")).isEqualTo(16384);
    assertThat(files(out)).containsExactly("big_0000_part_00", "big_0001_part_00", "big_0002_part_00", "big_0003_part_00");
    sql.exec("CREATE TABLE back (k INTEGER, v VARCHAR(10))");
    assertThat(sql.exec("COPY back FROM '" + out + "/big_'")).isEqualTo(16384);
    assertThat(sql.rows("SELECT COUNT(*), COUNT(DISTINCT k), SUM(k), MIN(v), MAX(v) FROM back"))
        .isEqualTo(sql.rows("SELECT COUNT(*), COUNT(DISTINCT k), SUM(k), MIN(v), MAX(v) FROM big"));
  }

  @Test
  void csvWithHeaderAndGzipRoundTripsThroughCopy() throws Exception {
    Path out = dir.resolve("csv");
    sql.exec("UNLOAD ('select * from t') TO '" + out + "/' CSV HEADER GZIP");
    assertThat(files(out)).allMatch(f -> f.matches("000[0-3]_part_00\\.gz"));
    String all = allText(out);
    assertThat(all).contains("k,s,d,day,ts,b\n").contains("2,\"two, \"\"2\"\"\",-2.25,1999-12-31,2021-06-07 08:09:10.5,f\n")
        .contains("3,,,,,\n");
    sql.exec("CREATE TABLE back (k INTEGER, s VARCHAR(20), d DECIMAL(8,2), day DATE, ts TIMESTAMP, b BOOLEAN)");
    sql.exec("COPY back FROM '" + out + "/' CSV IGNOREHEADER 1 GZIP EMPTYASNULL");
    assertThat(sql.rows("SELECT * FROM back ORDER BY k")).isEqualTo(sql.rows("SELECT * FROM t ORDER BY k"));
  }

  @Test
  void delimiterNullAsEscapeAndAddQuotes() throws Exception {
    sql.exec("INSERT INTO t VALUES (4, 'a|b\\c', 0, NULL, NULL, NULL)");
    Path out = dir.resolve("esc");
    sql.exec("UNLOAD ('select k, s from t where k in (1, 3, 4) order by k') TO '" + out + "/e' PARALLEL OFF"
        + " DELIMITER '|' NULL AS '\\N' ESCAPE");
    assertThat(text(out.resolve("e000"))).isEqualTo("1|one\n3|\\N\n4|a\\|b\\\\c\n");
    sql.exec("UNLOAD ('select k, s from t where k = 1') TO '" + out + "/q' PARALLEL OFF DELIMITER ';' ADDQUOTES");
    assertThat(text(out.resolve("q000"))).isEqualTo("\"1\";\"one\"\n");
  }

  @Test
  void existingFilesNeedAllowOverwrite() throws Exception {
    Path out = dir.resolve("ow");
    sql.exec("UNLOAD ('select k from t') TO '" + out + "/x_' PARALLEL OFF");
    sql.fails("UNLOAD ('select k from t') TO '" + out + "/x_' PARALLEL OFF", "58030", "not empty", "x_000", "ALLOWOVERWRITE");
    sql.exec("UNLOAD ('select k from t where k = 2') TO '" + out + "/x_' PARALLEL OFF ALLOWOVERWRITE");
    assertThat(text(out.resolve("x_000"))).isEqualTo("2\n");
  }

  @Test
  void maxFileSizeStartsANewFileAndRefusesValuesRedshiftRefuses() throws Exception {
    sql.exec("CREATE TABLE wide (k INTEGER, v VARCHAR(200))");
    sql.exec("INSERT INTO wide VALUES (1, '" + "x".repeat(200) + "')");
    for (int i = 0; i < 15; i++) { // 32768 rows of ~205 bytes: 6.4 MB
      sql.exec("INSERT INTO wide SELECT k + " + (1 << i) + ", v FROM wide");
    }
    Path out = dir.resolve("max");
    sql.exec("UNLOAD ('select * from wide order by k') TO '" + out + "/w_' PARALLEL OFF MAXFILESIZE 5 MB");
    assertThat(files(out)).containsExactly("w_000", "w_001");
    assertThat(Files.size(out.resolve("w_000"))).isBetween(5L * 1024 * 1024 - 300, 5L * 1024 * 1024);
    sql.exec("CREATE TABLE back (k INTEGER, v VARCHAR(200))");
    assertThat(sql.exec("COPY back FROM '" + out + "/w_'")).isEqualTo(32768);
    sql.fails("UNLOAD ('select 1') TO '" + out + "/z' MAXFILESIZE 1 MB", "22023", "between 5 MB and 6.2 GB");
  }

  @Test
  void emptyResultWritesOneEmptyFileAndBadQueriesFailBeforeWriting() throws Exception {
    Path out = dir.resolve("empty");
    assertThat(sql.exec("UNLOAD ('select * from t where k > 100') TO '" + out + "/n_' HEADER")).isEqualTo(0);
    assertThat(files(out)).containsExactly("n_0000_part_00");
    assertThat(text(out.resolve("n_0000_part_00"))).isEqualTo("k|s|d|day|ts|b\n");
    sql.fails("UNLOAD ('select nope from t') TO '" + dir.resolve("bad") + "/b_'", "42703", "nope");
    assertThat(Files.exists(dir.resolve("bad"))).isFalse();
    sql.fails("UNLOAD ('select 1') TO '" + out + "/p' PARQUET", "0A000", "PARQUET");
  }
}
