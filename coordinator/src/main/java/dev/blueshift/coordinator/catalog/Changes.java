package dev.blueshift.coordinator.catalog;

import dev.blueshift.protocol.catalog.CatalogRecord;
import dev.blueshift.protocol.catalog.DropTable;
import dev.blueshift.protocol.catalog.SegmentEntry;
import dev.blueshift.protocol.catalog.TableCommit;
import dev.blueshift.protocol.catalog.TableDef;
import java.util.List;

/** The catalog records statements commit, built in one place. */
public final class Changes {
  private Changes() {}

  /** A new table or view (its id already reserved). */
  public static CatalogRecord create(TableDef def) {
    return CatalogRecord.newBuilder().setCreateTable(def).build();
  }

  public static CatalogRecord drop(TableSnapshot relation) {
    return CatalogRecord.newBuilder().setDropTable(DropTable.newBuilder().setTableId(relation.id())).build();
  }

  /** New segments added to the version read (INSERT, COPY). */
  public static CatalogRecord append(TableSnapshot table, List<SegmentEntry> added) {
    return commit(table, added, false, null);
  }

  /**
   * Every segment of the version read replaced by {@code added} (DELETE, UPDATE, TRUNCATE and table
   * rewrites), with a new definition when {@code newDef} is not null.
   */
  public static CatalogRecord replace(TableSnapshot table, List<SegmentEntry> added, TableDef newDef) {
    return commit(table, added, true, newDef);
  }

  /**
   * DELETE with delete vectors: {@code updated} entries (the same segments with a new delete
   * vector) replace the current ones, and the segments named by {@code removed} (keys as
   * {@link TableSnapshot#segmentKey}; every row deleted) leave the table.
   */
  public static CatalogRecord markDeleted(TableSnapshot table, List<SegmentEntry> updated, List<String> removed) {
    return CatalogRecord.newBuilder().setTableCommit(TableCommit.newBuilder().setTableId(table.id())
        .setVersion(table.version() + 1).addAllUpdated(updated).addAllRemoved(removed)).build();
  }

  /** A new definition over the same segments (renames). */
  public static CatalogRecord redefine(TableSnapshot table, TableDef newDef) {
    return commit(table, List.of(), false, newDef);
  }

  private static CatalogRecord commit(TableSnapshot table, List<SegmentEntry> added, boolean truncate, TableDef newDef) {
    TableCommit.Builder c = TableCommit.newBuilder().setTableId(table.id()).setVersion(table.version() + 1)
        .addAllAdded(added).setTruncate(truncate);
    if (newDef != null) {
      c.setNewDef(newDef);
    }
    return CatalogRecord.newBuilder().setTableCommit(c).build();
  }
}
