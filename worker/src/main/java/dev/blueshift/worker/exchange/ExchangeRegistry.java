package dev.blueshift.worker.exchange;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exchange inboxes of one node, keyed by query, exchange and consumer instance. A buffer is
 * created by whichever comes first: the consumer or a producer's first message.
 */
public final class ExchangeRegistry {
  private record Key(String queryId, int exchangeId, int instance) {}

  private final Map<Key, ExchangeBuffer> buffers = new ConcurrentHashMap<>();
  private final Set<String> finishedQueries = ConcurrentHashMap.newKeySet();

  public ExchangeBuffer buffer(String queryId, int exchangeId, int instance) {
    if (finishedQueries.contains(queryId)) {
      throw new BlueshiftException(SqlState.QUERY_CANCELED, "query " + queryId + " is no longer running");
    }
    return buffers.computeIfAbsent(new Key(queryId, exchangeId, instance), k -> new ExchangeBuffer());
  }

  /** Fails and drops every buffer of a query; later messages for it are refused. */
  public void finishQuery(String queryId, BlueshiftException reason) {
    finishedQueries.add(queryId);
    buffers.entrySet().removeIf(e -> {
      if (e.getKey().queryId().equals(queryId)) {
        if (reason != null) {
          e.getValue().fail(reason);
        }
        return true;
      }
      return false;
    });
  }

  public int size() {
    return buffers.size();
  }
}
