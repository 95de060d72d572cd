package dev.blueshift.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.coordinator.server.LocalCluster;
import dev.blueshift.shell.Shell;
import dev.blueshift.shell.ShellOptions;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell's {@code \copy}: a local file streamed to the coordinator and loaded by one COPY … FROM STDIN-style load. */
class ShellCopyTest {
  @TempDir static Path dir;
  private static LocalCluster cluster;
  private static String url;

  @BeforeAll
  static void start() throws Exception {
    cluster = LocalCluster.start(dir.resolve("data"), 2, 2, 0);
    url = "jdbc:blueshift://127.0.0.1:" + cluster.coordinator().jdbcPort() + "/dev";
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private record Run(int exit, String out, String err) {}

  private static Run shell(String script) throws Exception {
    Path f = Files.createTempFile(dir, "script", ".sql");
    Files.writeString(f, script);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Shell.run(ShellOptions.fromArgs("--url", url, "-f", f.toString()), InputStream.nullInputStream(),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static long count(String table) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "admin", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void copiesALocalFileWithOptionsAndAColumnList() throws Exception {
    Path data = dir.resolve("local.csv");
    StringBuilder sb = new StringBuilder("k,s\n");
    for (int i = 0; i < 200_000; i++) {
      sb.append(i).append(",\"row ").append(i).append("\"\n");
    }
    Files.writeString(data, sb);
    Path gz = dir.resolve("local.tbl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("7|seven\n8|eight\n".getBytes(StandardCharsets.UTF_8));
    }
    Run r = shell("CREATE TABLE sc (k INTEGER, s VARCHAR(20));\n"
        + "\\copy sc FROM '" + data + "' CSV IGNOREHEADER 1\n"
        + "\\copy sc (s, k) FROM " + dir.resolve("swapped.tbl") + "\n"
        + "\\copy sc FROM '" + gz + "'\n");
    assertThat(r.out()).contains("COPY 200000");
    assertThat(r.err()).contains("swapped.tbl: no such file");
    Files.writeString(dir.resolve("swapped.tbl"), "nine|9\n");
    r = shell("\\copy sc (s, k) FROM " + dir.resolve("swapped.tbl") + "\n\\copy sc FROM '" + gz + "'\n"
        + "SELECT s FROM sc WHERE k IN (7, 9) ORDER BY k;\n");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("COPY 1").contains("COPY 2").contains("seven").contains("nine");
    assertThat(count("sc")).isEqualTo(200_003);
  }

  @Test
  void aBadRowFailsTheWholeCopyAndNamesTheRow() throws Exception {
    Path data = dir.resolve("bad.tbl");
    Files.writeString(data, "1|ok\n2|fine\nx|bad\n");
    Run r = shell("CREATE TABLE bad (k INTEGER, s VARCHAR(10));\n\\copy bad FROM '" + data + "'\n");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("line 3").contains("column k").contains("\"x\"");
    assertThat(count("bad")).isZero();
  }
}
