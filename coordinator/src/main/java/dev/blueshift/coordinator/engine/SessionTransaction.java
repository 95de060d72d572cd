package dev.blueshift.coordinator.engine;

import dev.blueshift.coordinator.catalog.CatalogState;
import dev.blueshift.protocol.catalog.CatalogRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * A session's open transaction (BEGIN … COMMIT): its changes are buffered, visible to the session
 * through its own {@link CatalogState}, and reach the catalog as one record at COMMIT. ROLLBACK
 * simply forgets them (segments written meanwhile are garbage, removed at the next start). After
 * an error the transaction is failed: PostgreSQL's "commands ignored until end of transaction
 * block", and COMMIT rolls back.
 */
final class SessionTransaction {
  private CatalogState state;
  private final List<CatalogRecord> changes = new ArrayList<>();
  private boolean failed;

  SessionTransaction(CatalogState base) {
    this.state = base;
  }

  /** What statements inside the transaction see. */
  CatalogState state() {
    return state;
  }

  /** Buffers changes; they are checked against the transaction's own state right away. */
  void add(List<CatalogRecord> more) {
    CatalogState next = state;
    for (CatalogRecord r : more) {
      next = next.apply(next.rebase(r));
    }
    state = next;
    changes.addAll(more);
  }

  List<CatalogRecord> changes() {
    return changes;
  }

  void fail() {
    failed = true;
  }

  boolean failed() {
    return failed;
  }
}
