package dev.blueshift.coordinator.catalog;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.catalog.CatalogBatch;
import dev.blueshift.protocol.catalog.CatalogRecord;
import dev.blueshift.protocol.catalog.ClusterTopology;
import dev.blueshift.protocol.catalog.SegmentEntry;
import dev.blueshift.protocol.catalog.TableDef;
import dev.blueshift.storage.log.RecordLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The coordinator's catalog: tables, views and, per table, the committed version with its
 * segments. Every commit is one record appended (and synced) to an append-only log — several
 * changes committed together are one {@code CatalogBatch} record — and opening the catalog replays
 * the log. Readers take the immutable {@link CatalogState}, so a statement sees the versions
 * current when it started.
 */
public final class Catalog implements AutoCloseable {
  public static final String DEFAULT_SCHEMA = "public";

  private final RecordLog log;
  private final ClusterTopology topology;
  private final AtomicLong nextTableId = new AtomicLong(1);
  private volatile CatalogState state = CatalogState.EMPTY;
  private long nextCommitId = 1;

  private Catalog(RecordLog log, ClusterTopology requested) {
    this.log = log;
    ClusterTopology stored = null;
    CatalogState s = CatalogState.EMPTY;
    for (byte[] bytes : log.records()) {
      CatalogRecord r;
      try {
        r = CatalogRecord.parseFrom(bytes);
      } catch (InvalidProtocolBufferException e) {
        throw new BlueshiftException(SqlState.DATA_CORRUPTED, "catalog log record " + nextCommitId + " is unreadable", e);
      }
      nextCommitId = Math.max(nextCommitId, r.getCommitId() + 1);
      if (r.hasTopology()) {
        stored = r.getTopology();
      }
      noteTableIds(r);
      s = s.apply(r);
    }
    state = s;
    if (stored == null) {
      stored = requested;
      append(CatalogRecord.newBuilder().setTopology(requested));
    } else if (requested != null && !stored.equals(requested)) {
      throw new BlueshiftException(SqlState.INVALID_TABLE_DEFINITION, "the data directory holds a cluster of "
          + stored.getWorkers() + " workers x " + stored.getSlicesPerWorker() + " slices; it cannot be opened with "
          + requested.getWorkers() + " workers x " + requested.getSlicesPerWorker() + " slices");
    }
    this.topology = stored;
  }

  private void noteTableIds(CatalogRecord r) {
    if (r.hasCreateTable()) {
      nextTableId.accumulateAndGet(r.getCreateTable().getTableId() + 1, Math::max);
    } else if (r.hasBatch()) {
      r.getBatch().getEntriesList().forEach(this::noteTableIds);
    }
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

  /** The committed state now: what a statement outside a transaction pins at its start. */
  public CatalogState state() {
    return state;
  }

  /** The current version of a table or view, or null. */
  public TableSnapshot table(String schema, String name) {
    return state.relation(schema, name);
  }

  /** Every table and view. */
  public Collection<TableSnapshot> tables() {
    return state.relations();
  }

  /** A fresh table id; ids of tables whose creation is never committed are simply skipped. */
  public long reserveTableId() {
    return nextTableId.getAndIncrement();
  }

  /** Creates a table (assigning its id) in a commit of its own. */
  public TableSnapshot createTable(TableDef def) {
    TableDef withId = def.toBuilder().setTableId(reserveTableId()).build();
    return commit(List.of(CatalogRecord.newBuilder().setCreateTable(withId).build())).relation(withId.getTableId());
  }

  /**
   * Commits changes made against an earlier state as one durable log record, after checking
   * they still apply ({@link CatalogState#rebase}); returns the new state. All or nothing.
   */
  public synchronized CatalogState commit(List<CatalogRecord> changes) {
    if (changes.isEmpty()) {
      return state;
    }
    CatalogState next = state;
    List<CatalogRecord> logged = new ArrayList<>(changes.size());
    for (CatalogRecord change : changes) {
      CatalogRecord r = next.rebase(change);
      next = next.apply(r);
      logged.add(r);
    }
    CatalogRecord.Builder record = logged.size() == 1 ? logged.get(0).toBuilder()
        : CatalogRecord.newBuilder().setBatch(CatalogBatch.newBuilder().addAllEntries(logged));
    append(record);
    state = next;
    return next;
  }

  /** Relative paths of every live segment on one worker (everything else there is garbage). */
  public Set<String> livePaths(int worker) {
    Set<String> live = new HashSet<>();
    for (TableSnapshot t : state.relations()) {
      for (SegmentEntry s : t.segments()) {
        if (s.getWorker() == worker) {
          live.add(s.getPath());
          if (!s.getDeleteVector().isEmpty()) {
            live.add(s.getDeleteVector()); // older versions of it are garbage
          }
        }
      }
    }
    return live;
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
