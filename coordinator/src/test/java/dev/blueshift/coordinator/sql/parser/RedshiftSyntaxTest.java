package dev.blueshift.coordinator.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.coordinator.sql.ddl.DistStyle;
import dev.blueshift.coordinator.sql.ddl.RedshiftTypes;
import dev.blueshift.coordinator.sql.ddl.SortKeyStyle;
import dev.blueshift.coordinator.sql.ddl.SqlAnalyze;
import dev.blueshift.coordinator.sql.ddl.SqlColumnDeclaration;
import dev.blueshift.coordinator.sql.ddl.SqlCreateSchema;
import dev.blueshift.coordinator.sql.ddl.SqlCreateTable;
import dev.blueshift.coordinator.sql.ddl.SqlDropSchema;
import dev.blueshift.coordinator.sql.ddl.SqlDropTable;
import dev.blueshift.coordinator.sql.ddl.SqlRedshiftExplain;
import dev.blueshift.coordinator.sql.ddl.SqlShow;
import dev.blueshift.coordinator.sql.ddl.SqlTransaction;
import dev.blueshift.coordinator.sql.ddl.SqlTruncate;
import dev.blueshift.coordinator.sql.ddl.SqlVacuum;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.types.SqlType;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSetOption;
import org.junit.jupiter.api.Test;

class RedshiftSyntaxTest {

  private static SqlNode parse(String sql) {
    return BlueshiftSqlParser.parseStatement(sql);
  }

  private static SqlCreateTable create(String sql) {
    return (SqlCreateTable) parse(sql);
  }

  private static SqlType typeOf(String typeText) {
    SqlCreateTable t = create("create table t (c " + typeText + ")");
    return RedshiftTypes.toSqlType(t.columns.get(0).type);
  }

  private static BlueshiftException syntaxError(String sql) {
    try {
      BlueshiftSqlParser.parseStatements(sql);
    } catch (BlueshiftException e) {
      return e;
    }
    throw new AssertionError("expected a syntax error for: " + sql);
  }

  @Test
  void columnLevelKeysEncodingsAndConstraints() {
    SqlCreateTable t = create("CREATE TEMP TABLE IF NOT EXISTS s.events (\n"
        + "  id BIGINT IDENTITY(1, 1) PRIMARY KEY,\n"
        + "  user_id INTEGER NOT NULL DISTKEY ENCODE az64,\n"
        + "  ts TIMESTAMP SORTKEY ENCODE raw,\n"
        + "  kind VARCHAR(20) DEFAULT 'click' NOT NULL ENCODE zstd,\n"
        + "  score REAL NULL UNIQUE REFERENCES scores(id),\n"
        + "  qty SMALLINT DEFAULT 0 NOT NULL,\n"
        + "  text TEXT ENCODE lzo\n"
        + ")");
    assertThat(t.temporary).isTrue();
    assertThat(t.ifNotExists).isTrue();
    assertThat(t.name.names).containsExactly("s", "events");
    assertThat(t.diststyle).isNull();
    assertThat(t.effectiveDistStyle()).isEqualTo(DistStyle.KEY);
    assertThat(t.distKey.getSimple()).isEqualTo("user_id");
    assertThat(t.sortKey.stream().map(SqlIdentifier::getSimple)).containsExactly("ts");
    assertThat(t.sortKeyStyle).isEqualTo(SortKeyStyle.COMPOUND);
    assertThat(t.primaryKey.stream().map(SqlIdentifier::getSimple)).containsExactly("id");

    SqlColumnDeclaration id = t.column("id");
    assertThat(id.identitySeed.toString()).isEqualTo("1");
    assertThat(id.identityStep.toString()).isEqualTo("1");
    SqlColumnDeclaration userId = t.column("user_id");
    assertThat(userId.notNull).isTrue();
    assertThat(userId.encode).isEqualTo("az64");
    assertThat(userId.distKey).isTrue();
    assertThat(t.column("ts").encode).isEqualTo("raw");
    SqlColumnDeclaration kind = t.column("kind");
    assertThat(kind.defaultValue.toString()).isEqualTo("'click'");
    assertThat(kind.notNull).isTrue();
    SqlColumnDeclaration score = t.column("score");
    assertThat(score.notNull).isFalse();
    assertThat(score.unique).isTrue();
    assertThat(score.referencesTable.getSimple()).isEqualTo("scores");
    assertThat(t.column("qty").defaultValue.toString()).isEqualTo("0");
    assertThat(t.column("qty").notNull).isTrue();
    assertThat(RedshiftTypes.toSqlType(t.column("text").type)).isEqualTo(SqlType.varchar(256));

    SqlCreateTable again = create(BlueshiftSqlParser.toSql(t));
    assertThat(again.toString()).isEqualTo(t.toString());
    assertThat(again.distKey.getSimple()).isEqualTo("user_id");
    SqlCreateTable mixed = create("create table t (a int encode zstd distkey, b varchar(max)) sortkey(b)");
    assertThat(BlueshiftSqlParser.toSql(mixed)).isEqualTo(
        "CREATE TABLE \"t\" (\"a\" INTEGER ENCODE ZSTD DISTKEY, \"b\" VARCHAR(65535)) SORTKEY (\"b\")");
  }

