package dev.blueshift.coordinator.catalog;

import dev.blueshift.protocol.catalog.ColumnDef;
import dev.blueshift.protocol.catalog.SegmentEntry;
import dev.blueshift.protocol.catalog.TableDef;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.types.ProtoTypes;
import java.util.List;

/** One committed version of a table: its definition and its live segments. Immutable. */
public record TableSnapshot(TableDef def, long version, List<SegmentEntry> segments) {

  public long id() {
    return def.getTableId();
  }

  public String name() {
    return def.getName();
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

  public long rowCount() {
    long n = 0;
    for (SegmentEntry s : segments) {
      n += s.getRowCount();
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
}
