package dev.blueshift.sqltests.slt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlSplitterTest {
  @Test
  void cutsAtTopLevelSemicolonsOnly() {
    assertThat(SqlSplitter.split("CREATE TABLE t(a TEXT); INSERT INTO t VALUES ('a;b'), (\"x;\"); SELECT 1 /* ; */"))
        .containsExactly("CREATE TABLE t(a TEXT)", "INSERT INTO t VALUES ('a;b'), (\"x;\")", "SELECT 1 /* ; */");
  }

  @Test
  void dropsPiecesThatAreOnlyCommentsOrBlank() {
    assertThat(SqlSplitter.split("SELECT 1; -- trailing comment\n")).containsExactly("SELECT 1");
    assertThat(SqlSplitter.split("SELECT 'it''s;'")).containsExactly("SELECT 'it''s;'");
    assertThat(SqlSplitter.split(" ;; ")).isEmpty();
  }

  @Test
  void keepsLineBreaksInsideAStatement() {
    assertThat(SqlSplitter.split("SELECT a,\n  b -- why; not\nFROM t;")).containsExactly("SELECT a,\n  b -- why; not\nFROM t");
  }
}
