package dev.blueshift.coordinator.catalog;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.catalog.CatalogRecord;
import dev.blueshift.protocol.catalog.SegmentEntry;
import dev.blueshift.protocol.catalog.TableCommit;
import dev.blueshift.protocol.catalog.TableDef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable set of relations (tables and views) at one point of the catalog log. Applying a
 * record yields the next state; the catalog, its replay and a session's open transaction all use
 * the same {@link #apply}, so a buffered transaction sees exactly what its commit will produce.
 */
public final class CatalogState {
  public static final CatalogState EMPTY = new CatalogState(Map.of(), Map.of());

  private final Map<String, TableSnapshot> byName;
  private final Map<Long, String> nameById;

  private CatalogState(Map<String, TableSnapshot> byName, Map<Long, String> nameById) {
    this.byName = byName;
    this.nameById = nameById;
  }

  static String key(String schema, String name) {
    return schema + "." + name;
  }

  /** The current version of a table or view, or null. */
  public TableSnapshot relation(String schema, String name) {
    return byName.get(key(schema, name));
  }

  /** A relation by id, or null. */
  public TableSnapshot relation(long id) {
    String k = nameById.get(id);
    return k == null ? null : byName.get(k);
  }

  /** Every table and view, in creation order. */
  public Collection<TableSnapshot> relations() {
    return byName.values();
  }

  /**
   * Checks a change made against an older state still applies here and returns it as it must be
   * logged: a commit that only adds segments moves onto the table's current version; one that
   * removes or rewrites segments of a table changed in between fails with 40001.
   */
  public CatalogRecord rebase(CatalogRecord record) {
    switch (record.getEntryCase()) {
      case CREATE_TABLE -> {
        TableDef def = record.getCreateTable();
        if (!def.getSchema().equals("public")) {
          // CREATE SCHEMA is not supported yet, so "public" is the only schema there is
          throw new BlueshiftException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + def.getSchema() + "\" does not exist");
        }
        if (relation(def.getSchema(), def.getName()) != null) {
          throw new BlueshiftException(SqlState.DUPLICATE_TABLE, "relation \"" + def.getName() + "\" already exists");
        }
        return record;
      }
      case TABLE_COMMIT -> {
        TableCommit c = record.getTableCommit();
        TableSnapshot current = relation(c.getTableId());
        if (current == null) {
          throw new BlueshiftException(SqlState.UNDEFINED_TABLE, "relation with id " + c.getTableId()
              + " was dropped by a concurrent transaction");
        }
        if (c.getVersion() == current.version() + 1) {
          return record;
        }
        boolean addsOnly = c.getRemovedCount() == 0 && !c.getTruncate() && !c.hasNewDef() && c.getUpdatedCount() == 0;
        if (!addsOnly) {
          throw new BlueshiftException(SqlState.SERIALIZATION_FAILURE, "could not serialize access to table \""
              + current.name() + "\": it was changed by a concurrent transaction");
        }
        return record.toBuilder().setTableCommit(c.toBuilder().setVersion(current.version() + 1)).build();
      }
      case DROP_TABLE -> {
        if (relation(record.getDropTable().getTableId()) == null) {
          throw new BlueshiftException(SqlState.UNDEFINED_TABLE, "relation with id "
              + record.getDropTable().getTableId() + " was dropped by a concurrent transaction");
        }
        return record;
      }
      default -> {
        return record;
      }
    }
  }

  /** The state after one logged record. */
  public CatalogState apply(CatalogRecord record) {
    switch (record.getEntryCase()) {
      case CREATE_TABLE -> {
        TableDef def = record.getCreateTable();
        return with(null, new TableSnapshot(def, 0, List.of()));
      }
      case DROP_TABLE -> {
        String k = nameById.get(record.getDropTable().getTableId());
        if (k == null) {
          return this;
        }
        Map<String, TableSnapshot> names = new LinkedHashMap<>(byName);
        Map<Long, String> ids = new HashMap<>(nameById);
        names.remove(k);
        ids.remove(record.getDropTable().getTableId());
        return new CatalogState(Collections.unmodifiableMap(names), Collections.unmodifiableMap(ids));
      }
      case TABLE_COMMIT -> {
        TableCommit c = record.getTableCommit();
        TableSnapshot current = relation(c.getTableId());
        return current == null ? this : with(current, next(current, c));
      }
      case BATCH -> {
        CatalogState s = this;
        for (CatalogRecord r : record.getBatch().getEntriesList()) {
          s = s.apply(r);
        }
        return s;
      }
      default -> {
        return this;
      }
    }
  }

  private static TableSnapshot next(TableSnapshot current, TableCommit commit) {
    List<SegmentEntry> segments = new ArrayList<>(commit.getTruncate() ? List.of() : current.segments());
    Set<String> removed = new HashSet<>(commit.getRemovedList());
    segments.removeIf(s -> removed.contains(TableSnapshot.segmentKey(s)));
    if (commit.getUpdatedCount() > 0) { // a new delete vector: the entry changes in place
      Map<String, SegmentEntry> updated = new HashMap<>();
      commit.getUpdatedList().forEach(u -> updated.put(TableSnapshot.segmentKey(u), u));
      segments.replaceAll(s -> updated.getOrDefault(TableSnapshot.segmentKey(s), s));
    }
    segments.addAll(commit.getAddedList());
    TableDef def = commit.hasNewDef() ? commit.getNewDef() : current.def();
    return new TableSnapshot(def, commit.getVersion(), List.copyOf(segments));
  }

  /** This state with {@code replaced} (may be null) swapped for {@code next}, keeping the order. */
  private CatalogState with(TableSnapshot replaced, TableSnapshot next) {
    Map<String, TableSnapshot> names = new LinkedHashMap<>();
    String oldKey = replaced == null ? null : key(replaced.def().getSchema(), replaced.name());
    String newKey = key(next.def().getSchema(), next.name());
    for (Map.Entry<String, TableSnapshot> e : byName.entrySet()) {
      if (e.getKey().equals(oldKey)) {
        names.put(newKey, next);
      } else {
        names.put(e.getKey(), e.getValue());
      }
    }
    names.putIfAbsent(newKey, next);
    Map<Long, String> ids = new HashMap<>(nameById);
    ids.put(next.id(), newKey);
    return new CatalogState(Collections.unmodifiableMap(names), Collections.unmodifiableMap(ids));
  }
}