  @Test
  void tableLevelAttributesInAnyOrder() {
    SqlCreateTable t = create("create table t (a int, b int, c date, primary key (a, b)) "
        + "interleaved sortkey (c, a) diststyle key distkey (b)");
    assertThat(t.diststyle).isEqualTo(DistStyle.KEY);
    assertThat(t.distKey.getSimple()).isEqualTo("b");
    assertThat(t.sortKeyStyle).isEqualTo(SortKeyStyle.INTERLEAVED);
    assertThat(t.sortKey.stream().map(SqlIdentifier::getSimple)).containsExactly("c", "a");
    assertThat(t.primaryKey.stream().map(SqlIdentifier::getSimple)).containsExactly("a", "b");

    SqlCreateTable auto = create("create table t (a int) diststyle auto sortkey auto encode auto");
    assertThat(auto.diststyle).isEqualTo(DistStyle.AUTO);
    assertThat(auto.sortKey).isEmpty();
    assertThat(auto.sortKeyStyle).isNull();

    SqlCreateTable compound = create("create table t (a int) diststyle even compound sortkey(a)");
    assertThat(compound.diststyle).isEqualTo(DistStyle.EVEN);
    assertThat(compound.sortKeyStyle).isEqualTo(SortKeyStyle.COMPOUND);
  }

  @Test
  void createTableAsSelect() {
    SqlCreateTable t = create("create table top_orders distkey(o_custkey) as "
        + "select o_orderkey, o_custkey from orders where o_totalprice > 1000");
    assertThat(t.columns).isEmpty();
    assertThat(t.query).isInstanceOf(SqlSelect.class);
    assertThat(t.distKey.getSimple()).isEqualTo("o_custkey");
    assertThat(create(BlueshiftSqlParser.toSql(t)).query).isNotNull();
  }

  @Test
  void inconsistentDistributionIsRejected() {
    BlueshiftException e = syntaxError("create table t (a int) diststyle all distkey(a)");
    assertThat(e.sqlState()).isEqualTo("42P16");
    assertThat(e.getMessage()).contains("DISTSTYLE ALL");
    assertThat(syntaxError("create table t (a int) diststyle key").getMessage()).contains("DISTKEY");
    assertThat(syntaxError("create table t (a int distkey, b int distkey)").getMessage())
        .contains("more than one DISTKEY");
    BlueshiftException enc = syntaxError("create table t (a int encode snappy)");
    assertThat(enc.sqlState()).isEqualTo("42601");
    assertThat(enc.getMessage()).contains("snappy");
    assertThat(enc.column()).isEqualTo(23);
  }

