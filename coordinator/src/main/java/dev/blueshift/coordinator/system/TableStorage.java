package dev.blueshift.coordinator.system;

import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.protocol.catalog.DistStyle;
import dev.blueshift.protocol.catalog.SegmentEntry;

/** What a table version occupies: bytes, blocks and rows, from its live segments. */
record TableStorage(long bytes, long megabyteBlocks, long rows, long[] rowsPerSlice, boolean replicated) {
  private static final long MEGABYTE = 1L << 20;
  /** PostgreSQL's page size, for pg_class.relpages. */
  private static final long PAGE = 8192;

  static TableStorage of(TableSnapshot table, int totalSlices) {
    long bytes = 0;
    long blocks = 0;
    long rows = 0;
    long[] perSlice = new long[Math.max(1, totalSlices)];
    // DISTSTYLE ALL keeps a full copy on every worker: its rows are one copy's, its size all copies'
    boolean replicated = table.def().getDistStyle() == DistStyle.DIST_ALL;
    int firstCopy = Integer.MAX_VALUE;
    for (SegmentEntry s : table.segments()) {
      firstCopy = Math.min(firstCopy, s.getWorker());
    }
    for (SegmentEntry s : table.segments()) {
      bytes += s.getBytes();
      // a segment file occupies whole 1 MB blocks, as Redshift counts a column's blocks
      blocks += (s.getBytes() + MEGABYTE - 1) / MEGABYTE;
      if (replicated && s.getWorker() != firstCopy) {
        continue;
      }
      rows += s.getRowCount();
      if (s.getSlice() >= 0 && s.getSlice() < perSlice.length) {
        perSlice[s.getSlice()] += s.getRowCount();
      }
    }
    return new TableStorage(bytes, blocks, rows, perSlice, replicated);
  }

  long pages() {
    return (bytes + PAGE - 1) / PAGE;
  }

  /**
   * Rows on the fullest slice over rows on the emptiest (Redshift's skew_rows); null when empty,
   * replicated, or some slice holds nothing.
   */
  Double skew() {
    long max = 0;
    long min = Long.MAX_VALUE;
    for (long n : rowsPerSlice) {
      max = Math.max(max, n);
      min = Math.min(min, n);
    }
    if (rows == 0 || replicated) {
      return null;
    }
    return min == 0 ? null : (double) max / min;
  }
}
