package dev.blueshift.coordinator.catalog;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.catalog.CatalogRecord;
import dev.blueshift.protocol.catalog.ClusterTopology;
import dev.blueshift.protocol.catalog.DropTable;
import dev.blueshift.protocol.catalog.SegmentEntry;
import dev.blueshift.protocol.catalog.TableCommit;
import dev.blueshift.protocol.catalog.TableDef;
import dev.blueshift.storage.log.RecordLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The coordinator's catalog: tables and, per table, the committed version with its segments.
 * Every change is one record appended (and synced) to an append-only log; opening the catalog
 * replays the log. Readers take immutable {@link TableSnapshot}s, so a statement sees the
 * version current when it started.
 */
public final class Catalog implements AutoCloseable {
  public static final String DEFAULT_SCHEMA = "public";

  private final RecordLog log;
  private final ClusterTopology topology;
  private volatile Map<String, TableSnapshot> tables = Map.of();
  private long nextTableId = 1;
  private long nextCommitId = 1;

  private Catalog(RecordLog log, ClusterTopology requested) {
    this.log = log;
    ClusterTopology stored = null;
    Map<String, TableSnapshot> byName = new LinkedHashMap<>();
    Map<Long, String> names = new LinkedHashMap<>();
    for (byte[] bytes : log.records()) {
      CatalogRecord r;
      try {
        r = CatalogRecord.parseFrom(bytes);
      } catch (InvalidProtocolBufferException e) {
        throw new BlueshiftException(SqlState.DATA_CORRUPTED, "catalog log record " + nextCommitId + " is unreadable", e);
      }
      nextCommitId = Math.max(nextCommitId, r.getCommitId() + 1);
      switch (r.getEntryCase()) {
        case TOPOLOGY -> stored = r.getTopology();
        case CREATE_TABLE -> {
          TableDef def = r.getCreateTable();
          byName.put(key(def.getSchema(), def.getName()), new TableSnapshot(def, 0, List.of()));
          names.put(def.getTableId(), key(def.getSchema(), def.getName()));
          nextTableId = Math.max(nextTableId, def.getTableId() + 1);
        }
        case DROP_TABLE -> {
          String k = names.remove(r.getDropTable().getTableId());
          if (k != null) {
            byName.remove(k);
          }
        }
        case TABLE_COMMIT -> {
          String k = names.get(r.getTableCommit().getTableId());
          if (k != null) {
            byName.put(k, apply(byName.get(k), r.getTableCommit()));
          }
        }
        default -> { }
      }
    }
    if (stored == null) {
      stored = requested;
      append(CatalogRecord.newBuilder().setTopology(requested));
    } else if (requested != null && !stored.equals(requested)) {
      throw new BlueshiftException(SqlState.INVALID_TABLE_DEFINITION, "the data directory holds a cluster of "
          + stored.getWorkers() + " workers x " + stored.getSlicesPerWorker() + " slices; it cannot be opened with "
          + requested.getWorkers() + " workers x " + requested.getSlicesPerWorker() + " slices");
    }
    this.topology = stored;
    this.tables = java.util.Collections.unmodifiableMap(byName);
  }

  /** Opens (or creates) the catalog in a directory, checking the cluster shape it was made for. */
  public static Catalog open(Path dir, ClusterTopology topology) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot create " + dir + ": " + e.getMessage(), e);
    }
    return new Catalog(RecordLog.open(dir.resolve("catalog.log")), topology);
  }

  public ClusterTopology topology() {
    return topology;
  }

  public int totalSlices() {
    return topology.getWorkers() * topology.getSlicesPerWorker();
  }

  private static String key(String schema, String name) {
    return schema + "." + name;
  }

  /** The current version of a table, or null. */
  public TableSnapshot table(String schema, String name) {
    return tables.get(key(schema, name));
  }

  public Collection<TableSnapshot> tables() {
    return tables.values();
  }

  /** Creates a table; the definition's id is assigned here. */
  public synchronized TableSnapshot createTable(TableDef def) {
    if (table(def.getSchema(), def.getName()) != null) {
      throw new BlueshiftException(SqlState.DUPLICATE_TABLE, "relation \"" + def.getName() + "\" already exists");
    }
    TableDef withId = def.toBuilder().setTableId(nextTableId++).build();
    append(CatalogRecord.newBuilder().setCreateTable(withId));
    TableSnapshot snapshot = new TableSnapshot(withId, 0, List.of());
    put(snapshot);
    return snapshot;
  }

  public synchronized void dropTable(TableSnapshot table) {
    append(CatalogRecord.newBuilder().setDropTable(DropTable.newBuilder().setTableId(table.id())));
    Map<String, TableSnapshot> copy = new LinkedHashMap<>(tables);
    copy.remove(key(table.def().getSchema(), table.name()));
    tables = java.util.Collections.unmodifiableMap(copy);
  }

  /** Commits new segments (and optionally drops all old ones) as the table's next version. */
  public synchronized TableSnapshot commit(TableSnapshot table, List<SegmentEntry> added, boolean truncate) {
    TableSnapshot current = table(table.def().getSchema(), table.name());
    if (current == null || current.id() != table.id()) {
      throw new BlueshiftException(SqlState.UNDEFINED_TABLE, "relation \"" + table.name() + "\" does not exist");
    }
    TableCommit commit = TableCommit.newBuilder()
        .setTableId(table.id())
        .setVersion(current.version() + 1)
        .addAllAdded(added)
        .setTruncate(truncate)
        .build();
    append(CatalogRecord.newBuilder().setTableCommit(commit));
    TableSnapshot next = apply(current, commit);
    put(next);
    return next;
  }

  /** Relative paths of every live segment on one worker (everything else there is garbage). */
  public Set<String> livePaths(int worker) {
    Set<String> live = new HashSet<>();
    for (TableSnapshot t : tables.values()) {
      for (SegmentEntry s : t.segments()) {
        if (s.getWorker() == worker) {
          live.add(s.getPath());
        }
      }
    }
    return live;
  }

  private static TableSnapshot apply(TableSnapshot current, TableCommit commit) {
    List<SegmentEntry> segments = new ArrayList<>(commit.getTruncate() ? List.of() : current.segments());
    Set<String> removed = new HashSet<>(commit.getRemovedList());
    segments.removeIf(s -> removed.contains(s.getWorker() + ":" + s.getPath()));
    segments.addAll(commit.getAddedList());
    return new TableSnapshot(current.def(), commit.getVersion(), List.copyOf(segments));
  }

  private void put(TableSnapshot snapshot) {
    Map<String, TableSnapshot> copy = new LinkedHashMap<>(tables);
    copy.put(key(snapshot.def().getSchema(), snapshot.name()), snapshot);
    tables = java.util.Collections.unmodifiableMap(copy);
  }

  private void append(CatalogRecord.Builder record) {
    record.setCommitId(nextCommitId++).setTimestampMillis(System.currentTimeMillis());
    log.append(record.build().toByteArray());
  }

  @Override
  public void close() {
    log.close();
  }
}