  @Test
  void redshiftTypeNames() {
    assertThat(typeOf("INT2")).isEqualTo(SqlType.SMALLINT);
    assertThat(typeOf("SMALLINT")).isEqualTo(SqlType.SMALLINT);
    assertThat(typeOf("INT")).isEqualTo(SqlType.INTEGER);
    assertThat(typeOf("INT4")).isEqualTo(SqlType.INTEGER);
    assertThat(typeOf("INTEGER")).isEqualTo(SqlType.INTEGER);
    assertThat(typeOf("BIGINT")).isEqualTo(SqlType.BIGINT);
    assertThat(typeOf("INT8")).isEqualTo(SqlType.BIGINT);
    assertThat(typeOf("DECIMAL")).isEqualTo(SqlType.decimal(18, 0));
    assertThat(typeOf("NUMERIC(12,3)")).isEqualTo(SqlType.decimal(12, 3));
    assertThat(typeOf("DECIMAL(10)")).isEqualTo(SqlType.decimal(10, 0));
    assertThat(typeOf("REAL")).isEqualTo(SqlType.REAL);
    assertThat(typeOf("FLOAT4")).isEqualTo(SqlType.REAL);
    assertThat(typeOf("DOUBLE PRECISION")).isEqualTo(SqlType.DOUBLE);
    assertThat(typeOf("FLOAT8")).isEqualTo(SqlType.DOUBLE);
    assertThat(typeOf("FLOAT")).isEqualTo(SqlType.DOUBLE);
    assertThat(typeOf("BOOLEAN")).isEqualTo(SqlType.BOOLEAN);
    assertThat(typeOf("BOOL")).isEqualTo(SqlType.BOOLEAN);
    assertThat(typeOf("CHAR")).isEqualTo(SqlType.character(1));
    assertThat(typeOf("CHAR(10)")).isEqualTo(SqlType.character(10));
    assertThat(typeOf("CHARACTER(3)")).isEqualTo(SqlType.character(3));
    assertThat(typeOf("NCHAR(4)")).isEqualTo(SqlType.character(4));
    assertThat(typeOf("BPCHAR")).isEqualTo(SqlType.character(1));
    assertThat(typeOf("VARCHAR")).isEqualTo(SqlType.varchar(256));
    assertThat(typeOf("VARCHAR(40)")).isEqualTo(SqlType.varchar(40));
    assertThat(typeOf("CHARACTER VARYING(41)")).isEqualTo(SqlType.varchar(41));
    assertThat(typeOf("NVARCHAR(42)")).isEqualTo(SqlType.varchar(42));
    assertThat(typeOf("VARCHAR(MAX)")).isEqualTo(SqlType.varchar(65535));
    assertThat(typeOf("TEXT")).isEqualTo(SqlType.varchar(256));
    assertThat(typeOf("DATE")).isEqualTo(SqlType.DATE);
    assertThat(typeOf("TIMESTAMP")).isEqualTo(SqlType.TIMESTAMP);
    assertThat(typeOf("TIMESTAMP WITHOUT TIME ZONE")).isEqualTo(SqlType.TIMESTAMP);
    assertThat(typeOf("TIMESTAMPTZ")).isEqualTo(SqlType.TIMESTAMPTZ);
    assertThat(typeOf("TIMESTAMP WITH TIME ZONE")).isEqualTo(SqlType.TIMESTAMPTZ);
  }

  @Test
  void unsupportedTypesNameTheType() {
    SqlCreateTable t = create("create table t (a geography, b time, c varbyte)");
    for (SqlColumnDeclaration c : t.columns) {
      assertThatThrownBy(() -> RedshiftTypes.toSqlType(c.type))
          .isInstanceOfSatisfying(BlueshiftException.class, e -> {
            assertThat(e.sqlState()).isEqualTo("0A000");
            assertThat(e.getMessage()).containsIgnoringCase(c.type.getTypeName().getSimple());
          });
    }
  }

