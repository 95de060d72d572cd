package dev.blueshift.coordinator.engine;

import java.util.List;

/**
 * A forward-only cursor over result rows, fetched in chunks so a large result is never held whole
 * on the coordinator.
 *
 * <p>Values are Java objects by SQL type: SMALLINT Short, INTEGER Integer, BIGINT Long, DECIMAL
 * BigDecimal with the column's scale, REAL Float, DOUBLE Double, BOOLEAN Boolean, CHAR/VARCHAR
 * String, DATE java.time.LocalDate, TIMESTAMP java.time.LocalDateTime, TIMESTAMPTZ
 * java.time.OffsetDateTime; SQL NULL is null.
 */
public interface RowCursor extends AutoCloseable {

  /** Up to {@code maxRows} next rows; an empty list once the result is exhausted. */
  List<Object[]> next(int maxRows);

  /**
   * Stops the query from another thread while {@link #next} may be waiting: that call then fails
   * with SQLSTATE 57014. The caller still closes the cursor.
   */
  default void cancel() {}

  /** Stops the query if still running and frees its resources. Idempotent. */
  @Override
  void close();
}
