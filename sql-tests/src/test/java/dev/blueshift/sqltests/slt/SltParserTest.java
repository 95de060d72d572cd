package dev.blueshift.sqltests.slt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SltParserTest {
  @Test
  void readsStatementsQueriesAndControlRecordsWithTheirLines() {
    SltScript script = SltParser.parse("x.test", """
        # a comment
        hash-threshold 8

        statement ok
        CREATE TABLE t1(a INTEGER, b INTEGER)

        statement error
        SELECT nope

        query IT rowsort label-7
        SELECT a,
               b FROM t1
        ----
        1
        x

        halt
        """);
    assertThat(script.records()).containsExactly(
        new SltRecord.HashThreshold(2, Conditions.NONE, 8),
        new SltRecord.Statement(4, Conditions.NONE, false, "CREATE TABLE t1(a INTEGER, b INTEGER)", ""),
        new SltRecord.Statement(7, Conditions.NONE, true, "SELECT nope", ""),
        new SltRecord.Query(10, Conditions.NONE, "IT", SortMode.ROWSORT, "label-7", "SELECT a,\n       b FROM t1",
            List.of("1", "x")),
        new SltRecord.Halt(17, Conditions.NONE));
  }

  @Test
  void stripsCarriageReturnsSoTheyReachNeitherSqlNorValues() {
    SltScript script = SltParser.parse("crlf.test", "query I nosort\r\nSELECT 1\r\n----\r\n1\r\n\r\nhalt\r\n");
    assertThat(script.records()).containsExactly(
        new SltRecord.Query(1, Conditions.NONE, "I", SortMode.NOSORT, null, "SELECT 1", List.of("1")),
        new SltRecord.Halt(6, Conditions.NONE));
  }

  @Test
  void conditionsCountOnlyTheirFirstTwoWordsAndTheRecordStartsAtTheFirstCondition() {
    SltScript script = SltParser.parse("c.test", """

        skipif mysql # not compatible
        onlyif  PostgreSQL  # trailing words
        query I valuesort
        SELECT 1
        ----
        1
        """);
    SltRecord record = script.records().get(0);
    assertThat(record.line()).isEqualTo(2);
    assertThat(record.conditions()).isEqualTo(new Conditions(List.of("mysql"), List.of("postgresql")));
    assertThat(record.conditions().appliesTo("postgresql")).isTrue();
    assertThat(record.conditions().appliesTo("mysql")).isFalse();
    assertThat(new Conditions(List.of(), List.of("mssql")).appliesTo("postgresql")).isFalse();
  }

  @Test
  void aQueryWithoutResultLinesExpectsNoRows() {
    SltScript script = SltParser.parse("e.test", "query I rowsort label-0\nSELECT 1 WHERE 1 = 0\n----\n\nquery T\nSELECT ''\n");
    assertThat(script.records()).extracting(r -> ((SltRecord.Query) r).expected()).containsExactly(List.of(), List.of());
    assertThat(((SltRecord.Query) script.records().get(1)).label()).isNull();
  }

  @Test
  void readsDuckDbExtensions() {
    SltScript script = SltParser.parse("duckdb/d.test", """
        require json

        statement error
        SELECT 'x'::DECIMAL(1,0);
        ----
        Could not convert string

        mode skip instable

        query II label
        SELECT 1, 2;
        ----
        1	2

        mode unskip
        """);
    assertThat(script.records()).containsExactly(
        new SltRecord.Require(1, Conditions.NONE, "json"),
        new SltRecord.Statement(3, Conditions.NONE, true, "SELECT 'x'::DECIMAL(1,0);", "Could not convert string"),
        new SltRecord.Mode(8, Conditions.NONE, true),
        new SltRecord.Query(10, Conditions.NONE, "II", SortMode.NOSORT, "label", "SELECT 1, 2;", List.of("1\t2")),
        new SltRecord.Mode(15, Conditions.NONE, false));
  }

  @Test
  void rejectsWhatItDoesNotUnderstandNamingFileAndLine() {
    assertThatThrownBy(() -> SltParser.parse("bad.test", "\nloop i 0 10\nSELECT 1\n"))
        .isInstanceOf(SltSyntaxException.class).hasMessage("bad.test:2: unsupported record \"loop\"");
    assertThatThrownBy(() -> SltParser.parse("bad.test", "query X\nSELECT 1\n"))
        .hasMessageStartingWith("bad.test:1: query needs column type letters");
    assertThatThrownBy(() -> SltParser.parse("bad.test", "statement maybe\nSELECT 1\n"))
        .hasMessageStartingWith("bad.test:1: expected \"statement ok\" or \"statement error\"");
  }

  /** The record counts of the shared README's table, read from the real files. */
  @Test
  void readsEverySmokeFileWithTheCountsTheSharedReadmeGives() throws IOException {
    Path root = SltFiles.root();
    assertThat(counts(root, SltSuite.SQLITE_SELECT)).containsExactly(1_822, 0, 8_884);
    assertThat(counts(root, SltSuite.SQLITE_EVIDENCE)).containsExactly(98, 25, 312);
    assertThat(counts(root, SltSuite.DUCKDB)).containsExactly(355, 91, 574);
  }

  private static int[] counts(Path root, SltSuite suite) throws IOException {
    int[] counts = new int[3];
    for (String file : suite.files(root)) {
      for (SltRecord r : SltParser.parse(root.resolve(file), file).records()) {
        if (r instanceof SltRecord.Statement s) {
          counts[s.expectError() ? 1 : 0]++;
        } else if (r instanceof SltRecord.Query) {
          counts[2]++;
        }
      }
    }
    return counts;
  }
}
