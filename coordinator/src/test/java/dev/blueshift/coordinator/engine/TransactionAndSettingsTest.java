package dev.blueshift.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.coordinator.dml.ClusterSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BEGIN/COMMIT/ROLLBACK and SET/SHOW/RESET, per session, on a real cluster. */
class TransactionAndSettingsTest {
  @TempDir
  static Path dir;
  static ClusterSql sql;

  @BeforeAll
  static void start() throws Exception {
    sql = new ClusterSql(dir.resolve("data"));
  }

  @AfterAll
  static void stop() throws Exception {
    sql.close();
  }

  @Test
  void rollbackUndoesEveryChangeOfTheTransaction() throws Exception {
    sql.exec("CREATE TABLE acct (id INTEGER, balance INTEGER) DISTKEY(id)");
    sql.exec("INSERT INTO acct VALUES (1, 100), (2, 50)");
    sql.exec("BEGIN");
    sql.exec("UPDATE acct SET balance = balance - 30 WHERE id = 1");
    sql.exec("INSERT INTO acct VALUES (3, 30)");
    sql.exec("CREATE TABLE scratch (x INTEGER)");
    sql.exec("INSERT INTO scratch VALUES (1)");
    assertThat(sql.rows("SELECT id, balance FROM acct ORDER BY id")).containsExactly("1|70", "2|50", "3|30");
    assertThat(sql.rows("SELECT x FROM scratch")).containsExactly("1");
    sql.exec("ROLLBACK");
    assertThat(sql.rows("SELECT id, balance FROM acct ORDER BY id")).containsExactly("1|100", "2|50");
    sql.fails("SELECT x FROM scratch", "42P01", "scratch");
  }

  @Test
  void commitPublishesAllChangesAtOnceToOtherSessionsAndSurvivesRestart() throws Exception {
    sql.exec("CREATE TABLE ledger (id INTEGER, amount INTEGER)");
    try (Connection other = sql.connect(); Statement st = other.createStatement()) {
      sql.exec("START TRANSACTION");
      sql.exec("INSERT INTO ledger VALUES (1, 10)");
      sql.exec("INSERT INTO ledger VALUES (2, 20)");
      sql.exec("DELETE FROM ledger WHERE id = 1");
      sql.exec("CREATE VIEW ledger_total AS SELECT SUM(amount) AS total FROM ledger");
      assertThat(ClusterSql.rows(st, "SELECT COUNT(*) FROM ledger")).containsExactly("0");
      assertThat(sql.rows("SELECT total FROM ledger_total")).containsExactly("20");
      sql.exec("END");
      assertThat(ClusterSql.rows(st, "SELECT id, amount FROM ledger")).containsExactly("2|20");
      assertThat(ClusterSql.rows(st, "SELECT total FROM ledger_total")).containsExactly("20");
    }
    sql.restart();
    assertThat(sql.rows("SELECT id, amount FROM ledger")).containsExactly("2|20");
  }

  @Test
  void anErrorAbortsTheTransactionUntilItEnds() throws Exception {
    sql.exec("CREATE TABLE aborted (v VARCHAR(2))");
    sql.exec("BEGIN");
    sql.exec("INSERT INTO aborted VALUES ('ok')");
    sql.fails("INSERT INTO aborted VALUES ('too long')", "22001");
    sql.fails("SELECT COUNT(*) FROM aborted", "25P02", "current transaction is aborted");
    sql.exec("COMMIT"); // ends the failed transaction as a rollback
    assertThat(sql.rows("SELECT COUNT(*) FROM aborted")).containsExactly("0");
  }

  @Test
  void concurrentRewriteOfTheSameTableFailsAtCommit() throws Exception {
    sql.exec("CREATE TABLE contended (v INTEGER)");
    sql.exec("INSERT INTO contended VALUES (1), (2)");
    try (Connection other = sql.connect(); Statement st = other.createStatement()) {
      sql.exec("BEGIN");
      sql.exec("DELETE FROM contended WHERE v = 1");
      ClusterSql.exec(st, "UPDATE contended SET v = v + 10");
      sql.fails("COMMIT", "40001", "contended");
      assertThat(sql.rows("SELECT v FROM contended ORDER BY v")).containsExactly("11", "12");
    }
  }

  @Test
  void settingsArePerSessionAndUnknownNamesAreErrors() throws Exception {
    assertThat(sql.rows("SHOW search_path")).containsExactly("$user, public");
    sql.exec("SET search_path TO analytics");
    sql.exec("SET statement_timeout = 5000");
    sql.exec("SET DateStyle = 'ISO, DMY'");
    sql.exec("SET myapp.flag = 'on'");
    assertThat(sql.rows("SHOW search_path")).containsExactly("analytics");
    assertThat(sql.rows("SHOW datestyle")).containsExactly("ISO, DMY");
    assertThat(sql.rows("SHOW statement_timeout")).containsExactly("5000");
    assertThat(sql.rows("SHOW myapp.flag")).containsExactly("on");
    assertThat(sql.rows("SHOW ALL")).contains("search_path|analytics", "timezone|UTC");
    try (Connection other = sql.connect(); Statement st = other.createStatement()) {
      assertThat(ClusterSql.rows(st, "SHOW search_path")).containsExactly("$user, public");
    }
    sql.exec("RESET search_path");
    assertThat(sql.rows("SHOW search_path")).containsExactly("$user, public");
    sql.exec("RESET ALL");
    assertThat(sql.rows("SHOW statement_timeout")).containsExactly("0");
    sql.fails("SHOW no_such_setting", "42704", "unrecognized configuration parameter \"no_such_setting\"");
    sql.fails("SET no_such_setting = 1", "42704", "no_such_setting");
    sql.fails("SET statement_timeout = 'soon'", "22023", "statement_timeout");
    sql.fails("SET server_version = '9'", "22023", "server_version");
  }
}
