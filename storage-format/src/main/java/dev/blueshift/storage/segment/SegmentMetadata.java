package dev.blueshift.storage.segment;

import java.util.List;

/**
 * What {@link SegmentWriter#write} produced.
 *
 * @param rowCount rows in the segment
 * @param fileBytes size of the file in bytes
 * @param blockCount number of blocks
 * @param columnZoneMaps whole-segment zone map per column, in schema column order
 */
public record SegmentMetadata(long rowCount, long fileBytes, int blockCount, List<ZoneMap> columnZoneMaps) {
  public SegmentMetadata {
    columnZoneMaps = List.copyOf(columnZoneMaps);
  }
}
