package dev.blueshift.coordinator.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.coordinator.server.LocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The system tables queried with SQL on a real cluster (coordinator + 2 workers x 2 slices). */
class SystemTablesTest {
  @TempDir
  static Path dir;
  static LocalCluster cluster;
  static Connection connection;
  static Statement st;

  @BeforeAll
  static void start() throws Exception {
    cluster = LocalCluster.start(dir.resolve("data"), 2, 2, 0);
    connection = DriverManager.getConnection("jdbc:avatica:remote:url=http://127.0.0.1:"
        + cluster.coordinator().jdbcPort() + ";serialization=protobuf", "admin", "");
    st = connection.createStatement();
    st.execute("CREATE TABLE sales (region VARCHAR(10) ENCODE zstd, qty INTEGER NOT NULL, price DECIMAL(10,2),"
        + " code CHAR(3), sold TIMESTAMP, paid BOOLEAN, ratio DOUBLE PRECISION) DISTKEY(qty) SORTKEY(qty, price)");
    st.execute("CREATE TABLE nation (n_key BIGINT NOT NULL, n_name VARCHAR(25)) DISTSTYLE ALL");
    st.execute("CREATE TABLE empty_even (id SMALLINT, d DATE) DISTSTYLE EVEN");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      text.append("r").append(i % 4).append('|').append(i).append("|1.50|abc|2024-01-02 03:04:05|t|0.5\n");
    }
    Path file = dir.resolve("sales.tbl");
    Files.writeString(file, text.toString());
    st.execute("COPY sales FROM '" + file + "'");
    Files.writeString(dir.resolve("nation.tbl"), "0|ALGERIA\n1|ARGENTINA\n");
    st.execute("COPY nation FROM '" + dir.resolve("nation.tbl") + "'");
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

  private static List<String> rows(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int c = 1; c <= n; c++) {
          sb.append(c > 1 ? "|" : "").append(rs.getString(c));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  @Test
  void informationSchemaTablesListsUserTablesAsBaseTables() throws Exception {
    assertThat(rows("SELECT table_catalog, table_schema, table_name, table_type, is_insertable_into"
        + " FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"))
        .containsExactly("dev|public|empty_even|BASE TABLE|YES", "dev|public|nation|BASE TABLE|YES",
            "dev|public|sales|BASE TABLE|YES");
    assertThat(rows("SELECT table_name, table_type FROM information_schema.tables"
        + " WHERE table_schema = 'information_schema' ORDER BY table_name"))
        .containsExactly("columns|VIEW", "schemata|VIEW", "tables|VIEW");
    // other features add system tables: check these are listed, not that nothing else is
    assertThat(rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'pg_catalog'"
        + " ORDER BY table_name")).contains("pg_attribute", "pg_class", "pg_namespace", "pg_stats", "pg_table_def",
            "pg_type", "stl_load_commits", "stl_load_errors", "svv_columns", "svv_table_info", "svv_tables");
  }

  @Test
  void informationSchemaColumnsDescribesTypesAsPostgresDoes() throws Exception {
    assertThat(rows("SELECT ordinal_position, column_name, data_type, character_maximum_length, numeric_precision,"
        + " numeric_precision_radix, numeric_scale, datetime_precision, is_nullable, udt_name"
        + " FROM information_schema.columns WHERE table_name = 'sales' ORDER BY ordinal_position"))
        .containsExactly(
            "1|region|character varying|10|null|null|null|null|YES|varchar",
            "2|qty|integer|null|32|2|0|null|NO|int4",
            "3|price|numeric|null|10|10|2|null|YES|numeric",
            "4|code|character|3|null|null|null|null|YES|bpchar",
            "5|sold|timestamp without time zone|null|null|null|null|6|YES|timestamp",
            "6|paid|boolean|null|null|null|null|null|YES|bool",
            "7|ratio|double precision|null|53|2|null|null|YES|float8");
    assertThat(rows("SELECT column_name, data_type, is_nullable FROM information_schema.columns"
        + " WHERE table_name = 'nation' ORDER BY ordinal_position"))
        .containsExactly("n_key|bigint|NO", "n_name|character varying|YES");
    // the system views describe themselves too
    assertThat(rows("SELECT column_name, data_type FROM information_schema.columns"
        + " WHERE table_schema = 'pg_catalog' AND table_name = 'pg_table_def' ORDER BY ordinal_position"))
        .containsExactly("schemaname|character varying", "tablename|character varying",
            "column|character varying", "type|character varying", "encoding|character varying",
            "distkey|boolean", "sortkey|integer", "notnull|boolean");
  }

  @Test
  void schemataAndNamespaces() throws Exception {
    assertThat(rows("SELECT catalog_name, schema_name, schema_owner FROM information_schema.schemata"
        + " ORDER BY schema_name"))
        .containsExactly("dev|information_schema|rdsdb", "dev|pg_catalog|rdsdb", "dev|public|admin");
    assertThat(rows("SELECT oid, nspname FROM pg_namespace ORDER BY oid"))
        .contains("11|pg_catalog", "2200|public");
  }

  @Test
  void pgTableDefShowsEncodingDistkeySortkeyAndNotNull() throws Exception {
    assertThat(rows("SELECT schemaname, tablename, \"column\", type, encoding, distkey, sortkey, notnull"
        + " FROM pg_table_def WHERE tablename = 'sales'"))
        .containsExactly(
            "public|sales|region|character varying(10)|zstd|false|0|false",
            // AUTO on a sort key column is RAW ("none"), as in Redshift
            "public|sales|qty|integer|none|true|1|true",
            "public|sales|price|numeric(10,2)|none|false|2|false",
            "public|sales|code|character(3)|lzo|false|0|false",
            "public|sales|sold|timestamp without time zone|az64|false|0|false",
            "public|sales|paid|boolean|none|false|0|false",
            "public|sales|ratio|double precision|none|false|0|false");
    assertThat(rows("SELECT DISTINCT tablename FROM pg_catalog.pg_table_def ORDER BY tablename"))
        .containsExactly("empty_even", "nation", "sales");
  }

