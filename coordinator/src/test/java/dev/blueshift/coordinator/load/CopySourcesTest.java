package dev.blueshift.coordinator.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.coordinator.dml.ClusterSql;
import dev.blueshift.worker.load.Compression;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COPY's sources (file, directory, prefix, glob, MANIFEST), compressions, and the text options ESCAPE, FIXEDWIDTH, ACCEPTINVCHARS, jsonpaths on a real cluster. */
class CopySourcesTest {
  @TempDir Path dir;
  private ClusterSql sql;

  @BeforeEach
  void start() throws Exception {
    sql = new ClusterSql(dir.resolve("data"));
    sql.exec("CREATE TABLE t (k INTEGER, s VARCHAR(20))");
  }

  @AfterEach
  void stop() throws Exception {
    sql.close();
  }

  private Path file(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    return f;
  }

  private Path compressed(String name, Compression c, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.createDirectories(f.getParent());
    try (OutputStream out = c.wrap(Files.newOutputStream(f))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return f;
  }

  private long count() throws Exception {
    return Long.parseLong(sql.rows("SELECT COUNT(*) FROM t").get(0));
  }

  @Test
  void fileDirectoryPrefixAndGlob() throws Exception {
    file("in/part-1.tbl", "1|a\n2|b\n");
    file("in/part-2.tbl", "3|c\n");
    file("in/sub/part-3.tbl", "4|d\n");
    file("in/other.csv", "5|e\n");
    assertThat(sql.exec("COPY t FROM '" + dir.resolve("in/part-1.tbl") + "'")).isEqualTo(2);
    assertThat(sql.exec("COPY t FROM '" + dir.resolve("in") + "'")).isEqualTo(5); // every file below, as an S3 prefix
    assertThat(sql.exec("COPY t FROM 'file://" + dir.resolve("in/part-") + "'")).isEqualTo(3);
    assertThat(sql.exec("COPY t FROM '" + dir.resolve("in") + "/*.tbl'")).isEqualTo(3); // * stays in one directory
    assertThat(sql.exec("COPY t FROM '" + dir.resolve("in") + "/**.tbl'")).isEqualTo(4); // ** crosses directories
    assertThat(sql.exec("COPY t FROM '" + dir.resolve("in") + "/*/*.tbl'")).isEqualTo(1);
    assertThat(count()).isEqualTo(18);
    sql.fails("COPY t FROM '" + dir.resolve("in/nothing-") + "'", "58030", "no file found", "nothing-");
    sql.fails("COPY t FROM 's3://bucket/key'", "0A000", "local files only");
  }

  @Test
  void manifestWithMandatoryAndOptionalEntries() throws Exception {
    Path a = file("m/a.tbl", "1|a\n");
    file("m/b.tbl", "2|b\n");
    Path manifest = file("m/load.manifest", "{\"entries\": [{\"url\": \"file://" + a + "\", \"mandatory\": true},"
        + " {\"url\": \"b.tbl\", \"mandatory\": true}, {\"url\": \"gone.tbl\", \"mandatory\": false}]}");
    assertThat(sql.exec("COPY t FROM '" + manifest + "' MANIFEST")).isEqualTo(2);
    Path missing = file("m/bad.manifest", "{\"entries\": [{\"url\": \"a.tbl\"}, {\"url\": \"lost.tbl\", \"mandatory\": true}]}");
    sql.fails("COPY t FROM '" + missing + "' MANIFEST", "58030", "mandatory file 'lost.tbl'", "bad.manifest");
    Path broken = file("m/broken.manifest", "{\"files\": []}");
    sql.fails("COPY t FROM '" + broken + "' MANIFEST", "22023", "\"entries\"");
    assertThat(count()).isEqualTo(2);
  }

  @Test
  void compressedBySuffixOrOptionAndCorruptFilesNamed() throws Exception {
    compressed("c/a.tbl.gz", Compression.GZIP, "1|gz\n");
    compressed("c/b.tbl.zst", Compression.ZSTD, "2|zst\n");
    compressed("c/c.tbl.bz2", Compression.BZIP2, "3|bz2\n");
    assertThat(sql.exec("COPY t FROM '" + dir.resolve("c") + "'")).isEqualTo(3);
    Path bare = compressed("c2/data", Compression.ZSTD, "4|bare\n5|bare\n");
    assertThat(sql.exec("COPY t FROM '" + bare + "' ZSTD")).isEqualTo(2);
    assertThat(sql.rows("SELECT s FROM t ORDER BY k")).containsExactly("gz", "zst", "bz2", "bare", "bare");
    Path corrupt = file("c3/broken.tbl.gz", "not gzip at all\n");
    sql.fails("COPY t FROM '" + corrupt + "'", "XX001", "broken.tbl.gz", "GZIP");
    Path plain = file("c4/plain.tbl", "6|x\n");
    sql.fails("COPY t FROM '" + plain + "' BZIP2", "XX001", "plain.tbl", "BZIP2");
    assertThat(count()).isEqualTo(5);
  }

  @Test
  void copyFromStdinWithoutTheShellFailsCleanly() throws Exception {
    sql.fails("COPY t FROM STDIN", "0A000", "COPY FROM STDIN", "\\copy");
    sql.fails("COPY t FROM 'stdin://00000000-0000-0000-0000-000000000000'", "58030", "no uploaded data");
  }

  @Test
  void escapeReadsWhatUnloadEscapeWrites() throws Exception {
    sql.exec("INSERT INTO t VALUES (1, 'a|b'), (2, 'back\\slash'), (3, 'two\nlines'), (4, NULL)");
    Path out = dir.resolve("esc");
    sql.exec("UNLOAD ('select * from t') TO '" + out + "/e_' ESCAPE NULL AS '\\N'");
    sql.exec("CREATE TABLE back (k INTEGER, s VARCHAR(20))");
    assertThat(sql.exec("COPY back FROM '" + out + "/e_' ESCAPE")).isEqualTo(4);
    assertThat(sql.rows("SELECT k, s FROM back ORDER BY k")).isEqualTo(sql.rows("SELECT k, s FROM t ORDER BY k"));
  }

  @Test
  void fixedWidthColumns() throws Exception {
    Path f = file("fw.txt", "  1alpha     \n 22beta      \n333\n");
    sql.fails("COPY t FROM '" + f + "' FIXEDWIDTH 'k:3,s:10'", "XX000", "line 3", "expected 2 fields but found 1");
    assertThat(sql.exec("COPY t FROM '" + f + "' FIXEDWIDTH 'k:3,s:10' TRIMBLANKS FILLRECORD")).isEqualTo(3);
    assertThat(sql.rows("SELECT k, s || '.' FROM t ORDER BY k")).containsExactly("1|alpha.", "22|beta.", "333|null");
  }

  @Test
  void acceptInvCharsReplacesInvalidUtf8() throws Exception {
    Path f = dir.resolve("bad-utf8.tbl");
    Files.write(f, new byte[] {'1', '|', 'o', 'k', '\n', '2', '|', 'b', (byte) 0xFF, 'd', '\n'});
    sql.fails("COPY t FROM '" + f + "'", "XX000", "bad-utf8.tbl", "line 2", "column s", "invalid UTF-8");
    assertThat(sql.rows("SELECT line_number, colname, err_code FROM stl_load_errors WHERE filename LIKE '%bad-utf8.tbl'"))
        .containsExactly("2|s|1220");
    assertThat(sql.exec("COPY t FROM '" + f + "' ACCEPTINVCHARS")).isEqualTo(2);
    assertThat(sql.exec("COPY t FROM '" + f + "' ACCEPTINVCHARS AS '^'")).isEqualTo(2);
    assertThat(sql.rows("SELECT s FROM t WHERE k = 2 ORDER BY s")).containsExactly("b?d", "b^d");
  }

  @Test
  void jsonPathsFileAndAcceptedNoOpOptions() throws Exception {
    Path paths = file("paths.json", "{\"jsonpaths\": [\"$.id\", \"$['info']['name']\"]}");
    Path data = file("data.json", "{\"id\": 1, \"info\": {\"name\": \"ann\"}}\n{\"id\": 2, \"info\": {}}\n");
    assertThat(sql.exec("COPY t FROM '" + data + "' JSON '" + paths + "' ENCODING UTF8 COMPUPDATE OFF STATUPDATE ON"))
        .isEqualTo(2);
    assertThat(sql.rows("SELECT k, s FROM t ORDER BY k")).containsExactly("1|ann", "2|null");
    Path three = file("three.json", "{\"jsonpaths\": [\"$.a\", \"$.b\", \"$.c\"]}");
    sql.fails("COPY t FROM '" + data + "' JSON '" + three + "'", "22023", "3 paths", "2 columns");
    sql.fails("COPY t FROM '" + data + "' ENCODING UTF16", "0A000", "UTF8 only");
  }
}
