package dev.blueshift.coordinator.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.coordinator.server.LocalCluster;
import dev.blueshift.coordinator.system.SystemTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DatabaseMetaData through the real {@code jdbc:blueshift:} driver against a local cluster,
 * called the way DBeaver and Metabase call it.
 */
class DatabaseMetaDataTest {
  @TempDir
  static Path dir;
  static LocalCluster cluster;
  static Connection connection;
  static DatabaseMetaData md;

  @BeforeAll
  static void start() throws Exception {
    cluster = LocalCluster.start(dir.resolve("data"), 2, 1, 0);
    String url = "jdbc:blueshift://127.0.0.1:" + cluster.coordinator().jdbcPort() + "/dev";
    connection = DriverManager.getConnection(url, "admin", "");
    assertThat(connection.getClass().getName()).startsWith("dev.blueshift.jdbc.");
    try (Statement st = connection.createStatement()) {
      st.execute("CREATE TABLE sales (region VARCHAR(10), qty INTEGER NOT NULL, price DECIMAL(10,2), code CHAR(3),"
          + " big BIGINT, small SMALLINT, f4 REAL, f8 DOUBLE PRECISION, paid BOOLEAN, d DATE, sold TIMESTAMP,"
          + " zoned TIMESTAMPTZ) DISTKEY(qty)");
      st.execute("CREATE TABLE sales_2 (id INTEGER)");
      st.execute("CREATE TABLE salesx (id INTEGER)");
    }
    md = connection.getMetaData();
  }