  @Test
  void svvTableInfoShowsDistributionSortKeySizeAndRows() throws Exception {
    assertThat(rows("SELECT database, schema, \"table\", encoded, diststyle, sortkey1, sortkey_num, max_varchar,"
        + " sortkey1_enc, tbl_rows, unsorted FROM svv_table_info ORDER BY \"table\""))
        .containsExactly(
            "dev|public|empty_even|Y|EVEN|null|0|0|null|0|null",
            "dev|public|nation|Y|ALL|null|0|25|null|2|null",
            "dev|public|sales|Y|KEY(qty)|qty|2|10|none|100|0.00");
    // every slice of 'sales' holds a segment; a segment takes at least one 1 MB block
    assertThat(rows("SELECT size >= 4, skew_rows > 0 FROM svv_table_info WHERE \"table\" = 'sales'"))
        .containsExactly("true|true");
    List<String> ids = rows("SELECT table_id FROM svv_table_info WHERE \"table\" = 'nation'");
    assertThat(rows("SELECT oid, relkind, relnatts, reltuples, reldiststyle FROM pg_class WHERE relname = 'nation'"))
        .containsExactly(ids.get(0) + "|r|2|2.0|8");
  }

  @Test
  void pgClassAndPgAttributeDescribeRelationsAndColumns() throws Exception {
    String oid = rows("SELECT oid FROM pg_class WHERE relname = 'sales'").get(0);
    assertThat(Long.parseLong(oid)).isGreaterThanOrEqualTo(PinnedCatalog.FIRST_USER_OID);
    assertThat(rows("SELECT attnum, attname, atttypid, atttypmod, attnotnull, attisdistkey, attsortkeyord"
        + " FROM pg_attribute WHERE attrelid = " + oid + " ORDER BY attnum"))
        .containsExactly("1|region|1043|14|false|false|0", "2|qty|23|-1|true|true|1",
            "3|price|1700|655366|false|false|2", "4|code|1042|7|false|false|0", "5|sold|1114|-1|false|false|0",
            "6|paid|16|-1|false|false|0", "7|ratio|701|-1|false|false|0");
    assertThat(rows("SELECT relkind, COUNT(*) FROM pg_class GROUP BY relkind ORDER BY relkind"))
        .containsExactly("r|3", "v|" + SystemTables.ALL.size());
    assertThat(rows("SELECT typname FROM pg_type WHERE oid IN (20, 23, 1043, 1700) ORDER BY oid"))
        .containsExactly("int8", "int4", "varchar", "numeric");
  }

  @Test
  void svvTablesAndSvvColumns() throws Exception {
    assertThat(rows("SELECT table_catalog, table_schema, table_name, table_type FROM svv_tables"
        + " WHERE table_schema = 'public' ORDER BY table_name"))
        .containsExactly("dev|public|empty_even|BASE TABLE", "dev|public|nation|BASE TABLE",
            "dev|public|sales|BASE TABLE");
    assertThat(rows("SELECT column_name, ordinal_position, data_type, character_maximum_length, numeric_precision,"
        + " numeric_scale, is_nullable FROM svv_columns WHERE table_name = 'sales' AND ordinal_position <= 3"
        + " ORDER BY ordinal_position"))
        .containsExactly("region|1|character varying|10|null|null|YES", "qty|2|integer|null|32|0|NO",
            "price|3|numeric|null|10|2|YES");
  }

  @Test
  void catalogJoinsAsBiToolsWriteThem() throws Exception {
    assertThat(rows("SELECT n.nspname, c.relname, COUNT(*) FROM pg_catalog.pg_class c"
        + " JOIN pg_catalog.pg_namespace n ON c.relnamespace = n.oid"
        + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid"
        + " WHERE c.relkind = 'r' GROUP BY n.nspname, c.relname ORDER BY c.relname"))
        .containsExactly("public|empty_even|2", "public|nation|2", "public|sales|7");
  }

  @Test
  void viewsAreListedAsViews() throws Exception {
    st.execute("CREATE VIEW big_sales AS SELECT region, qty FROM sales WHERE qty > 50");
    try {
      assertThat(rows("SELECT table_type FROM information_schema.tables WHERE table_name = 'big_sales'"))
          .containsExactly("VIEW");
      assertThat(rows("SELECT relkind FROM pg_class WHERE relname = 'big_sales'")).containsExactly("v");
      assertThat(rows("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'big_sales'"
          + " ORDER BY ordinal_position")).containsExactly("region|character varying", "qty|integer");
      assertThat(rows("SELECT COUNT(*) FROM svv_table_info WHERE \"table\" = 'big_sales'")).containsExactly("0");
    } finally {
      st.execute("DROP VIEW big_sales");
    }
  }

  @Test
  void eachStatementSeesTheCatalogOfItsStart() throws Exception {
    st.execute("CREATE TABLE scratch (a INTEGER)");
    assertThat(rows("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'scratch'"))
        .containsExactly("1");
    st.execute("DROP TABLE scratch");
    assertThat(rows("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'scratch'"))
        .containsExactly("0");
  }

  @Test
  void systemTablesAreNotInPublicAndInformationSchemaNeedsItsName() {
    assertThatThrownBy(() -> rows("SELECT * FROM columns"))
        .hasMessageContaining("relation \"columns\" does not exist");
    assertThatThrownBy(() -> rows("SELECT * FROM public.pg_class"))
        .hasMessageContaining("does not exist");
  }
}
