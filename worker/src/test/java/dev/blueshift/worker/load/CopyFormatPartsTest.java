package dev.blueshift.worker.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blueshift.error.BlueshiftException;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pieces COPY's formats and options are built from: codecs, FIXEDWIDTH, ESCAPE, jsonpaths, invalid UTF-8, option mapping. */
class CopyFormatPartsTest {
  @TempDir Path dir;

  @Test
  void everyCodecRoundTripsAndIsDetectedFromTheSuffix() throws Exception {
    String text = "1|a\n2|b\n".repeat(1000);
    for (Compression c : Compression.values()) {
      Path f = dir.resolve("data" + c.suffix());
      try (OutputStream out = c.wrap(Files.newOutputStream(f))) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      assertThat(Compression.ofFileName(f.toString())).isEqualTo(c);
      try (InputStream in = LoadInput.wholeFile(f).open()) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(text);
      }
      Path bare = dir.resolve("bare-" + c.name());
      Files.copy(f, bare);
      try (InputStream in = LoadInput.wholeFile(bare).open(c)) { // the GZIP/ZSTD/BZIP2 option, no suffix
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(text);
      }
    }
    assertThat(Compression.ofOption("zstd")).isEqualTo(Compression.ZSTD);
    assertThat(Compression.ofOption("DELIMITER")).isNull();
  }

  @Test
  void aCorruptCompressedFileFailsNamingTheFile() throws Exception {
    for (Compression c : List.of(Compression.GZIP, Compression.ZSTD, Compression.BZIP2)) {
      Path f = dir.resolve("bad" + c.suffix());
      Files.writeString(f, "this is not compressed at all\n".repeat(10));
      assertThatThrownBy(() -> {
        try (InputStream in = LoadInput.wholeFile(f).open()) {
          in.readAllBytes();
        }
      }).satisfies(e -> {
        BlueshiftException b = e instanceof BlueshiftException be ? be : LoadInput.wholeFile(f).compression(Compression.NONE)
            .readFailed(f.toString(), (Exception) e);
        assertThat(b.getMessage()).contains(f.toString()).contains(c.name());
      });
    }
  }

  @Test
  void fixedWidthCutsFieldsByCharacters() {
    FixedWidthSpec spec = FixedWidthSpec.parse("id:3, name:5,city:4");
    assertThat(spec.labels()).containsExactly("id", "name", "city");
    assertThat(spec.split("001Ann  Oslo")).containsExactly("001", "Ann  ", "Oslo");
    assertThat(spec.split("002Zoë  Rome and more")).containsExactly("002", "Zoë  ", "Rome");
    assertThat(spec.split("003Bo")).containsExactly("003", "Bo");
    assertThatThrownBy(() -> FixedWidthSpec.parse("id:3,name")).hasMessageContaining("'name'");
    assertThatThrownBy(() -> FixedWidthSpec.parse("id:0")).hasMessageContaining("positive width");
  }

  @Test
  void escapeKeepsEscapedDelimitersBackslashesAndNewlines() {
    assertThat(TextEscapes.split("1|a\\|b|c\\\\d", '|', "\\N")).containsExactly("1", "a|b", "c\\d");
    assertThat(TextEscapes.split("2|\\N|x", '|', "\\N")).containsExactly("2", null, "x");
    assertThat(TextEscapes.continues("3|line one\\")).isTrue();
    assertThat(TextEscapes.continues("3|ends in backslash\\\\")).isFalse();
    assertThat(TextEscapes.split("3|line one\\\nline two", '|', "\\N")).containsExactly("3", "line one\nline two");
  }

  @Test
  void jsonPathsPickFieldsInColumnOrder() throws Exception {
    Path f = dir.resolve("paths.json");
    Files.writeString(f, "{\"jsonpaths\": [\"$.id\", \"$['user']['name']\", \"$.tags[1]\", \"$.missing\", \"$.obj\"]}");
    JsonPaths paths = JsonPaths.read(f.toString());
    var node = new ObjectMapper().readTree("{\"id\": 7, \"user\": {\"name\": \"ann\"}, \"tags\": [\"a\", \"b\"], \"obj\": {\"x\": 1}}");
    assertThat(paths.fields(node)).containsExactly("7", "ann", "b", null, "{\"x\":1}");
    Files.writeString(f, "{\"jsonpaths\": [\"$.a[*]\"]}");
    assertThatThrownBy(() -> JsonPaths.read(f.toString())).hasMessageContaining("$.a[*]");
    assertThatThrownBy(() -> JsonPaths.read(dir.resolve("nope.json").toString())).hasMessageContaining("does not exist");
  }

  @Test
  void invalidUtf8IsMarkedNotSilentlyReplaced() throws Exception {
    byte[] bytes = {'o', 'k', '|', (byte) 0xC3, '(', '|', (byte) 0xE2, (byte) 0x82, (byte) 0xAC, '\n'};
    try (BufferedReader r = new BufferedReader(InvalidChars.reader(new ByteArrayInputStream(bytes)))) {
      String line = r.readLine();
      String[] fields = line.split("\\|");
      assertThat(InvalidChars.has(fields[0])).isFalse();
      assertThat(InvalidChars.has(fields[1])).isTrue();
      assertThat(InvalidChars.replace(fields[1], '?')).isEqualTo("?(");
      assertThat(fields[2]).isEqualTo("€");
    }
  }

  @Test
  void optionMappingForTheNewOptions() {
    LoadOptions o = LoadOptions.parse(Arrays.asList(new LoadOption("ZSTD", null), new LoadOption("ESCAPE", null),
        new LoadOption("ACCEPTINVCHARS", "^"), new LoadOption("ENCODING", "UTF8"), new LoadOption("COMPUPDATE", "false"),
        new LoadOption("STATUPDATE", "true"), new LoadOption("MANIFEST", null)));
    assertThat(o.compression()).isEqualTo(Compression.ZSTD);
    assertThat(o.escape()).isTrue();
    assertThat(o.acceptInvChars()).isEqualTo('^');
    assertThat(LoadOptions.parse(List.of(new LoadOption("ACCEPTINVCHARS", null))).acceptInvChars()).isEqualTo('?');
    assertThat(LoadOptions.parse(List.of(new LoadOption("FIXEDWIDTH", "a:1,b:2"))).fixedWidth().widths()).containsExactly(1, 2);
    assertThatThrownBy(() -> LoadOptions.parse(List.of(new LoadOption("ENCODING", "UTF16")))).hasMessageContaining("UTF8 only");
    assertThatThrownBy(() -> LoadOptions.parse(List.of(new LoadOption("GZIP", null), new LoadOption("BZIP2", null))))
        .hasMessageContaining("only one of");
    assertThatThrownBy(() -> LoadOptions.parse(List.of(new LoadOption("CSV", null), new LoadOption("ESCAPE", null))))
        .hasMessageContaining("ESCAPE cannot be used with CSV");
  }
}
