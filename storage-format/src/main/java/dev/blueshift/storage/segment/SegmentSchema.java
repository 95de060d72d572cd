package dev.blueshift.storage.segment;

import java.util.List;
import java.util.Objects;

/**
 * The columns of a segment and its compound sort key.
 *
 * @param columns the columns, in storage order
 * @param sortKey column ordinals of the compound sort key, in key order; may be empty
 */
public record SegmentSchema(List<ColumnSpec> columns, List<Integer> sortKey) {
  public SegmentSchema {
    columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
    sortKey = List.copyOf(Objects.requireNonNull(sortKey, "sortKey"));
    for (int k : sortKey) {
      if (k < 0 || k >= columns.size()) {
        throw new IllegalArgumentException("sort key ordinal " + k + " out of range 0.." + (columns.size() - 1));
      }
    }
  }

  /** An unsorted schema. */
  public SegmentSchema(List<ColumnSpec> columns) {
    this(columns, List.of());
  }

  public int columnCount() {
    return columns.size();
  }

  public ColumnSpec column(int ordinal) {
    return columns.get(ordinal);
  }
}
