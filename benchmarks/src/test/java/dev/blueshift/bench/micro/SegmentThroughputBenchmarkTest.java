package dev.blueshift.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.storage.segment.Encoding;
import org.junit.jupiter.api.Test;

/** The write/scan benchmark bodies and the compression report run once on small data. */
class SegmentThroughputBenchmarkTest {
  private static final int ROWS = 20_000;

  @Test
  void writeAndScanEveryEncodingCountDecodedRowsAndBytes() throws Exception {
    for (String encoding : new String[] {"RAW", "BYTEDICT", "MOSTLY8", "TEXT255"}) {
      SegmentThroughputBenchmark bench = new SegmentThroughputBenchmark();
      bench.rows = ROWS;
      bench.encoding = encoding;
      bench.setUp();
      try {
        SegmentThroughputBenchmark.Decoded decoded = new SegmentThroughputBenchmark.Decoded();
        assertThat(bench.write(decoded)).as(encoding).isPositive();
        assertThat(bench.write(decoded)).as("a second write of %s replaces the first", encoding).isPositive();
        assertThat(bench.scan(decoded)).as(encoding).isEqualTo(ROWS);
        assertThat(decoded.rows).isEqualTo(3L * ROWS);
        assertThat(decoded.megabytes).isCloseTo(3 * bench.rawBytes() / 1e6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(bench.rawBytes()).isGreaterThan(ROWS);
      } finally {
        bench.tearDown();
      }
    }
  }

  @Test
  void compressionRatiosCoverTheColumnsEachEncodingAccepts() throws Exception {
    double[][] ratio = CompressionReport.ratios(ROWS);
    int text255 = LineitemSegmentData.ENCODINGS.indexOf(Encoding.TEXT255);
    int raw = LineitemSegmentData.ENCODINGS.indexOf(Encoding.RAW);
    int bytedict = LineitemSegmentData.ENCODINGS.indexOf(Encoding.BYTEDICT);
    int shipmode = LineitemSegmentData.NAMES.indexOf("l_shipmode");
    int orderkey = LineitemSegmentData.NAMES.indexOf("l_orderkey");
    assertThat(ratio[orderkey][text255]).isNaN();
    assertThat(ratio[shipmode][text255]).isGreaterThan(2);
    // RAW stores the plain buffers plus IPC framing: a little under 1
    assertThat(ratio[orderkey][raw]).isBetween(0.8, 1.0);
    // a 7-value column in a dictionary is far smaller than its strings
    assertThat(ratio[shipmode][bytedict]).isGreaterThan(ratio[shipmode][raw] * 3);
  }
}
