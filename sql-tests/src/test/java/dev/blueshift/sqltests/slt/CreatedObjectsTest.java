package dev.blueshift.sqltests.slt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CreatedObjectsTest {
  @Test
  void dropsWhatWasCreatedNewestFirst() {
    CreatedObjects created = new CreatedObjects();
    created.noteSucceeded("CREATE TABLE t1(a INTEGER)");
    created.noteSucceeded("create schema s1");
    created.noteSucceeded("CREATE TEMPORARY VIEW view3 AS SELECT x FROM t1");
    created.noteSucceeded("CREATE TABLE IF NOT EXISTS \"My T\" (a INT)");
    created.noteSucceeded("CREATE VIEW s1.v AS SELECT 42 c");
    created.noteSucceeded("INSERT INTO t1 VALUES (1)");
    created.noteSucceeded("CREATE UNIQUE INDEX i1 ON t1(a)");
    assertThat(created.dropStatements()).containsExactly(
        "DROP VIEW IF EXISTS s1.v",
        "DROP TABLE IF EXISTS \"My T\"",
        "DROP VIEW IF EXISTS view3",
        "DROP SCHEMA IF EXISTS s1 CASCADE",
        "DROP TABLE IF EXISTS t1");
  }

  @Test
  void aNameCreatedAgainIsDroppedOnceAsItsLatestKind() {
    CreatedObjects created = new CreatedObjects();
    created.noteSucceeded("CREATE VIEW x AS SELECT 1");
    created.noteSucceeded("CREATE TABLE y(a INT)");
    created.noteSucceeded("CREATE TABLE x(a INT)");
    assertThat(created.dropStatements()).containsExactly("DROP TABLE IF EXISTS x", "DROP TABLE IF EXISTS y");
  }
}
