package dev.blueshift.worker.exec.spill;

import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A node's per-query allocators: every fragment instance of a query on this node allocates from
 * one child of the node's allocator that carries the query's limit, so the limit holds for the
 * query as a whole here, not per instance. The query's allocator goes when its last instance ends.
 */
public final class QueryAllocators {
  private final BufferAllocator node;
  private final Map<String, Lease> queries = new HashMap<>();

  public QueryAllocators(BufferAllocator node) {
    this.node = node;
  }

  /**
   * The allocator of a query (created with {@code limit} bytes, 0 or less for none, by its first
   * instance); close the lease when the instance is done with it.
   */
  public synchronized Lease open(String queryId, long limit) {
    Lease lease = queries.get(queryId);
    if (lease == null) {
      lease = new Lease(queryId, node.newChildAllocator("query-" + queryId, 0, limit > 0 ? limit : Long.MAX_VALUE));
      queries.put(queryId, lease);
    }
    lease.users++;
    return lease;
  }

  private synchronized void release(Lease lease) {
    if (--lease.users == 0) {
      queries.remove(lease.queryId);
      lease.allocator.close();
    }
  }

  /** One instance's use of its query's allocator. */
  public final class Lease implements AutoCloseable {
    private final String queryId;
    private final BufferAllocator allocator;
    private int users;

    private Lease(String queryId, BufferAllocator allocator) {
      this.queryId = queryId;
      this.allocator = allocator;
    }

    /** The query's allocator; instances take children of it. */
    public BufferAllocator allocator() {
      return allocator;
    }

    @Override
    public void close() {
      release(this);
    }
  }
}
