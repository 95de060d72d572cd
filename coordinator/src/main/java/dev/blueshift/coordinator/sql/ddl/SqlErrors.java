package dev.blueshift.coordinator.sql.ddl;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Builds {@link BlueshiftException}s that carry the line and column of a parsed construct. */
public final class SqlErrors {
  private SqlErrors() {}

  /** An error at {@code pos}; the message gets the position appended as "(line L, col C)". */
  public static BlueshiftException at(SqlState state, SqlParserPos pos, String message) {
    int line = pos == null ? 0 : pos.getLineNum();
    int column = pos == null ? 0 : pos.getColumnNum();
    String where = line > 0 ? " (line " + line + ", col " + column + ")" : "";
    return new BlueshiftException(state, message + where, line, column, null);
  }

  /** A syntax error (SQLSTATE 42601) at {@code pos}. */
  public static BlueshiftException syntax(SqlParserPos pos, String message) {
    return at(SqlState.SYNTAX_ERROR, pos, message);
  }
}
