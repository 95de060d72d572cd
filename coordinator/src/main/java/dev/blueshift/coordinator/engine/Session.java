package dev.blueshift.coordinator.engine;

/**
 * One client connection's state: settings and, later, its open transaction. Statements of one
 * session run one at a time.
 */
public interface Session extends AutoCloseable {

  /**
   * Parses, plans and runs one SQL statement.
   *
   * @throws dev.blueshift.error.BlueshiftException with a SQLSTATE when the statement fails
   */
  StatementResult execute(String sql);

  /** True inside BEGIN … COMMIT/ROLLBACK (changes are buffered until COMMIT). */
  default boolean inTransaction() {
    return false;
  }

  /** Cancels the statement running in this session, if any (callable from any thread). */
  void cancel();

  @Override
  void close();
}
