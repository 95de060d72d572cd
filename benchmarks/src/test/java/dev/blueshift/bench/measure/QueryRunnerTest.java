package dev.blueshift.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/** The runner against a real in-memory DuckDB: answers, errors and timeouts become outcomes. */
class QueryRunnerTest {
  private static QueryRunner runner(long timeoutSeconds) {
    return new QueryRunner(() -> DriverManager.getConnection("jdbc:duckdb:"), timeoutSeconds);
  }

  @Test
  void keepsTheWarmUpAnswerAndTimesEachRun() {
    try (QueryRunner runner = runner(60)) {
      QueryOutcome o = runner.run("SELECT i, CAST(i AS DECIMAL(15,2)) / 3, DATE '1998-12-01' + CAST(i AS INTEGER)"
          + " FROM range(3) t(i) ORDER BY i", 3);
      assertThat(o.status()).as("%s", o.detail()).isEqualTo(QueryOutcome.Status.OK);
      assertThat(o.runNanos()).hasSize(3).allSatisfy(n -> assertThat(n).isPositive());
      assertThat(o.answer()).containsExactly("0|0.00|1998-12-01", "1|0.33|1998-12-02", "2|0.67|1998-12-03");
    }
  }

  @Test
  void anErrorIsAFailedOutcomeWithTheEnginesMessage() {
    try (QueryRunner runner = runner(60)) {
      QueryOutcome o = runner.run("SELECT * FROM no_such_table", 3);
      assertThat(o.status()).isEqualTo(QueryOutcome.Status.FAILED);
      assertThat(o.detail()).contains("no_such_table");
      assertThat(o.runNanos()).isEmpty();
    }
  }

  @Test
  void aQueryPastTheTimeoutIsCancelledAndTheNextOneStillRuns() {
    try (QueryRunner runner = runner(1)) {
      QueryOutcome slow = runner.run("SELECT sum(a.i * b.i) FROM range(1000000) a(i), range(1000000) b(i)", 3);
      assertThat(slow.status()).isEqualTo(QueryOutcome.Status.TIMEOUT);
      assertThat(slow.detail()).isEqualTo("timeout after 1 s");
      assertThat(runner.run("SELECT 42", 1).answer()).containsExactly("42");
    }
  }
}
