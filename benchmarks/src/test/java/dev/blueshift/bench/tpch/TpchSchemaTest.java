package dev.blueshift.bench.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TpchSchemaTest {
  private static final String SCRIPT = """
      -- a comment; with a semicolon
      CREATE TABLE region (r_regionkey INTEGER NOT NULL, r_name CHAR(25) NOT NULL) DISTSTYLE ALL SORTKEY(r_regionkey);
      CREATE TABLE lineitem (l_orderkey INTEGER NOT NULL ENCODE az64, l_shipdate DATE NOT NULL) DISTSTYLE KEY DISTKEY(l_orderkey) COMPOUND SORTKEY(l_shipdate, l_orderkey);
      """;

  @Test
  void keepsRedshiftDdlForBlueshiftAndStripsItsClausesForTheOthers() {
    TpchSchema schema = TpchSchema.parse(SCRIPT);
    assertThat(schema.redshift()).hasSize(2);
    assertThat(schema.redshift().get(1)).contains("DISTKEY(l_orderkey)");
    assertThat(schema.standard()).containsExactly(
        "CREATE TABLE region (r_regionkey INTEGER NOT NULL, r_name CHAR(25) NOT NULL)",
        "CREATE TABLE lineitem (l_orderkey INTEGER NOT NULL, l_shipdate DATE NOT NULL)");
  }

  @Test
  void everyTableHasAPrimaryKey() {
    assertThat(TpchSchema.PRIMARY_KEYS.keySet()).containsExactlyInAnyOrderElementsOf(TpchDataset.TABLES);
  }

  @Test
  void queryNamesAcceptShortForms() {
    assertThat(TpchQueries.normalize(List.of("1", "q6", "Q15", "q22"))).containsExactly("q01", "q06", "q15", "q22");
    assertThat(TpchQueries.allNames()).hasSize(22).startsWith("q01").endsWith("q22");
    assertThat(TpchDataset.label(1.0)).isEqualTo("1");
    assertThat(TpchDataset.label(0.01)).isEqualTo("0.01");
  }
}
