package dev.blueshift.coordinator.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.coordinator.dml.ClusterSql;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 6's matrix of bad inputs: each bad row (line 2, after a good line 1) must fail the COPY
 * (MAXERROR 0) with a message naming file, line, column and value, leave the table unchanged, and
 * leave the right stl_load_errors row; with MAXERROR 1 the good row loads. Some inputs have a
 * remedy option (TRUNCATECOLUMNS, ACCEPTINVCHARS) that loads both rows.
 */
class BadInputMatrixTest {
  @TempDir static Path dir;
  private static ClusterSql sql;

  private static final String GOOD = "1|1.50|2020-01-02|2020-01-02 03:04:05|abc\n";

  /** One bad input: its second line, and what stl_load_errors must hold for it (colname/raw null when not about one field). */
  record Case(String name, byte[] secondLine, String options, String colname, String raw, int code, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case text(String name, String line, String colname, String raw, int code, String reason) {
    return new Case(name, (line + "\n").getBytes(StandardCharsets.UTF_8), "", colname, raw, code, reason);
  }

  static Stream<Case> cases() {
    byte[] invalidUtf8 = {'2', '|', '1', '|', '2', '0', '2', '0', '-', '0', '1', '-', '0', '1', '|', '2', '0', '2', '0', '-',
        '0', '1', '-', '0', '1', '|', 'x', (byte) 0xC3, 'y', '\n'};
    return Stream.of(
        text("too few fields", "2|1.00|2020-01-01|2020-01-01", null, null, 1214, "expected 5 fields but found 4"),
        text("too many fields", "2|1.00|2020-01-01|2020-01-01|a|extra", null, null, 1214, "expected 5 fields but found 6"),
        text("non-numeric integer", "2x|1.00|2020-01-01|2020-01-01|a", "i", "2x", 1207, "invalid input syntax for type integer"),
        text("integer overflow", "3000000000|1.00|2020-01-01|2020-01-01|a", "i", "3000000000", 1207, "out of range"),
        text("decimal beyond its precision", "2|12345.6|2020-01-01|2020-01-01|a", "d", "12345.6", 1207, "out of range"),
        text("bad date", "2|1.00|2020-13-45|2020-01-01|a", "dt", "2020-13-45", 1205, "date"),
        text("bad timestamp", "2|1.00|2020-01-01|yesterday 25:00|a", "ts", "yesterday 25:00", 1205, "timestamp"),
        text("value too long for varchar(5)", "2|1.00|2020-01-01|2020-01-01|abcdefg", "v", "abcdefg", 1204,
            "value too long for type character varying(5)"),
        text("null into not null", "\\N|1.00|2020-01-01|2020-01-01|a", "i", "\\N", 1213, "not-null"),
        new Case("invalid utf-8", invalidUtf8, "", "v", "x\uFFFDy", 1220, "invalid UTF-8"),
        new Case("json line that is not an object", "[1, 2]\n".getBytes(StandardCharsets.UTF_8), "JSON 'auto'", null, null,
            1224, "must be an object"));
  }

  @BeforeAll
  static void start() throws Exception {
    sql = new ClusterSql(dir.resolve("data"));
  }

  @AfterAll
  static void stop() throws Exception {
    sql.close();
  }

  private static String table(Case c) {
    return "m_" + c.name().replaceAll("[^a-z0-9]+", "_");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badRowFailsTheCopyNamesItAndIsRecorded(Case c) throws Exception {
    String t = table(c);
    sql.exec("CREATE TABLE " + t + " (i INTEGER NOT NULL, d DECIMAL(5,2), dt DATE, ts TIMESTAMP, v VARCHAR(5))");
    sql.exec("INSERT INTO " + t + " VALUES (0, 0, NULL, NULL, 'old')");
    boolean json = c.options().startsWith("JSON");
    byte[] first = json ? "{\"i\": 1, \"v\": \"abc\"}\n".getBytes(StandardCharsets.UTF_8) : GOOD.getBytes(StandardCharsets.UTF_8);
    Path f = dir.resolve(t + (json ? ".json" : ".tbl"));
    Files.write(f, concat(first, c.secondLine()));
    List<String> fragments = new java.util.ArrayList<>(List.of(f.getFileName().toString(), "line 2", c.reason()));
    if (c.colname() != null) {
      fragments.add("column " + c.colname());
      fragments.add("\"" + c.raw() + "\"");
    }
    sql.fails("COPY " + t + " FROM '" + f + "' " + c.options(), expectedState(c.code()), fragments.toArray(String[]::new));
    assertThat(sql.rows("SELECT i, v FROM " + t)).containsExactly("0|old");
    assertThat(sql.rows("SELECT line_number, colname, raw_field_value, err_code FROM stl_load_errors WHERE filename = '"
        + f + "' ORDER BY query DESC LIMIT 1"))
        .containsExactly("2|" + c.colname() + "|" + c.raw() + "|" + c.code());
    assertThat(sql.rows("SELECT err_reason FROM stl_load_errors WHERE filename = '" + f + "'").get(0)).contains(c.reason());
    assertThat(sql.exec("COPY " + t + " FROM '" + f + "' " + c.options() + " MAXERROR 1")).isEqualTo(1);
    assertThat(sql.rows("SELECT i FROM " + t + " ORDER BY i")).containsExactly("0", "1");
  }

  private static String expectedState(int code) {
    return switch (code) {
      case 1207 -> "22P02";
      case 1204 -> "22001";
      case 1205 -> "22007";
      case 1213 -> "23502";
      default -> "XX000";
    };
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void remediesLoadTheRow() throws Exception {
    sql.exec("CREATE TABLE remedy (i INTEGER, v VARCHAR(5))");
    Path f = dir.resolve("remedy.tbl");
    Files.write(f, new byte[] {'1', '|', 'a', 'b', 'c', 'd', 'e', 'f', 'g', '\n', '2', '|', 'x', (byte) 0xC3, 'y', '\n'});
    assertThat(sql.exec("COPY remedy FROM '" + f + "' TRUNCATECOLUMNS ACCEPTINVCHARS '_'")).isEqualTo(2);
    assertThat(sql.rows("SELECT v FROM remedy ORDER BY i")).containsExactly("abcde", "x_y");
  }

  @Test
  void decimalScaleIsRoundedAsRedshiftDoes() throws Exception {
    sql.exec("CREATE TABLE scale (d DECIMAL(5,2))");
    Path f = dir.resolve("scale.tbl");
    Files.writeString(f, "1.235\n-1.234\n");
    assertThat(sql.exec("COPY scale FROM '" + f + "'")).isEqualTo(2);
    assertThat(sql.rows("SELECT d FROM scale ORDER BY d")).containsExactly("-1.23", "1.24");
  }

  @Test
  void unterminatedCsvQuoteIsRejected() throws Exception {
    sql.exec("CREATE TABLE q (i INTEGER, v VARCHAR(10))");
    Path f = dir.resolve("quote.csv");
    Files.writeString(f, "1,\"ok\"\n2,\"never closed\n");
    sql.fails("COPY q FROM '" + f + "' CSV", "XX000", "quote.csv", "line 2", "unterminated quoted field");
    assertThat(sql.rows("SELECT line_number, err_code FROM stl_load_errors WHERE filename = '" + f + "'")).containsExactly("2|1214");
    assertThat(sql.rows("SELECT COUNT(*) FROM q")).containsExactly("0");
    Files.writeString(f, "1,\"two\nlines\"\n2,\"ok\"\n");
    assertThat(sql.exec("COPY q FROM '" + f + "' CSV")).isEqualTo(2);
    assertThat(sql.rows("SELECT v FROM q ORDER BY i")).containsExactly("two\nlines", "ok");
  }

  @Test
  void emptyMissingAndCorruptFiles() throws Exception {
    sql.exec("CREATE TABLE e (i INTEGER)");
    sql.exec("INSERT INTO e VALUES (7)");
    Path empty = Files.createFile(dir.resolve("empty.tbl"));
    assertThat(sql.exec("COPY e FROM '" + empty + "'")).isEqualTo(0);
    sql.fails("COPY e FROM '" + dir.resolve("missing.tbl") + "'", "58030", "missing.tbl");
    Path gz = dir.resolve("corrupt.tbl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("1\n2\n3\n".repeat(10_000).getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = Files.readAllBytes(gz);
    Files.write(gz, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // truncated mid-stream
    sql.fails("COPY e FROM '" + gz + "'", "XX001", "corrupt.tbl.gz", "GZIP");
    assertThat(sql.rows("SELECT i FROM e")).containsExactly("7");
  }
}
