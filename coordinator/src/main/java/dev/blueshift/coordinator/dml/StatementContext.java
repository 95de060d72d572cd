package dev.blueshift.coordinator.dml;

import dev.blueshift.coordinator.catalog.CatalogState;
import dev.blueshift.coordinator.engine.RowCursor;
import dev.blueshift.coordinator.load.TableWriter;
import dev.blueshift.coordinator.plan.DistributedPlan;
import dev.blueshift.protocol.catalog.CatalogRecord;
import dev.blueshift.protocol.catalog.TableDef;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What a statement needs from the session running it: the relations it sees (the session's open
 * transaction, else the committed catalog), planning and running queries, writing segments, and
 * committing — at once, or buffered until the transaction's COMMIT.
 */
public interface StatementContext {

  /** The relations this statement reads, pinned for its whole run. */
  CatalogState relations();

  /** Plans a query against {@link #relations()}. */
  DistributedPlan plan(String sql);

  /** Starts a planned query (cancellable through the session); the caller closes the cursor. */
  RowCursor run(DistributedPlan plan);

  /** A writer for new segments of a table's version {@code version}; the caller closes it. */
  TableWriter writer(TableDef def, long version);

  /** Where statements allocate the Arrow buffers of rows they write. */
  BufferAllocator allocator();

  /** A fresh table id for a table or view this statement creates. */
  long reserveTableId();

  /** Makes the changes visible as one unit (now, or at the transaction's COMMIT). */
  void commit(List<CatalogRecord> changes);
}
