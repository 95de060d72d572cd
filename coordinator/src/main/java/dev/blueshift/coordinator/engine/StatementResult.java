package dev.blueshift.coordinator.engine;

import java.util.List;

/** What a statement produced: a row count with a command tag, or a stream of rows. */
public sealed interface StatementResult permits StatementResult.Update, StatementResult.Rows {

  /** DDL, COPY, INSERT…: the command tag ("CREATE TABLE", "COPY") and the rows affected. */
  record Update(String commandTag, long count) implements StatementResult {}

  /** A query: its columns and a cursor over its rows, which the caller must close. */
  record Rows(List<ResultColumn> columns, RowCursor cursor) implements StatementResult {}
}
