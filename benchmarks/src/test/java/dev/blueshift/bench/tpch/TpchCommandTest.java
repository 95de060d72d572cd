package dev.blueshift.bench.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Options of the tpch command that change what a run does without running one. */
class TpchCommandTest {
  private static TpchCommand parse(String... args) {
    TpchCommand command = new TpchCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void runsUpToSf1HaveA19MinuteBudgetByDefault() {
    assertThat(parse().budget()).isEqualTo(Duration.ofMinutes(19));
    assertThat(parse("--sf", "0.1").budget()).isEqualTo(Duration.ofMinutes(19));
    assertThat(parse("--sf", "10").budget()).isNull();
  }

  @Test
  void anExplicitBudgetWinsAndZeroMeansNone() {
    assertThat(parse("--sf", "10", "--budget", "90").budget()).isEqualTo(Duration.ofMinutes(90));
    assertThat(parse("--sf", "1", "--budget", "0").budget()).isNull();
  }

  @Test
  void profileTargetsAreAList() {
    assertThat(parse("--profile", "q17,copy").profile).containsExactly("q17", "copy");
    assertThat(parse().profile).isEmpty();
  }
}