  @Test
  void dropTruncateSchema() {
    SqlDropTable d = (SqlDropTable) parse("drop table if exists s.t cascade");
    assertThat(d.ifExists).isTrue();
    assertThat(d.cascade).isTrue();
    assertThat(d.name.names).containsExactly("s", "t");
    assertThat(((SqlDropTable) parse("DROP TABLE region")).ifExists).isFalse();

    assertThat(((SqlTruncate) parse("truncate lineitem")).name.getSimple()).isEqualTo("lineitem");
    assertThat(((SqlTruncate) parse("TRUNCATE TABLE lineitem")).name.getSimple()).isEqualTo("lineitem");

    SqlCreateSchema cs = (SqlCreateSchema) parse("create schema if not exists tpch authorization admin");
    assertThat(cs.ifNotExists).isTrue();
    assertThat(cs.name.getSimple()).isEqualTo("tpch");
    assertThat(cs.authorization.getSimple()).isEqualTo("admin");
    SqlDropSchema ds = (SqlDropSchema) parse("drop schema if exists tpch cascade");
    assertThat(ds.ifExists).isTrue();
    assertThat(ds.cascade).isTrue();
    assertThat(parse("drop schema tpch").toString()).isEqualTo("DROP SCHEMA `tpch`");
  }

  @Test
  void views() {
    SqlNode create = parse("create or replace view v (a, b) as select x, y from t");
    assertThat(create).isInstanceOf(org.apache.calcite.sql.ddl.SqlCreateView.class);
    assertThat(((org.apache.calcite.sql.ddl.SqlCreateView) create).getReplace()).isTrue();
    assertThat(parse("CREATE VIEW v AS SELECT 1").getKind()).isEqualTo(SqlKind.CREATE_VIEW);
    SqlNode drop = parse("drop view if exists v");
    assertThat(drop.getKind()).isEqualTo(SqlKind.DROP_VIEW);
    assertThat(((org.apache.calcite.sql.SqlDrop) drop).ifExists).isTrue();
  }

  @Test
  void analyzeAndVacuum() {
    SqlAnalyze all = (SqlAnalyze) parse("analyze");
    assertThat(all.table).isNull();
    SqlAnalyze one = (SqlAnalyze) parse("ANALYZE VERBOSE lineitem (l_shipdate, l_orderkey)");
    assertThat(one.verbose).isTrue();
    assertThat(one.table.getSimple()).isEqualTo("lineitem");
    assertThat(one.columns).hasSize(2);

    SqlVacuum v = (SqlVacuum) parse("vacuum");
    assertThat(v.table).isNull();
    assertThat(v.mode).isEqualTo(SqlVacuum.Mode.FULL);
    assertThat(((SqlVacuum) parse("vacuum sort only orders")).mode).isEqualTo(SqlVacuum.Mode.SORT_ONLY);
    assertThat(((SqlVacuum) parse("vacuum delete only orders")).mode).isEqualTo(SqlVacuum.Mode.DELETE_ONLY);
    SqlVacuum full = (SqlVacuum) parse("VACUUM FULL orders TO 75 PERCENT");
    assertThat(full.table.getSimple()).isEqualTo("orders");
    assertThat(full.toPercent).isEqualTo(75);
    assertThat(((SqlVacuum) parse("vacuum reindex orders")).mode).isEqualTo(SqlVacuum.Mode.REINDEX);
    assertThat(((SqlVacuum) parse("vacuum sort")).table.getSimple()).isEqualTo("sort");
  }

  @Test
  void infixCastBecomesCast() {
    SqlSelect s = (SqlSelect) parse("select a::int, '2024-01-01'::date + 1, -b::numeric(10,2) from t");
    SqlNode first = s.getSelectList().get(0);
    assertThat(first.getKind()).isEqualTo(SqlKind.CAST);
    assertThat(first.toString()).isEqualTo("CAST(`a` AS INTEGER)");
    assertThat(s.getSelectList().get(1).toString()).isEqualTo("CAST('2024-01-01' AS DATE) + 1");
    assertThat(s.getSelectList().get(2).toString()).isEqualTo("- CAST(`b` AS DECIMAL(10, 2))");
    SqlSelect redshiftTypes = (SqlSelect) parse("select x::int8, y::text, z::varchar(max) from t");
    assertThat(redshiftTypes.getSelectList().toString())
        .isEqualTo("CAST(`x` AS BIGINT), CAST(`y` AS VARCHAR), CAST(`z` AS VARCHAR(65535))");
  }

