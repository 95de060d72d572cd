package dev.blueshift.coordinator.catalog;

import dev.blueshift.protocol.catalog.ColumnDef;
import dev.blueshift.protocol.catalog.DistStyle;
import dev.blueshift.protocol.catalog.SegmentEntry;
import dev.blueshift.protocol.catalog.TableDef;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.types.ProtoTypes;
import java.util.List;

/**
 * One committed version of a relation: its definition and its live segments. A view is a
 * relation whose definition carries {@code view_sql} and no segments. Immutable.
 */
public record TableSnapshot(TableDef def, long version, List<SegmentEntry> segments) {

  public long id() {
    return def.getTableId();
  }

  public String name() {
    return def.getName();
  }

  public String schema() {
    return def.getSchema();
  }

  /** True for a view (its query is {@code def().getViewSql()}). */
  public boolean isView() {
    return !def.getViewSql().isEmpty();
  }

  public int columnCount() {
    return def.getColumnsCount();
  }

  public String columnName(int i) {
    return def.getColumns(i).getName();
  }

  public SqlType columnType(int i) {
    return ProtoTypes.fromProto(def.getColumns(i).getType());
  }

  public ColumnDef column(int i) {
    return def.getColumns(i);
  }

  /**
   * Live rows in the table (rows a delete vector deletes left out), each counted once (a DISTSTYLE
   * ALL table keeps a full copy per worker).
   */
  public long rowCount() {
    boolean replicated = def.getDistStyle() == DistStyle.DIST_ALL;
    long n = 0;
    for (SegmentEntry s : segments) {
      if (!replicated || s.getWorker() == 0) {
        n += s.getRowCount() - s.getDeletedRows();
      }
    }
    return n;
  }

  /** Ordinal of a column by name, or -1. */
  public int columnIndex(String name) {
    for (int i = 0; i < def.getColumnsCount(); i++) {
      if (def.getColumns(i).getName().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** How a commit's {@code removed} list names a segment. */
  public static String segmentKey(SegmentEntry s) {
    return s.getWorker() + ":" + s.getPath();
  }
}
