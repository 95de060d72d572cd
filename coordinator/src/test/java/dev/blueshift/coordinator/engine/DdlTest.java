package dev.blueshift.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.coordinator.dml.ClusterSql;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CREATE TABLE AS / LIKE, ALTER TABLE and views on a real cluster, including restarts. */
class DdlTest {
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

  private static void createOrders(String name) throws Exception {
    sql.exec("CREATE TABLE " + name + " (id INTEGER NOT NULL, cust VARCHAR(8), total DECIMAL(8,2) DEFAULT 0)"
        + " DISTKEY(cust) SORTKEY(id)");
    sql.exec("INSERT INTO " + name + " VALUES (1, 'ann', 10.50), (2, 'bob', 20), (3, 'ann', 5.25), (4, NULL, 1)");
  }

  @Test
  void createTableAsWritesTheQueryRowsWithItsOwnDistribution() throws Exception {
    createOrders("o1");
    assertThat(sql.exec("CREATE TABLE per_cust DISTKEY(cust) SORTKEY(cust) AS "
        + "SELECT cust, SUM(total) AS spent, COUNT(*) AS n FROM o1 WHERE cust IS NOT NULL GROUP BY cust")).isEqualTo(2);
    assertThat(sql.rows("SELECT cust, spent, n FROM per_cust ORDER BY cust")).containsExactly("ann|15.75|2", "bob|20.00|1");
    sql.exec("INSERT INTO per_cust VALUES ('cid', 1.5, 7)");
    assertThat(sql.rows("SELECT COUNT(*) FROM per_cust")).containsExactly("3");
    sql.fails("CREATE TABLE per_cust AS SELECT 1 AS x", "42P07", "per_cust");
    sql.fails("CREATE TABLE bad_ctas AS SELECT nope FROM o1", "42703", "nope");
    sql.fails("SELECT * FROM bad_ctas", "42P01", "bad_ctas");
    sql.fails("CREATE TABLE bad_key DISTKEY(zzz) AS SELECT id FROM o1", "42703", "zzz");
  }

  @Test
  void createTableLikeCopiesColumnsAndKeysButNoRows() throws Exception {
    createOrders("o2");
    sql.exec("CREATE TABLE o2_copy (LIKE o2)");
    sql.exec("CREATE TABLE o2_defaults (LIKE o2 INCLUDING DEFAULTS)");
    assertThat(sql.rows("SELECT COUNT(*) FROM o2_copy")).containsExactly("0");
    sql.exec("INSERT INTO o2_copy (id) VALUES (9)");
    sql.exec("INSERT INTO o2_defaults (id) VALUES (9)");
    assertThat(sql.rows("SELECT id, cust, total FROM o2_copy")).containsExactly("9|null|null");
    assertThat(sql.rows("SELECT id, cust, total FROM o2_defaults")).containsExactly("9|null|0.00");
    sql.fails("INSERT INTO o2_copy (cust) VALUES ('x')", "23502", "id");
  }

  @Test
  void alterTableRenamesAddsAndDropsColumnsKeepingTheRows() throws Exception {
    createOrders("o3");
    sql.exec("ALTER TABLE o3 RENAME TO orders3");
    sql.fails("SELECT * FROM o3", "42P01", "o3");
    sql.exec("ALTER TABLE orders3 RENAME COLUMN cust TO customer");
    sql.exec("ALTER TABLE orders3 ADD COLUMN note VARCHAR(10) DEFAULT 'none'");
    sql.exec("ALTER TABLE orders3 ADD flag BOOLEAN");
    assertThat(sql.rows("SELECT id, customer, total, note, flag FROM orders3 ORDER BY id"))
        .containsExactly("1|ann|10.50|none|null", "2|bob|20.00|none|null", "3|ann|5.25|none|null", "4|null|1.00|none|null");
    sql.exec("ALTER TABLE orders3 DROP COLUMN total");
    assertThat(sql.rows("SELECT * FROM orders3 WHERE customer = 'ann' ORDER BY id"))
        .containsExactly("1|ann|none|null", "3|ann|none|null");
    sql.exec("INSERT INTO orders3 (id, customer) VALUES (5, 'cy')");
    sql.fails("ALTER TABLE orders3 DROP COLUMN customer", "0A000", "DISTKEY");
    sql.fails("ALTER TABLE orders3 ADD COLUMN note INTEGER", "42701", "note");
    sql.fails("ALTER TABLE orders3 RENAME COLUMN nope TO x", "42703", "nope");
    sql.fails("ALTER TABLE orders3 ADD COLUMN must INTEGER NOT NULL", "23502", "must");
    sql.restart();
    assertThat(sql.rows("SELECT id, customer, note FROM orders3 ORDER BY id"))
        .containsExactly("1|ann|none", "2|bob|none", "3|ann|none", "4|null|none", "5|cy|none");
  }

  @Test
  void viewsExpandTheirQueryAndArePersisted() throws Exception {
    createOrders("o4");
    sql.exec("CREATE VIEW big_orders AS SELECT id, cust FROM o4 WHERE total >= 10");
    sql.exec("CREATE VIEW named (order_id) AS SELECT id FROM o4 WHERE id > 3");
    assertThat(sql.rows("SELECT cust, id FROM big_orders ORDER BY id")).containsExactly("ann|1", "bob|2");
    assertThat(sql.rows("SELECT order_id FROM named")).containsExactly("4");
    sql.exec("INSERT INTO o4 VALUES (7, 'dee', 99)");
    assertThat(sql.rows("SELECT COUNT(*) FROM big_orders")).containsExactly("3");
    sql.fails("CREATE VIEW big_orders AS SELECT 1 AS x", "42P07", "big_orders");
    sql.exec("CREATE OR REPLACE VIEW big_orders AS SELECT id, cust FROM o4 WHERE total >= 50");
    sql.fails("INSERT INTO big_orders VALUES (1, 'x')", "42809", "cannot insert into view \"big_orders\"");
    sql.fails("DROP TABLE big_orders", "42809", "DROP VIEW");
    sql.fails("DROP VIEW o4", "42809", "DROP TABLE");
    sql.fails("CREATE VIEW broken AS SELECT nope FROM o4", "42703", "nope");
    sql.restart();
    assertThat(sql.rows("SELECT id, cust FROM big_orders")).containsExactly("7|dee");
    sql.exec("DROP VIEW big_orders");
    sql.exec("DROP VIEW IF EXISTS big_orders");
    sql.fails("SELECT * FROM big_orders", "42P01", "big_orders");
    sql.fails("DROP VIEW big_orders", "42P01", "big_orders");
  }
}
