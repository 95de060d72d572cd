package dev.blueshift.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

  @Test
  void splitsOnSemicolons() {
    assertThat(StatementSplitter.split("select 1; select 2;\nselect 3"))
        .containsExactly("select 1", "select 2", "select 3");
  }

  @Test
  void ignoresSemicolonsInStringsIdentifiersAndComments() {
    String script = """
        insert into t values ('a;b', 'it''s; fine');
        select "odd;name" from t; -- trailing; comment
        /* block; /* nested; */ still; */ select 2;
        select $$ body; $$, $fn$ x; $fn$;
        """;
    assertThat(StatementSplitter.split(script)).containsExactly(
        "insert into t values ('a;b', 'it''s; fine')",
        "select \"odd;name\" from t",
        "-- trailing; comment\n/* block; /* nested; */ still; */ select 2",
        "select $$ body; $$, $fn$ x; $fn$");
  }

  @Test
  void dropsEmptyAndCommentOnlyStatements() {
    assertThat(StatementSplitter.split(";;  ; -- only a comment\n /* and this */ ;")).isEmpty();
    assertThat(StatementSplitter.split("select 1;\n-- the end\n")).containsExactly("select 1");
  }

  @Test
  void positionalParameterIsNotADollarQuote() {
    assertThat(StatementSplitter.split("select $1; select 2")).containsExactly("select $1", "select 2");
  }

  @Test
  void linesFedOneByOneGiveTheSameStatements() {
    String script = "select 'multi\nline;' as a,\n  2;\ncreate table t (\n a int -- x;\n);\nselect 'x''';";
    StatementSplitter s = new StatementSplitter();
    List<String> out = new ArrayList<>();
    for (String line : script.split("\n", -1)) {
      out.addAll(s.feed(line + "\n"));
    }
    assertThat(s.finish()).isNull();
    assertThat(out).containsExactlyElementsOf(StatementSplitter.split(script));
    assertThat(out).hasSize(3).last().isEqualTo("select 'x'''");
  }

  @Test
  void tracksWhetherAStatementIsInProgress() {
    StatementSplitter s = new StatementSplitter();
    assertThat(s.isEmpty()).isTrue();
    assertThat(s.feed("select 1\n")).isEmpty();
    assertThat(s.isEmpty()).isFalse();
    assertThat(s.feed("from t;\n")).containsExactly("select 1\nfrom t");
    assertThat(s.isEmpty()).isTrue();
    s.feed("/* open comment\n");
    assertThat(s.isEmpty()).isFalse();
    s.reset();
    assertThat(s.isEmpty()).isTrue();
  }

  @Test
  void unterminatedQuoteRunsToTheEnd() {
    assertThat(StatementSplitter.split("select 'abc; def")).containsExactly("select 'abc; def");
  }
}
