package dev.blueshift.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each micro-benchmark's body run once on small data: it does the work its name claims. */
class MicroBenchmarksTest {
  private static final int ROWS = 50_000;

  @Test
  void q6FilterKeepsAboutTwoPercentOfRows() {
    FilterBenchmark bench = new FilterBenchmark();
    bench.rows = ROWS;
    bench.setUp();
    try {
      // 1994 is 365 of 2526 days, discount 5..7 is 3 of 11 values, quantity < 24 is 23 of 50
      double expected = ROWS * (365.0 / 2526) * (3.0 / 11) * (23.0 / 50);
      assertThat((double) bench.q6Filter()).isBetween(expected * 0.8, expected * 1.2);
      assertThat(bench.q6Filter()).as("the replayed input is intact for the next invocation").isEqualTo(bench.q6Filter());
    } finally {
      bench.tearDown();
    }
  }

  @Test
  void aggregateMakesOneRowPerGroup() {
    HashAggregateBenchmark flags = new HashAggregateBenchmark();
    flags.rows = ROWS;
    flags.groupBy = "flags";
    flags.setUp();
    try {
      assertThat(flags.aggregate()).isEqualTo(6);
    } finally {
      flags.tearDown();
    }
    HashAggregateBenchmark orders = new HashAggregateBenchmark();
    orders.rows = ROWS;
    orders.groupBy = "orderkey";
    orders.setUp();
    try {
      assertThat(orders.aggregate()).isEqualTo(ROWS / 4);
    } finally {
      orders.tearDown();
    }
  }

  @Test
  void decodeReadsEveryRowOfTheSegment() throws Exception {
    for (String encoding : new String[] {"RAW", "AZ64", "ZSTD", "LZO"}) {
      SegmentDecodeBenchmark bench = new SegmentDecodeBenchmark();
      bench.rows = ROWS;
      bench.encoding = encoding;
      bench.setUp();
      try {
        assertThat(bench.decodeAllBlocks()).as(encoding).isEqualTo(ROWS);
      } finally {
        bench.tearDown();
      }
    }
  }
}
