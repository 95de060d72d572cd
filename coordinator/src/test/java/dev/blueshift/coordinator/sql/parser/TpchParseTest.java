package dev.blueshift.coordinator.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.coordinator.sql.ddl.DistStyle;
import dev.blueshift.coordinator.sql.ddl.RedshiftTypes;
import dev.blueshift.coordinator.sql.ddl.SortKeyStyle;
import dev.blueshift.coordinator.sql.ddl.SqlColumnDeclaration;
import dev.blueshift.coordinator.sql.ddl.SqlCreateTable;
import dev.blueshift.types.SqlType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TpchParseTest {

  private static Map<String, SqlCreateTable> tables() {
    List<SqlNode> statements = BlueshiftSqlParser.parseStatements(TpchFiles.read("ddl.sql"));
    Map<String, SqlCreateTable> byName = new LinkedHashMap<>();
    for (SqlNode s : statements) {
      assertThat(s).isInstanceOf(SqlCreateTable.class);
      SqlCreateTable t = (SqlCreateTable) s;
      byName.put(t.name.getSimple(), t);
    }
    return byName;
  }

  private static List<String> names(List<SqlIdentifier> ids) {
    return ids.stream().map(SqlIdentifier::getSimple).toList();
  }

  @Test
  void ddlDeclaresTheEightTables() {
    assertThat(tables().keySet()).containsExactly(
        "region", "nation", "supplier", "part", "partsupp", "customer", "orders", "lineitem");
  }

  @Test
  void lineitemIsKeyDistributedOnOrderKeyAndSortedOnShipDate() {
    SqlCreateTable lineitem = tables().get("lineitem");
    assertThat(lineitem.diststyle).isEqualTo(DistStyle.KEY);
    assertThat(lineitem.distKey.getSimple()).isEqualTo("l_orderkey");
    assertThat(names(lineitem.sortKey)).containsExactly("l_shipdate");
    assertThat(lineitem.sortKeyStyle).isEqualTo(SortKeyStyle.COMPOUND);
    assertThat(lineitem.temporary).isFalse();
    assertThat(lineitem.ifNotExists).isFalse();
    assertThat(lineitem.query).isNull();
    assertThat(lineitem.columns).hasSize(16);
    assertThat(lineitem.columns).allMatch(c -> c.notNull);

    List<SqlType> types = lineitem.columns.stream()
        .map(c -> RedshiftTypes.toSqlType(c.type)).toList();
    SqlType money = SqlType.decimal(15, 2);
    assertThat(types).containsExactly(
        SqlType.INTEGER, SqlType.INTEGER, SqlType.INTEGER, SqlType.INTEGER,
        money, money, money, money,
        SqlType.character(1), SqlType.character(1),
        SqlType.DATE, SqlType.DATE, SqlType.DATE,
        SqlType.character(25), SqlType.character(10), SqlType.varchar(44));
    assertThat(lineitem.columns.stream().map(SqlColumnDeclaration::columnName).toList())
        .startsWith("l_orderkey", "l_partkey").endsWith("l_comment");
  }

  @Test
  void distributionOfTheOtherTables() {
    Map<String, SqlCreateTable> t = tables();
    SqlCreateTable region = t.get("region");
    assertThat(region.diststyle).isEqualTo(DistStyle.ALL);
    assertThat(region.distKey).isNull();
    assertThat(names(region.sortKey)).containsExactly("r_regionkey");
    assertThat(region.columns).hasSize(3);
    assertThat(RedshiftTypes.toSqlType(region.column("r_name").type)).isEqualTo(SqlType.character(25));
    assertThat(region.column("r_comment").notNull).isFalse();

    SqlCreateTable part = t.get("part");
    assertThat(part.diststyle).isNull();
    assertThat(part.effectiveDistStyle()).isEqualTo(DistStyle.KEY);
    assertThat(part.distKey.getSimple()).isEqualTo("p_partkey");

    assertThat(names(t.get("partsupp").sortKey)).containsExactly("ps_partkey", "ps_suppkey");
    assertThat(t.get("customer").diststyle).isEqualTo(DistStyle.EVEN);
    assertThat(t.get("customer").effectiveDistStyle()).isEqualTo(DistStyle.EVEN);
    assertThat(t.get("nation").effectiveDistStyle()).isEqualTo(DistStyle.ALL);
    assertThat(names(t.get("orders").sortKey)).containsExactly("o_orderdate");
  }

  @Test
  void createTableRoundTripsThroughToString() {
    for (SqlCreateTable table : tables().values()) {
      SqlNode again = BlueshiftSqlParser.parseStatement(BlueshiftSqlParser.toSql(table));
      assertThat(again.toString()).isEqualTo(table.toString());
      SqlCreateTable t2 = (SqlCreateTable) again;
      assertThat(t2.diststyle).isEqualTo(table.diststyle);
      assertThat(t2.distKey == null ? null : t2.distKey.getSimple())
          .isEqualTo(table.distKey == null ? null : table.distKey.getSimple());
      assertThat(names(t2.sortKey)).isEqualTo(names(table.sortKey));
      assertThat(t2.columns).hasSameSizeAs(table.columns);
    }
  }

  static Stream<String> queries() {
    return IntStream.rangeClosed(1, 22).mapToObj(i -> String.format("queries/q%02d.sql", i));
  }

  @ParameterizedTest
  @MethodSource("queries")
  void tpchQueryParses(String file) {
    SqlNode query = BlueshiftSqlParser.parseStatement(TpchFiles.read(file));
    assertThat(query.getKind()).isIn(SqlKind.SELECT, SqlKind.ORDER_BY, SqlKind.WITH);
    // The unparsed text parses again (what a coordinator would ship or log).
    String text = BlueshiftSqlParser.toSql(query);
    assertThat(BlueshiftSqlParser.toSql(BlueshiftSqlParser.parseStatement(text))).isEqualTo(text);
  }

  @Test
  void tpchIdentifiersThatAreKeywordsStillWork() {
    SqlNode q = BlueshiftSqlParser.parseStatement(
        "select r_name, n_name from region join nation on n_regionkey = r_regionkey");
    assertThat(q.toString()).contains("`region`");
  }
}
