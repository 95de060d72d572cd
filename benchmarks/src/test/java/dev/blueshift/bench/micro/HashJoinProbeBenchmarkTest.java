package dev.blueshift.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The join benchmark's body run once on small data: it joins what its name claims. */
class HashJoinProbeBenchmarkTest {
  private static final int ROWS = 50_000;

  private static HashJoinProbeBenchmark bench(String buildKeys) {
    HashJoinProbeBenchmark bench = new HashJoinProbeBenchmark();
    bench.rows = ROWS;
    bench.buildKeys = buildKeys;
    bench.setUp();
    return bench;
  }

  @Test
  void everyLineFindsItsOrder() {
    HashJoinProbeBenchmark bench = bench("orders");
    try {
      assertThat(bench.buildAndProbe()).isEqualTo(ROWS);
      assertThat(bench.buildAndProbe()).as("the replayed inputs are intact for the next invocation").isEqualTo(ROWS);
      assertThat(bench.buildOnly()).isZero();
    } finally {
      bench.tearDown();
    }
  }

  @Test
  void aSelectiveBuildMatchesATenthOfTheLines() {
    HashJoinProbeBenchmark bench = bench("selective");
    try {
      // order keys 1..12,500, four lines each; the build holds the 1,250 keys divisible by 10
      assertThat(bench.buildAndProbe()).isEqualTo(4 * (ROWS / 4 / 10));
    } finally {
      bench.tearDown();
    }
  }

  @Test
  void buildKeysAreAShuffleOfTheChosenKeys() {
    int[] keys = HashJoinProbeBenchmark.orderKeys(1000, 10);
    assertThat(keys).hasSize(100).doesNotHaveDuplicates();
    assertThat(Arrays.stream(keys).boxed().toList()).allSatisfy(k -> assertThat(k % 10).isZero());
    int[] sorted = keys.clone();
    Arrays.sort(sorted);
    assertThat(keys).as("shuffled").isNotEqualTo(sorted);
    assertThat(HashJoinProbeBenchmark.orderKeys(1000, 10)).as("the same every run").isEqualTo(keys);
  }
}