  @AfterAll
  static void stop() throws Exception {
    if (connection != null) {
      connection.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static List<String> column(ResultSet rs, String... names) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
          sb.append(sb.length() > 0 ? "|" : "").append(rs.getString(n));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  @Test
  void productAndDialect() throws Exception {
    assertThat(md.getDatabaseProductName()).isEqualTo("Blueshift");
    assertThat(md.getDatabaseProductVersion()).isEqualTo("0.1.0");
    assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
    assertThat(md.storesLowerCaseIdentifiers()).isTrue();
    assertThat(md.storesUpperCaseIdentifiers()).isFalse();
    assertThat(md.getSearchStringEscape()).isEqualTo("\\");
  }

  @Test
  void oneCatalogAndTheSchemas() throws Exception {
    assertThat(column(md.getCatalogs(), "TABLE_CAT")).containsExactly("dev");
    assertThat(column(md.getSchemas(), "TABLE_SCHEM", "TABLE_CATALOG"))
        .containsExactly("information_schema|dev", "pg_catalog|dev", "public|dev");
    assertThat(column(md.getSchemas("dev", "pub%"), "TABLE_SCHEM")).containsExactly("public");
    assertThat(column(md.getSchemas("other", null), "TABLE_SCHEM")).isEmpty();
  }

  @Test
  void tablesByTypeAndPattern() throws Exception {
    assertThat(column(md.getTables(null, "public", "%", new String[] {"TABLE"}),
        "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS"))
        .containsExactly("dev|public|sales|TABLE|null", "dev|public|sales_2|TABLE|null",
            "dev|public|salesx|TABLE|null");
    // '_' matches any one character unless escaped
    assertThat(column(md.getTables(null, null, "sales_2", null), "TABLE_NAME")).containsExactly("sales_2");
    assertThat(column(md.getTables(null, null, "sales_", null), "TABLE_NAME")).containsExactly("salesx");
    assertThat(column(md.getTables(null, null, "sales\\_%", null), "TABLE_NAME")).containsExactly("sales_2");
    assertThat(column(md.getTables(null, null, "pg_class", null), "TABLE_SCHEM", "TABLE_TYPE"))
        .containsExactly("pg_catalog|SYSTEM TABLE");
    assertThat(column(md.getTables(null, null, "%", new String[] {"SYSTEM TABLE"}), "TABLE_NAME"))
        .hasSize(SystemTables.ALL.size());
    assertThat(column(md.getTables(null, null, "%", new String[] {"VIEW"}), "TABLE_NAME")).isEmpty();
    assertThat(column(md.getTables("nope", null, "%", null), "TABLE_NAME")).isEmpty();
    assertThat(column(md.getTableTypes(), "TABLE_TYPE")).containsExactly("SYSTEM TABLE", "TABLE", "VIEW");
  }

  @Test
  void columnsWithJdbcTypesSizesAndNullability() throws Exception {
    assertThat(column(md.getColumns(null, "public", "sales", "%"), "ORDINAL_POSITION", "COLUMN_NAME", "DATA_TYPE",
        "TYPE_NAME", "COLUMN_SIZE", "DECIMAL_DIGITS", "NULLABLE", "IS_NULLABLE", "CHAR_OCTET_LENGTH"))
        .containsExactly(
            "1|region|" + Types.VARCHAR + "|varchar|10|null|1|YES|10",
            "2|qty|" + Types.INTEGER + "|int4|10|0|0|NO|null",
            "3|price|" + Types.DECIMAL + "|numeric|10|2|1|YES|null",
            "4|code|" + Types.CHAR + "|bpchar|3|null|1|YES|3",
            "5|big|" + Types.BIGINT + "|int8|19|0|1|YES|null",
            "6|small|" + Types.SMALLINT + "|int2|5|0|1|YES|null",
            "7|f4|" + Types.REAL + "|float4|8|null|1|YES|null",
            "8|f8|" + Types.DOUBLE + "|float8|17|null|1|YES|null",
            "9|paid|" + Types.BOOLEAN + "|bool|1|null|1|YES|null",
            "10|d|" + Types.DATE + "|date|10|null|1|YES|null",
            "11|sold|" + Types.TIMESTAMP + "|timestamp|26|6|1|YES|null",
            "12|zoned|" + Types.TIMESTAMP + "|timestamptz|29|6|1|YES|null");
    assertThat(column(md.getColumns("dev", "public", "sales", "s%"), "COLUMN_NAME"))
        .containsExactly("small", "sold");
    assertThat(column(md.getColumns(null, "pg_catalog", "pg_class", "relname"), "TYPE_NAME", "IS_NULLABLE"))
        .containsExactly("varchar|NO");
  }

  @Test
  void everyTableColumnMatchesWhatAQueryReports() throws Exception {
    List<String> tables = column(md.getTables(null, null, "%", new String[] {"TABLE", "SYSTEM TABLE"}),
        "TABLE_SCHEM", "TABLE_NAME");
    assertThat(tables).hasSize(3 + SystemTables.ALL.size());
    for (String t : tables) {
      String[] sn = t.split("\\|");
      List<String> described = column(md.getColumns(null, sn[0], sn[1], "%"), "COLUMN_NAME", "DATA_TYPE", "NULLABLE");
      List<String> queried = new ArrayList<>();
      try (Statement st = connection.createStatement();
           ResultSet rs = st.executeQuery("SELECT * FROM " + sn[0] + "." + sn[1] + " LIMIT 0")) {
        ResultSetMetaData rmd = rs.getMetaData();
        for (int i = 1; i <= rmd.getColumnCount(); i++) {
          queried.add(rmd.getColumnName(i) + "|" + rmd.getColumnType(i) + "|" + rmd.isNullable(i));
        }
      }
      assertThat(described).as(t).isEqualTo(queried);
    }
  }

  @Test
  void primaryKeysFunctionsAndTypeInfoAreWellFormed() throws Exception {
    try (ResultSet rs = md.getPrimaryKeys(null, "public", "sales")) {
      assertThat(rs.getMetaData().getColumnName(5)).isEqualTo("KEY_SEQ");
      assertThat(rs.next()).isFalse();
    }
    try (ResultSet rs = md.getFunctions(null, null, "%")) {
      assertThat(rs.getMetaData().getColumnName(3)).isEqualTo("FUNCTION_NAME");
      assertThat(rs.next()).isFalse();
    }
    assertThat(column(md.getTypeInfo(), "TYPE_NAME", "DATA_TYPE", "PRECISION", "CREATE_PARAMS"))
        .contains("int4|" + Types.INTEGER + "|10|null", "varchar|" + Types.VARCHAR + "|65535|length",
            "numeric|" + Types.DECIMAL + "|38|precision,scale", "timestamptz|" + Types.TIMESTAMP + "|29|null")
        .hasSize(12);
    List<Integer> order = new ArrayList<>();
    try (ResultSet rs = md.getTypeInfo()) {
      while (rs.next()) {
        order.add(rs.getInt("DATA_TYPE"));
      }
    }
    assertThat(order).isSorted();
  }
}
