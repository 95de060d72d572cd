package dev.blueshift.coordinator.dml;

import dev.blueshift.coordinator.engine.RowCursor;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.util.List;

/** Small helpers for statements that read query results row by row. */
final class QueryRows {
  /** Rows fetched per cursor call. */
  static final int CHUNK = 4096;

  private QueryRows() {}

  /** The single row of a query such as {@code SELECT expr, …}. */
  static Object[] single(StatementContext context, String sql) {
    try (RowCursor cursor = context.run(context.plan(sql))) {
      List<Object[]> rows = cursor.next(2);
      if (rows.size() != 1) {
        throw new BlueshiftException(SqlState.INTERNAL_ERROR, "expected one row from " + sql + ", got " + rows.size());
      }
      return rows.get(0);
    }
  }
}
