package dev.blueshift.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Script runs end to end through JDBC, against {@link ScriptedJdbc}. */
class ShellScriptTest {
  private static final String URL = "jdbc:scripted:test";
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void clear() {
    ScriptedJdbc.INSTANCE.executed.clear();
  }

  private int run(ShellOptions options, String stdin) {
    return Shell.run(options, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  @Test
  void commandsRunInOrderWithTagsAndResults() {
    int code = run(new ShellOptions(URL, null, null,
        List.of("create table t (a int); insert into t values (1)", "select n"), null,
        ShellOptions.Format.ALIGNED), "");
    assertThat(code).as("stderr: %s", err()).isZero();
    assertThat(err()).isEmpty();
    assertThat(out()).isEqualTo("CREATE TABLE\nINSERT 0 5\n n\n---\n 1\n\n(2 rows)\n\n");
    assertThat(ScriptedJdbc.INSTANCE.executed)
        .containsExactly("create table t (a int)", "insert into t values (1)", "select n");
  }

  @Test
  void firstFailureStopsWithErrorAndExitCode1() {
    int code = run(new ShellOptions(URL, null, null, List.of("select n; select nope; select s"),
        null, ShellOptions.Format.CSV), "");
    assertThat(code).as("stderr: %s", err()).isEqualTo(1);
    assertThat(err()).isEqualTo("ERROR:  relation \"nope\" does not exist\nSQLSTATE: 42P01\n");
    assertThat(out()).isEqualTo("n\n1\n\n");
    assertThat(ScriptedJdbc.INSTANCE.executed).containsExactly("select n", "select nope");
  }

  @Test
  void scriptFileAfterCommandsWithBackslashCommands(@TempDir Path dir) throws Exception {
    Path included = dir.resolve("included.sql");
    Files.writeString(included, "select s;\n");
    Path results = dir.resolve("results.csv");
    Path script = dir.resolve("script.sql");
    Files.writeString(script, "-- a script\ncreate table t (\n  a int -- ;\n);\n\\o " + results
        + "\n\\i " + included + "\n\\o\nselect n");
    int code = run(new ShellOptions(URL, null, null, List.of("insert into t values (1)"), script,
        ShellOptions.Format.CSV), "");
    assertThat(code).as("stderr: %s", err()).isZero();
    assertThat(out()).isEqualTo("INSERT 0 5\nCREATE TABLE\nn\n1\n\n");
    assertThat(Files.readString(results)).isEqualTo("s,ok\n\"a,b\",t\n");
    assertThat(ScriptedJdbc.INSTANCE.executed).containsExactly("insert into t values (1)",
        "-- a script\ncreate table t (\n  a int -- ;\n)", "select s", "select n");
  }

  @Test
  void statementsFromStdinWhenItIsNotATerminal() {
    int code = run(new ShellOptions(URL, null, null, List.of(), null, ShellOptions.Format.JSON),
        "select s;\nselect\n n;\n");
    assertThat(code).as("stderr: %s", err()).isZero();
    assertThat(out()).isEqualTo("{\"s\":\"a,b\",\"ok\":true}\n{\"n\":1}\n{\"n\":null}\n");
  }

  @Test
  void missingScriptFileIsAnError(@TempDir Path dir) {
    Path missing = dir.resolve("missing.sql");
    int code = run(new ShellOptions(URL, null, null, List.of(), missing, ShellOptions.Format.CSV), "");
    assertThat(code).as("stderr: %s", err()).isEqualTo(1);
    assertThat(err()).isEqualTo("ERROR:  " + missing + ": No such file or directory\n");
  }

  @Test
  void unknownBackslashCommandFails() {
    int code = run(new ShellOptions(URL, null, null, List.of("\\bogus"), null,
        ShellOptions.Format.CSV), "");
    assertThat(code).as("stderr: %s", err()).isEqualTo(1);
    assertThat(err()).startsWith("ERROR:  invalid command \\bogus");
  }

  @Test
  void metadataCommandsSayWhenThereIsNothing() {
    int code = run(new ShellOptions(URL, null, null, List.of("\\dt", "\\d lineitem", "\\dn"), null,
        ShellOptions.Format.ALIGNED), "");
    assertThat(code).as("stderr: %s", err()).isZero();
    assertThat(out()).isEqualTo("Did not find any relations.\n"
        + "Did not find any relation named \"lineitem\".\nDid not find any schemas.\n");
  }
}