  @Test
  void dateaddAndDatediff() {
    SqlSelect s = (SqlSelect) parse("select dateadd(day, 7, o_orderdate), datediff(mon, a, b), "
        + "dateadd('yr', -1, c), datediff(week, a, b) from orders");
    List<SqlNode> items = s.getSelectList().getList();
    SqlCall add = (SqlCall) items.get(0);
    assertThat(add.getOperator().getName()).isEqualTo("DATEADD");
    assertThat(((SqlIntervalQualifier) add.operand(0)).getUnit()).isEqualTo(TimeUnit.DAY);
    assertThat(add.operandCount()).isEqualTo(3);
    SqlCall diff = (SqlCall) items.get(1);
    assertThat(diff.getOperator().getName()).isEqualTo("DATEDIFF");
    assertThat(((SqlIntervalQualifier) diff.operand(0)).getUnit()).isEqualTo(TimeUnit.MONTH);
    assertThat(((SqlIntervalQualifier) ((SqlCall) items.get(2)).operand(0)).getUnit()).isEqualTo(TimeUnit.YEAR);
    assertThat(((SqlIntervalQualifier) ((SqlCall) items.get(3)).operand(0)).getUnit()).isEqualTo(TimeUnit.WEEK);
    assertThat(syntaxError("select dateadd('fortnight', 1, d) from t").getMessage()).contains("fortnight");
  }

  @Test
  void selectTopBecomesLimit() {
    SqlOrderBy q = (SqlOrderBy) parse("select top 10 o_orderkey from orders order by o_totalprice desc");
    assertThat(q.fetch.toString()).isEqualTo("10");
    assertThat(q.orderList).hasSize(1);
    SqlSelect outer = (SqlSelect) parse(
        "select * from (select distinct top 5 a from t) x where 'select top 3' <> a");
    assertThat(outer.toString()).contains("FETCH NEXT 5 ROWS ONLY").contains("'select top 3'");
    // TOP as a column name is left alone.
    assertThat(parse("select top from t")).isInstanceOf(SqlSelect.class);
    // Positions after the rewritten TOP stay right.
    BlueshiftException e = syntaxError("select top 10 a from from t");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isEqualTo(22);
  }

  @Test
  void explain() {
    SqlRedshiftExplain e = (SqlRedshiftExplain) parse("explain select * from lineitem");
    assertThat(e.verbose).isFalse();
    assertThat(e.query).isInstanceOf(SqlSelect.class);
    SqlRedshiftExplain v = (SqlRedshiftExplain) parse("EXPLAIN VERBOSE select 1");
    assertThat(v.verbose).isTrue();
    SqlRedshiftExplain a = (SqlRedshiftExplain) parse("EXPLAIN ANALYZE VERBOSE select 1");
    assertThat(a.analyze).isTrue();
    assertThat(a.verbose).isTrue();
    assertThat(parse("explain plan for select 1")).isInstanceOf(SqlExplain.class);
  }

  @Test
  void showSetAndTransactions() {
    assertThat(((SqlShow) parse("show search_path")).name.getSimple()).isEqualTo("search_path");
    assertThat(((SqlShow) parse("SHOW ALL")).name.getSimple()).isEqualTo("all");
    SqlSetOption set = (SqlSetOption) parse("set datestyle to 'ISO'");
    assertThat(set.getName().getSimple()).isEqualTo("datestyle");
    assertThat(set.getValue().toString()).isEqualTo("'ISO'");
    SqlSetOption eq = (SqlSetOption) parse("SET statement_timeout = 1000");
    assertThat(eq.getValue().toString()).isEqualTo("1000");
    assertThat(parse("reset all")).isInstanceOf(SqlSetOption.class);

    List<SqlNode> script = BlueshiftSqlParser.parseStatements(
        "begin; start transaction; commit; end transaction; rollback work; abort; begin work; end");
    assertThat(script.stream().map(n -> ((SqlTransaction) n).kind)).containsExactly(
        SqlTransaction.Kind.BEGIN, SqlTransaction.Kind.BEGIN, SqlTransaction.Kind.COMMIT,
        SqlTransaction.Kind.COMMIT, SqlTransaction.Kind.ROLLBACK, SqlTransaction.Kind.ROLLBACK,
        SqlTransaction.Kind.BEGIN, SqlTransaction.Kind.COMMIT);
  }

