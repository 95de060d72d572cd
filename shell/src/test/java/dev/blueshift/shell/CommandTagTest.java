package dev.blueshift.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandTagTest {

  @Test
  void tagsLikePsql() {
    assertThat(CommandTag.of("create table t (a int)", 0)).isEqualTo("CREATE TABLE");
    assertThat(CommandTag.of("CREATE TEMP TABLE t (a int)", 0)).isEqualTo("CREATE TABLE");
    assertThat(CommandTag.of("create or replace view v as select 1", 0)).isEqualTo("CREATE VIEW");
    assertThat(CommandTag.of("create external table s.t (a int)", 0)).isEqualTo("CREATE EXTERNAL TABLE");
    assertThat(CommandTag.of("drop table if exists t", 0)).isEqualTo("DROP TABLE");
    assertThat(CommandTag.of("insert into t values (1),(2),(3),(4),(5)", 5)).isEqualTo("INSERT 0 5");
    assertThat(CommandTag.of("copy lineitem from 's3://b/x'", 3)).isEqualTo("COPY 3");
    assertThat(CommandTag.of("update t set a = 1", 7)).isEqualTo("UPDATE 7");
    assertThat(CommandTag.of("delete from t", 0)).isEqualTo("DELETE 0");
    assertThat(CommandTag.of("truncate t", 0)).isEqualTo("TRUNCATE TABLE");
    assertThat(CommandTag.of("analyze t", 0)).isEqualTo("ANALYZE");
    assertThat(CommandTag.of("begin", 0)).isEqualTo("BEGIN");
  }

  @Test
  void skipsLeadingCommentsAndParentheses() {
    assertThat(CommandTag.of("-- load\n/* twice */ insert into t select 1", 1)).isEqualTo("INSERT 0 1");
    assertThat(CommandTag.of("(select 1)", 1)).isEqualTo("SELECT 1");
  }
}
