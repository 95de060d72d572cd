package dev.blueshift.bench.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client mix against a real in-memory DuckDB shared by all clients (one connection each). */
class ClientMixTest {
  private static final String SLOW = "SELECT sum(a.i * b.i) FROM range(1000000) a(i), range(1000000) b(i)";

  private DuckDBConnection root;

  @BeforeEach
  void open() throws Exception {
    root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = root.createStatement()) {
      st.execute("CREATE TABLE t AS SELECT i FROM range(1000) r(i)");
    }
  }

  @AfterEach
  void close() throws Exception {
    root.close();
  }

  private Connection connect() throws java.sql.SQLException {
    return root.duplicate();
  }

  @Test
  void everyClientRunsTheWholeMixAndRightAnswersCount() throws Exception {
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put("q01", "SELECT count(*) FROM t");
    queries.put("q02", "SELECT max(i) FROM t");
    queries.put("q03", "SELECT i FROM t WHERE i < 3 ORDER BY i");
    Map<String, List<String>> answers = Map.of("q01", List.of("1000"), "q02", List.of("999"), "q03", List.of("0", "1", "2"));

    MixResult r = ClientMix.run(this::connect, queries, answers, new ClientMix.Options(3, Duration.ofMillis(1500), 60, 7));

    assertThat(r.clients()).isEqualTo(3);
    assertThat(r.errors()).isEmpty();
    assertThat(r.wrongAnswers()).isEmpty();
    assertThat(r.timeouts()).isEmpty();
    assertThat(r.latenciesByQuery()).containsOnlyKeys("q01", "q02", "q03");
    assertThat(r.completions()).extracting(MixResult.Completion::client).contains(0, 1, 2);
    assertThat(r.queriesPerMinute()).isEqualTo(r.completions().size() * 60e9 / Duration.ofMillis(1500).toNanos());
    assertThat(r.percentileMillis(50)).isPositive().isLessThanOrEqualTo(r.percentileMillis(95));
  }

  @Test
  void errorsAndAnswersThatDifferAreCountedApartFromThroughput() throws Exception {
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put("q01", "SELECT * FROM no_such_table");
    queries.put("q02", "SELECT count(*) FROM t");
    MixResult r = ClientMix.run(this::connect, queries, Map.of("q02", List.of("999")),
        new ClientMix.Options(2, Duration.ofMillis(800), 60, 1));

    assertThat(r.errors()).isNotEmpty().allSatisfy(f -> {
      assertThat(f.query()).isEqualTo("q01");
      assertThat(f.detail()).contains("no_such_table");
    });
    assertThat(r.wrongAnswers()).isNotEmpty().allSatisfy(f -> {
      assertThat(f.query()).isEqualTo("q02");
      assertThat(f.detail()).isEqualTo("row 1: expected '999' but got '1000'");
    });
    assertThat(r.completions()).isEmpty();
    assertThat(r.queriesPerMinute()).isZero();
  }

  @Test
  void aQueryPastItsTimeoutIsCancelledAndCountedAsATimeout() throws Exception {
    MixResult r = ClientMix.run(this::connect, Map.of("q01", SLOW), Map.of(),
        new ClientMix.Options(1, Duration.ofSeconds(4), 1, 1));

    assertThat(r.timeouts()).isNotEmpty().allSatisfy(f -> assertThat(f.detail()).isEqualTo("timeout after 1 s"));
    assertThat(r.completions()).isEmpty();
    assertThat(r.errors()).isEmpty();
    assertThat(r.abandoned()).isNull();
  }

  @Test
  void queriesStillRunningWhenTheWindowClosesAreCutNotCounted() throws Exception {
    MixResult r = ClientMix.run(this::connect, Map.of("q01", SLOW), Map.of(),
        new ClientMix.Options(2, Duration.ofMillis(500), 600, 1));

    assertThat(r.unfinished()).isEqualTo(2);
    assertThat(r.completions()).isEmpty();
    assertThat(r.timeouts()).isEmpty();
    assertThat(r.errors()).isEmpty();
    assertThat(r.abandoned()).isNull();
  }

  @Test
  void eachClientHasItsOwnRepeatableOrder() {
    List<String> mix = List.of("q01", "q02", "q03", "q04", "q05", "q06", "q07", "q08");
    List<String> first = ClientMix.orderFor(mix, 1, 0);
    assertThat(first).containsExactlyInAnyOrderElementsOf(mix);
    assertThat(ClientMix.orderFor(mix, 1, 0)).isEqualTo(first);
    assertThat(List.of(ClientMix.orderFor(mix, 1, 1), ClientMix.orderFor(mix, 1, 2), ClientMix.orderFor(mix, 1, 3)))
        .anySatisfy(other -> assertThat(other).isNotEqualTo(first));
  }

  @Test
  void durationsAcceptTheUsualUnits() {
    assertThat(ConcurrencyCommand.parseDuration("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(ConcurrencyCommand.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(ConcurrencyCommand.parseDuration("1.5min")).isEqualTo(Duration.ofSeconds(90));
    assertThat(ConcurrencyCommand.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(ConcurrencyCommand.parseDuration("30")).isEqualTo(Duration.ofSeconds(30));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConcurrencyCommand.parseDuration("soon"))
        .hasMessageContaining("not a duration");
  }
}