  @Test
  void newKeywordsStayUsableAsIdentifiers() {
    SqlSelect s = (SqlSelect) parse("select region, key, format, encoding, text, auto, even, temp, "
        + "copy, analyze, verbose, distkey, sortkey, encode, \"Mixed\" from region");
    assertThat(s.getSelectList().getList().stream().map(n -> ((SqlIdentifier) n).getSimple())).containsExactly(
        "region", "key", "format", "encoding", "text", "auto", "even", "temp", "copy", "analyze",
        "verbose", "distkey", "sortkey", "encode", "Mixed");
    SqlCreateTable t = create("create table if (key int, text varchar(10), region int)");
    assertThat(t.name.getSimple()).isEqualTo("if");
  }

  @Test
  void redshiftHabitsInQueries() {
    assertThat(parse("select nvl(a, 0), decode(b, 1, 'x', 'y'), getdate(), a != b "
        + "from t where c ilike 'x%' limit 5")).isNotNull();
    assertThat(parse("select listagg(a, ',') within group (order by a) from t group by 1")).isNotNull();
    assertThat(parse("select date_trunc('month', d) as m, count(*) from t group by m")).isNotNull();
  }

  @Test
  void scriptsAndStatementCount() {
    List<SqlNode> statements = BlueshiftSqlParser.parseStatements(
        "-- load\ncreate table a (x int);\n\ninsert into a values (1), (2);\nselect * from a;\n");
    assertThat(statements).hasSize(3);
    assertThat(statements.get(1).getKind()).isEqualTo(SqlKind.INSERT);
    assertThat(BlueshiftSqlParser.parseStatements("  ")).isEmpty();
    assertThat(BlueshiftSqlParser.parseStatements("select 1; select 2")).hasSize(2);
    assertThatThrownBy(() -> BlueshiftSqlParser.parseStatement("select 1; select 2"))
        .isInstanceOfSatisfying(BlueshiftException.class, x -> {
          assertThat(x.sqlState()).isEqualTo("42601");
          assertThat(x.column()).isEqualTo(11);
        });
  }

  @Test
  void syntaxErrorsCarryTokenLineAndColumn() {
    BlueshiftException e = syntaxError("select a,\n  b\nfrom t\nwhere a = = 1");
    assertThat(e.sqlState()).isEqualTo("42601");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.column()).isEqualTo(9);
    assertThat(e.getMessage()).contains("\"= =\"").contains("line 4, column 9");

    BlueshiftException kw = syntaxError("select * from where");
    assertThat(kw.line()).isEqualTo(1);
    assertThat(kw.column()).isEqualTo(15);
    assertThat(kw.getMessage()).containsIgnoringCase("where");

    BlueshiftException lexical = syntaxError("select 'unterminated from t");
    assertThat(lexical.sqlState()).isEqualTo("42601");
    assertThat(lexical.line()).isEqualTo(1);

    BlueshiftException longName = syntaxError("select " + "x".repeat(128) + " from t");
    assertThat(longName.sqlState()).isEqualTo("42601");
    assertThat(longName.getMessage()).contains("127");
  }

  @Test
  void identifierCasing() {
    SqlSelect s = (SqlSelect) parse("SELECT L_OrderKey, \"L_OrderKey\" FROM LineItem");
    assertThat(((SqlIdentifier) s.getSelectList().get(0)).getSimple()).isEqualTo("l_orderkey");
    assertThat(((SqlIdentifier) s.getSelectList().get(1)).getSimple()).isEqualTo("L_OrderKey");
    assertThat(((SqlIdentifier) s.getFrom()).getSimple()).isEqualTo("lineitem");
    assertThat(s.getSelectList().get(0)).isNotInstanceOf(SqlBasicCall.class);
  }
}
