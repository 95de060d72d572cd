package dev.blueshift.sqltests.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ExpectedFailuresTest {
  private static FileOutcome outcome(String file, RecordFailure... failures) {
    TreeMap<Integer, RecordFailure> byLine = new TreeMap<>();
    for (RecordFailure f : failures) {
      byLine.put(f.line(), f);
    }
    return new FileOutcome(file, 10, 10 - failures.length, 0, byLine, List.of());
  }

  @Test
  void reportsUnlistedFailuresAndListedRecordsThatNowPass() {
    ExpectedFailures list = ExpectedFailures.parse("# comment\na.test\t5\twrong result\na.test\t9\tboom\nb.test\t1\tx\n");
    ExpectedFailures.Diff diff = list.compare(outcome("a.test", new RecordFailure(5, "wrong result", ""),
        new RecordFailure(12, "relation \"t1\" does not exist", "")));
    assertThat(diff.unexpected()).extracting(RecordFailure::line).containsExactly(12);
    assertThat(diff.fixed()).containsExactly(9);
    assertThat(list.compare(outcome("b.test", new RecordFailure(1, "other reason", ""))).isEmpty()).isTrue();
  }

  @Test
  void updateReplacesOnlyTheFilesThatRanAndWritesSortedRows() {
    ExpectedFailures list = ExpectedFailures.parse("b.test\t3\told\na.test\t7\tstays\n");
    list.replaceFile("b.test", List.of(new RecordFailure(20, "two\nlines", ""), new RecordFailure(4, "x\ty", "")));
    String text = list.format("s");
    assertThat(text.lines().filter(l -> !l.startsWith("#")))
        .containsExactly("a.test\t7\tstays", "b.test\t4\tx y", "b.test\t20\ttwo");
    assertThat(ExpectedFailures.parse(text).size()).isEqualTo(3);
  }

  @Test
  void knownDivergencesAreKeyedByFileAndLine() {
    assertThat(KnownDivergences.parse("# c\nfile\tline\trecord\nsqlite/evidence/in1.test\t279\tquery\terror\twhy\n"))
        .containsExactly("sqlite/evidence/in1.test:279");
  }
}
