package dev.blueshift.coordinator.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.coordinator.sql.ddl.SqlCopy;
import dev.blueshift.coordinator.sql.ddl.SqlCopyOption;
import dev.blueshift.coordinator.sql.ddl.SqlUnload;
import dev.blueshift.error.BlueshiftException;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.junit.jupiter.api.Test;

class CopyParseTest {

  private static SqlCopy copy(String sql) {
    return (SqlCopy) BlueshiftSqlParser.parseStatement(sql);
  }

  private static List<String> optionNames(SqlCopy c) {
    return c.options.stream().map(SqlCopyOption::name).toList();
  }

  @Test
  void tpchStyleLoad() {
    SqlCopy c = copy("COPY lineitem FROM '/data/lineitem.tbl' DELIMITER '|' IGNOREHEADER 1 MAXERROR 10 GZIP");
    assertThat(c.table.getSimple()).isEqualTo("lineitem");
    assertThat(c.columns).isEmpty();
    assertThat(c.from).isEqualTo("/data/lineitem.tbl");
    assertThat(c.fromStdin).isFalse();
    assertThat(optionNames(c)).containsExactly("DELIMITER", "IGNOREHEADER", "MAXERROR", "GZIP");
    assertThat(c.stringOption("DELIMITER")).contains("|");
    assertThat(c.option("IGNOREHEADER").orElseThrow().longValue()).isEqualTo(1);
    assertThat(c.option("MAXERROR").orElseThrow().longValue()).isEqualTo(10);
    assertThat(c.option("GZIP").orElseThrow().value()).isNull();
    assertThat(c.format()).isEqualTo("TEXT");
  }

  @Test
  void optionalAsAndSchemaQualifiedTableWithColumns() {
    SqlCopy c = copy("copy tpch.orders (o_orderkey, o_custkey) from 's3://bucket/orders/' "
        + "iam_role 'arn:aws:iam::123:role/x' region as 'us-east-1' "
        + "delimiter as '|' null as '\\N' quote as '\"' maxerror as 5 "
        + "dateformat 'auto' timeformat 'YYYY-MM-DD HH:MI:SS' emptyasnull blanksasnull "
        + "truncatecolumns acceptinvchars as '?' acceptanydate fillrecord trimblanks removequotes "
        + "escape encoding utf8 compupdate off statupdate on noload zstd");
    assertThat(c.table.names).containsExactly("tpch", "orders");
    assertThat(c.columns.stream().map(SqlIdentifier::getSimple)).containsExactly("o_orderkey", "o_custkey");
    assertThat(optionNames(c)).containsExactly("IAM_ROLE", "REGION", "DELIMITER", "NULL", "QUOTE",
        "MAXERROR", "DATEFORMAT", "TIMEFORMAT", "EMPTYASNULL", "BLANKSASNULL", "TRUNCATECOLUMNS",
        "ACCEPTINVCHARS", "ACCEPTANYDATE", "FILLRECORD", "TRIMBLANKS", "REMOVEQUOTES", "ESCAPE",
        "ENCODING", "COMPUPDATE", "STATUPDATE", "NOLOAD", "ZSTD");
    assertThat(c.stringOption("NULL")).contains("\\N");
    assertThat(c.stringOption("QUOTE")).contains("\"");
    assertThat(c.stringOption("REGION")).contains("us-east-1");
    assertThat(c.stringOption("ACCEPTINVCHARS")).contains("?");
    assertThat(c.stringOption("ENCODING")).contains("UTF8");
    assertThat(c.option("COMPUPDATE").orElseThrow().booleanValue()).isFalse();
    assertThat(c.option("STATUPDATE").orElseThrow().booleanValue()).isTrue();
    assertThat(c.option("ESCAPE").orElseThrow().value()).isNull();
  }

  @Test
  void csvFormsAndFormatAs() {
    SqlCopy c = copy("COPY t FROM 'f.csv' CSV QUOTE AS '%' IGNOREHEADER AS 1");
    assertThat(optionNames(c)).containsExactly("CSV", "QUOTE", "IGNOREHEADER");
    assertThat(c.format()).isEqualTo("CSV");

    SqlCopy f = copy("COPY t FROM 'f.csv' FORMAT AS CSV DELIMITER ','");
    assertThat(optionNames(f)).containsExactly("FORMAT", "DELIMITER");
    assertThat(f.stringOption("FORMAT")).contains("CSV");
    assertThat(f.format()).isEqualTo("CSV");

    SqlCopy j = copy("COPY t FROM 's3://b/k' FORMAT AS JSON 'auto' GZIP");
    assertThat(optionNames(j)).containsExactly("FORMAT", "JSON", "GZIP");
    assertThat(j.stringOption("JSON")).contains("auto");
    assertThat(j.format()).isEqualTo("JSON");

    SqlCopy p = copy("COPY t FROM 's3://b/k' FORMAT PARQUET");
    assertThat(p.format()).isEqualTo("PARQUET");

    SqlCopy j2 = copy("COPY t FROM 's3://b/k' JSON 's3://b/paths.json'");
    assertThat(j2.stringOption("JSON")).contains("s3://b/paths.json");
  }

