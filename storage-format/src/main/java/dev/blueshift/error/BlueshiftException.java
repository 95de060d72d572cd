package dev.blueshift.error;

/**
 * The one exception type users see: a message that names the object and the value, a SQLSTATE,
 * and for SQL text the 1-based line and column of the offending token (0 when unknown).
 */
public class BlueshiftException extends RuntimeException {
  private final SqlState state;
  private final int line;
  private final int column;

  public BlueshiftException(SqlState state, String message) {
    this(state, message, 0, 0, null);
  }

  public BlueshiftException(SqlState state, String message, Throwable cause) {
    this(state, message, 0, 0, cause);
  }

  public BlueshiftException(SqlState state, String message, int line, int column, Throwable cause) {
    super(message, cause);
    this.state = state;
    this.line = line;
    this.column = column;
  }

  public SqlState state() {
    return state;
  }

  public String sqlState() {
    return state.code();
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
