package dev.blueshift.sqltests.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultCheckerTest {
  private static SltRecord.Query query(String types, SortMode sort, String... expected) {
    return new SltRecord.Query(1, Conditions.NONE, types, sort, null, "SELECT …", List.of(expected));
  }

  private static ResultTable table(int columns, String... values) {
    return new ResultTable(columns, List.of(values), Collections.nCopies(columns, false));
  }

  @Test
  void hashesTheSortedValuesAsTheSharedReadmeWorkedExampleDoes() {
    ResultTable tab0 = table(3, "89", "91", "82", "35", "97", "1", "24", "86", "33");
    SltRecord.Query q = query("III", SortMode.ROWSORT, "9 values hashing to 38a1673e2e09d694c8cec45c797034a7");
    assertThat(ResultChecker.check(q, tab0, Dialect.SQLITE)).isNull();
    SltRecord.Query unsorted = query("III", SortMode.NOSORT, "9 values hashing to 38a1673e2e09d694c8cec45c797034a7");
    assertThat(ResultChecker.check(unsorted, tab0, Dialect.SQLITE).reason()).isEqualTo("wrong result");
  }

  @Test
  void sortsAsStringsByteByByte() {
    assertThat(table(1, "9", "10", "NULL", "-5").sorted(SortMode.VALUESORT)).containsExactly("-5", "10", "9", "NULL");
    assertThat(table(2, "b", "1", "a", "2", "a", "10").sorted(SortMode.ROWSORT))
        .containsExactly("a", "10", "a", "2", "b", "1");
  }

  @Test
  void sqliteComparesValuesExactlyAndCountsColumns() {
    assertThat(ResultChecker.check(query("II", SortMode.NOSORT, "1", "2"), table(2, "1", "2"), Dialect.SQLITE)).isNull();
    assertThat(ResultChecker.check(query("I", SortMode.NOSORT, "1"), table(1, "1.0"), Dialect.SQLITE)).isNotNull();
    ResultChecker.Mismatch columns = ResultChecker.check(query("I", SortMode.NOSORT, "1", "2"), table(2, "1", "2"),
        Dialect.SQLITE);
    assertThat(columns.reason()).isEqualTo("wrong column count");
    assertThat(ResultChecker.check(query("I", SortMode.NOSORT), table(1, "1"), Dialect.SQLITE).detail())
        .contains("(no rows)");
  }

  @Test
  void duckdbSplitsRowsOnTabsAndComparesNumbersAndBooleansLeniently() {
    assertThat(ResultChecker.check(query("IR", SortMode.NOSORT, "1\t4.000000", "2\tNULL"),
        table(2, "1", "4", "2", "NULL"), Dialect.DUCKDB)).isNull();
    assertThat(ResultChecker.check(query("T", SortMode.NOSORT, "TRUE", "0"), table(1, "true", "false"),
        Dialect.DUCKDB)).isNull();
    assertThat(ResultChecker.check(query("I", SortMode.NOSORT, " 2"), table(1, "2"), Dialect.DUCKDB)).isNull();
    assertThat(ResultChecker.check(query("I", SortMode.NOSORT, "3"), table(1, "2"), Dialect.DUCKDB)).isNotNull();
  }

  @Test
  void duckdbApproximateColumnsMatchWhenRoundedToTheExpectedDecimals() {
    ResultTable third = new ResultTable(1, List.of("0.3333333333333333"), List.of(true));
    assertThat(ResultChecker.check(query("R", SortMode.NOSORT, "0.333333"), third, Dialect.DUCKDB)).isNull();
    ResultTable exact = table(1, "0.3333333333333333");
    assertThat(ResultChecker.check(query("R", SortMode.NOSORT, "0.333333"), exact, Dialect.DUCKDB)).isNotNull();
  }

  @Test
  void duckdbNosortFallsBackToMultisetComparison() {
    assertThat(ResultChecker.check(query("I", SortMode.NOSORT, "1", "2"), table(1, "2", "1"), Dialect.DUCKDB)).isNull();
    assertThat(ResultChecker.check(query("I", SortMode.NOSORT, "1", "2"), table(1, "2", "1"), Dialect.SQLITE))
        .isNotNull();
  }
}
