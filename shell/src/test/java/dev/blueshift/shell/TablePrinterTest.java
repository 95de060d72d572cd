package dev.blueshift.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablePrinterTest {
  private static final TabularResult RESULT = new TabularResult(
      List.of(TableColumn.number("id"), new TableColumn("ok", TableColumn.Kind.BOOLEAN),
          TableColumn.text("name"), TableColumn.number("price")),
      List.of(
          Arrays.asList("1", "t", "plain", "12.00"),
          Arrays.asList("22", "f", "with, comma \"quoted\"", "-3.5"),
          Arrays.asList("333", null, null, null),
          Arrays.asList("4", "t", "", "1e+20"),
          Arrays.asList("5", "f", "tab\there\nnewline \\ back", "NaN")));

  private static String print(ShellOptions.Format format, boolean expanded, TabularResult r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    r.printTo(TablePrinter.of(format, expanded, out));
    return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  @Test
  void alignedLikePsql() {
    TabularResult r = new TabularResult(
        List.of(TableColumn.number("id"), new TableColumn("ok", TableColumn.Kind.BOOLEAN),
            TableColumn.text("name"), TableColumn.number("price")),
        List.of(
            Arrays.asList("1", "t", "plain", "12.00"),
            Arrays.asList("22", "f", "two\nlines", "-3.5"),
            Arrays.asList("333", null, null, null)));
    assertThat(print(ShellOptions.Format.ALIGNED, false, r)).isEqualTo(
        " id  | ok |    name    | price\n"
            + "-----+----+------------+-------\n"
            + "   1 | t  | plain      | 12.00\n"
            + "  22 | f  | two\\nlines |  -3.5\n"
            + " 333 |    |            |\n"
            + "(3 rows)\n"
            + "\n");
  }

  @Test
  void alignedSingularFooterAndEmptyResult() {
    TabularResult one = new TabularResult(List.of(TableColumn.text("a")), List.of(Arrays.asList("x")));
    assertThat(print(ShellOptions.Format.ALIGNED, false, one)).isEqualTo(" a\n---\n x\n(1 row)\n\n");
    TabularResult none = new TabularResult(List.of(TableColumn.text("abc")), List.of());
    assertThat(print(ShellOptions.Format.ALIGNED, false, none)).isEqualTo(" abc\n-----\n(0 rows)\n\n");
  }

  @Test
  void expanded() {
    TabularResult r = new TabularResult(List.of(TableColumn.number("id"), TableColumn.text("name")),
        List.of(Arrays.asList("1", "a"), Arrays.asList("2", null)));
    assertThat(print(ShellOptions.Format.ALIGNED, true, r)).isEqualTo("""
        -[ RECORD 1 ]
        id   | 1
        name | a
        -[ RECORD 2 ]
        id   | 2
        name |

        """);
  }

  @Test
  void csvQuotesPerRfc4180AndLeavesNullEmpty() {
    assertThat(print(ShellOptions.Format.CSV, false, RESULT)).isEqualTo(
        "id,ok,name,price\n"
            + "1,t,plain,12.00\n"
            + "22,f,\"with, comma \"\"quoted\"\"\",-3.5\n"
            + "333,,,\n"
            + "4,t,\"\",1e+20\n"
            + "5,f,\"tab\there\nnewline \\ back\",NaN\n");
  }

  @Test
  void tsvEscapesSeparators() {
    assertThat(print(ShellOptions.Format.TSV, false, RESULT)).isEqualTo(
        "id\tok\tname\tprice\n"
            + "1\tt\tplain\t12.00\n"
            + "22\tf\twith, comma \"quoted\"\t-3.5\n"
            + "333\t\t\t\n"
            + "4\tt\t\t1e+20\n"
            + "5\tf\ttab\\there\\nnewline \\\\ back\tNaN\n");
  }

  @Test
  void jsonOneObjectPerLine() {
    assertThat(print(ShellOptions.Format.JSON, false, RESULT)).isEqualTo(
        "{\"id\":1,\"ok\":true,\"name\":\"plain\",\"price\":12.00}\n"
            + "{\"id\":22,\"ok\":false,\"name\":\"with, comma \\\"quoted\\\"\",\"price\":-3.5}\n"
            + "{\"id\":333,\"ok\":null,\"name\":null,\"price\":null}\n"
            + "{\"id\":4,\"ok\":true,\"name\":\"\",\"price\":1e+20}\n"
            + "{\"id\":5,\"ok\":false,\"name\":\"tab\\there\\nnewline \\\\ back\",\"price\":\"NaN\"}\n");
  }
}
