package dev.blueshift.coordinator.engine;

import java.util.ArrayList;
import java.util.List;

/** A cursor over rows computed on the coordinator (SHOW). */
final class FixedRows implements RowCursor {
  private final List<Object[]> rows;
  private int position;

  FixedRows(List<Object[]> rows) {
    this.rows = new ArrayList<>(rows);
  }

  @Override
  public List<Object[]> next(int maxRows) {
    int end = Math.min(rows.size(), position + maxRows);
    List<Object[]> out = new ArrayList<>(rows.subList(position, end));
    position = end;
    return out;
  }

  @Override
  public void close() {
    position = rows.size();
  }
}