  @Test
  void stdinWithCredentialsAndCompressionFlags() {
    SqlCopy c = copy("COPY t FROM STDIN WITH CREDENTIALS 'aws_access_key_id=x;aws_secret_access_key=y' "
        + "BZIP2 LZOP MANIFEST COMPUPDATE TRUE FIXEDWIDTH 'a:1,b:2'");
    assertThat(c.fromStdin).isTrue();
    assertThat(c.from).isNull();
    assertThat(optionNames(c)).containsExactly("CREDENTIALS", "BZIP2", "LZOP", "MANIFEST", "COMPUPDATE",
        "FIXEDWIDTH");
    assertThat(c.option("COMPUPDATE").orElseThrow().booleanValue()).isTrue();
    assertThat(c.format()).isEqualTo("FIXEDWIDTH");
  }

  @Test
  void copyInAScriptAndRoundTrip() {
    List<?> statements = BlueshiftSqlParser.parseStatements(
        "copy region from '/d/region.tbl' delimiter '|';\n"
            + "copy nation from '/d/nation.tbl' delimiter '|' format as json 'auto' null as '' compupdate off;");
    assertThat(statements).hasSize(2);
    for (Object o : statements) {
      SqlCopy c = (SqlCopy) o;
      SqlCopy again = copy(BlueshiftSqlParser.toSql(c));
      assertThat(again.toString()).isEqualTo(c.toString());
      assertThat(again.options).isEqualTo(c.options);
    }
  }

  @Test
  void badOptionsAreSyntaxErrorsWithPosition() {
    assertThatThrownBy(() -> copy("COPY t FROM 'x'\n  DELIMITER '|' FROBNICATE"))
        .isInstanceOfSatisfying(BlueshiftException.class, e -> {
          assertThat(e.sqlState()).isEqualTo("42601");
          assertThat(e.getMessage()).contains("FROBNICATE");
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.column()).isEqualTo(17);
        });
    assertThatThrownBy(() -> copy("COPY t FROM 'x' DELIMITER"))
        .isInstanceOfSatisfying(BlueshiftException.class, e -> {
          assertThat(e.sqlState()).isEqualTo("42601");
          assertThat(e.getMessage()).contains("DELIMITER needs a value");
        });
    assertThatThrownBy(() -> copy("COPY t FROM 'x' GZIP 'y'"))
        .isInstanceOfSatisfying(BlueshiftException.class,
            e -> assertThat(e.getMessage()).contains("GZIP takes no value"));
    assertThatThrownBy(() -> copy("COPY t FROM 'x' GZIP GZIP"))
        .isInstanceOfSatisfying(BlueshiftException.class,
            e -> assertThat(e.getMessage()).contains("given twice"));
    assertThatThrownBy(() -> copy("COPY t 'x'"))
        .isInstanceOfSatisfying(BlueshiftException.class, e -> {
          assertThat(e.sqlState()).isEqualTo("42601");
          assertThat(e.line()).isEqualTo(1);
          assertThat(e.column()).isEqualTo(8);
        });
  }

  @Test
  void unload() {
    SqlUnload u = (SqlUnload) BlueshiftSqlParser.parseStatement(
        "UNLOAD ('select * from lineitem where l_comment = ''x''') TO '/out/lineitem_' "
            + "IAM_ROLE DEFAULT DELIMITER AS '|' HEADER GZIP PARALLEL OFF ALLOWOVERWRITE MAXFILESIZE 1 GB");
    assertThat(u.query).isEqualTo("select * from lineitem where l_comment = 'x'");
    assertThat(u.to).isEqualTo("/out/lineitem_");
    assertThat(u.options.stream().map(SqlCopyOption::name)).containsExactly(
        "IAM_ROLE", "DELIMITER", "HEADER", "GZIP", "PARALLEL", "ALLOWOVERWRITE", "MAXFILESIZE");
    assertThat(u.option("PARALLEL").orElseThrow().booleanValue()).isFalse();
    assertThat(u.option("MAXFILESIZE").orElseThrow().longValue()).isEqualTo(1024);
    assertThat(BlueshiftSqlParser.parseStatement(u.query)).isNotNull();
    assertThat(BlueshiftSqlParser.parseStatement(BlueshiftSqlParser.toSql(u)).toString()).isEqualTo(u.toString());
  }
}
