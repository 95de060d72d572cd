package dev.blueshift.sqltests.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The normalization and comparison of two engines' rows, without a cluster. */
class QueryResultTest {
  private static QueryResult rows(Object[]... rows) {
    return new QueryResult(rows.length == 0 ? 1 : rows[0].length,
        Arrays.stream(rows).map(r -> Arrays.stream(r).map(QueryResult::normalize).toList()).toList());
  }

  @Test
  void numbersCompareByValueWhateverTheirTypeAndScale() {
    QueryResult duck = rows(new Object[] {new BigDecimal("1.50"), 2L, "ab"});
    QueryResult blue = rows(new Object[] {new BigDecimal("1.5"), 2, "ab    "});
    assertThat(QueryResult.difference(duck, blue, true)).isNull();
  }

  @Test
  void doublesWithinTheToleranceAgreeAndOthersDoNot() {
    assertThat(QueryResult.difference(rows(new Object[] {0.1 + 0.2}), rows(new Object[] {0.3}), true)).isNull();
    assertThat(QueryResult.difference(rows(new Object[] {0.3}), rows(new Object[] {0.3001}), true))
        .contains("first difference at row 1");
  }

  @Test
  void unorderedResultsAreSortedByValueSoBigCloseDoublesLineUp() {
    // 1e10 + 0.25 and 1e10 + 12.375 agree in their first 9 digits: a rounded sort key would mix them up
    QueryResult duck = rows(new Object[] {1e10 + 12.375}, new Object[] {1e10 + 0.25}, new Object[] {null});
    QueryResult blue = rows(new Object[] {null}, new Object[] {1e10 + 0.25}, new Object[] {1e10 + 12.375});
    assertThat(QueryResult.difference(duck, blue, false)).isNull();
    assertThat(QueryResult.difference(duck, blue, true)).isNotNull();
  }

  @Test
  void aMissingRowIsNamed() {
    String d = QueryResult.difference(rows(new Object[] {1, "x"}, new Object[] {2, null}),
        rows(new Object[] {1, "x"}), false);
    assertThat(d).contains("DuckDB 2 rows, Blueshift 1 rows").contains("only in DuckDB (1): (2, NULL)");
  }

  @Test
  void nullIsNotZeroAndTextIsNotANumber() {
    assertThat(QueryResult.sameValue(null, BigDecimal.ZERO)).isFalse();
    assertThat(QueryResult.sameValue("1", BigDecimal.ONE)).isFalse();
    assertThat(QueryResult.sameValue(1.0, BigDecimal.ONE)).isTrue();
  }

  @Test
  void timestampsAndDatesBecomeIsoText() {
    assertThat(QueryResult.normalize(java.time.LocalDateTime.of(2024, 1, 2, 3, 4))).isEqualTo("2024-01-02 03:04:00");
    assertThat(QueryResult.normalize(java.sql.Timestamp.valueOf("2024-01-02 03:04:05.5")))
        .isEqualTo("2024-01-02 03:04:05.5");
    assertThat(QueryResult.normalize(java.sql.Date.valueOf("2024-02-29"))).isEqualTo("2024-02-29");
  }

  @Test
  void shrinkingKeepsOnlyWhatTheFailureNeeds() {
    RandomQuery.Pred where = new RandomQuery.And(new RandomQuery.Atom("a.x > 1"),
        new RandomQuery.Or(new RandomQuery.Atom("a.v LIKE 'a%'"), new RandomQuery.Atom("a.y IS NULL")));
    RandomQuery q = new RandomQuery.Select(true, List.of(new RandomQuery.Item("a.x", "ASC NULLS FIRST"),
        new RandomQuery.Item("a.v", "DESC NULLS LAST")), "t0", "a",
        List.of(new RandomQuery.Join("LEFT", "t1", "b", "a.k = b.k")), where, List.of(), null, true, "5");
    // the "failure": any query that still has the LIKE
    RandomQuery small = Shrinker.shrink(q, c -> c.sql().contains("LIKE"), 1000);
    assertThat(small.sql()).isEqualTo("SELECT a.v FROM t0 a WHERE a.v LIKE 'a%'");
  }
}
