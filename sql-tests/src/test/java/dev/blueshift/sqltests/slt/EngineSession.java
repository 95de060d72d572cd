package dev.blueshift.sqltests.slt;

import dev.blueshift.jdbc.ServerMessages;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One JDBC connection whose statements run under a per-statement time limit enforced here, not by
 * {@code setQueryTimeout} (the server does not implement it): each call runs on this session's own
 * thread; past the limit the statement is cancelled and, if it still does not return, the session
 * is abandoned (the caller must stop using it).
 */
final class EngineSession implements AutoCloseable {
  /** Grace period for a cancelled statement to return before the session is given up. */
  private static final Duration CANCEL_GRACE = Duration.ofSeconds(5);

  private final Connection connection;
  private final Duration timeout;
  private final ExecutorService thread;
  private boolean abandoned;

  /** A statement that failed on the server or in the driver; its message is the server's. */
  static final class StatementFailed extends Exception {
    StatementFailed(String sql, Throwable cause) {
      super(withoutSql(sql, ServerMessages.of(cause.getMessage())), cause);
    }

    /** Avatica repeats the statement in front of client-side errors; the record already shows it. */
    private static String withoutSql(String sql, String message) {
      String prefix = "Error while executing SQL \"" + sql + "\": ";
      return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
  }

  /** A statement that ran past the time limit. */
  static final class StatementTimedOut extends Exception {
    StatementTimedOut(Duration timeout) {
      super("timeout after " + timeout.toSeconds() + " s");
    }
  }

  EngineSession(String url, Duration timeout) throws SQLException {
    this.connection = DriverManager.getConnection(url, "admin", "");
    this.timeout = timeout;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "slt-statement");
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs a statement, discarding any result. */
  void execute(String sql) throws StatementFailed, StatementTimedOut {
    run(sql, st -> {
      if (st.execute(sql)) {
        try (ResultSet rs = st.getResultSet()) {
          while (rs.next()) {
            // drain: a statement's rows are not compared, but it must finish
          }
        }
      }
      return null;
    });
  }

  /**
   * Runs a query and renders its rows; a statement without rows (DML inside a DuckDB {@code query})
   * yields its update count as one value.
   */
  ResultTable query(String sql, String types, Dialect dialect) throws StatementFailed, StatementTimedOut {
    return run(sql, st -> {
      if (!st.execute(sql)) {
        return new ResultTable(1, List.of(String.valueOf(st.getUpdateCount())), List.of(false));
      }
      try (ResultSet rs = st.getResultSet()) {
        return render(rs, types, dialect);
      }
    });
  }

  private static ResultTable render(ResultSet rs, String types, Dialect dialect) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int columns = md.getColumnCount();
    List<Boolean> approximate = new ArrayList<>();
    for (int c = 1; c <= columns; c++) {
      int type = md.getColumnType(c);
      approximate.add(type == Types.DOUBLE || type == Types.FLOAT || type == Types.REAL);
    }
    List<String> values = new ArrayList<>();
    while (rs.next()) {
      for (int c = 1; c <= columns; c++) {
        char letter = c <= types.length() ? types.charAt(c - 1) : 'T';
        values.add(ValueRenderer.render(rs.getObject(c), letter, dialect));
      }
    }
    return new ResultTable(columns, values, approximate);
  }

  private interface Work<T> {
    T on(Statement statement) throws SQLException;
  }

  private <T> T run(String sql, Work<T> work) throws StatementFailed, StatementTimedOut {
    if (abandoned) {
      throw new IllegalStateException("session abandoned after a timeout");
    }
    Statement statement;
    try {
      statement = connection.createStatement();
    } catch (SQLException | RuntimeException e) {
      throw new StatementFailed(sql, e);
    }
    Future<T> result = thread.submit(() -> {
      try (Statement st = statement) {
        return work.on(st);
      }
    });
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new StatementFailed(sql, e.getCause());
    } catch (TimeoutException e) {
      cancel(statement, result);
      throw new StatementTimedOut(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel(statement, result);
      throw new StatementTimedOut(timeout);
    }
  }

  private void cancel(Statement statement, Future<?> result) {
    abandoned = true;
    Thread canceller = new Thread(() -> {
      try {
        statement.cancel();
      } catch (SQLException | RuntimeException ignored) {
        // best effort: the session is given up either way
      }
    }, "slt-cancel");
    canceller.setDaemon(true);
    canceller.start();
    try {
      result.get(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // cancelled or still stuck: either way this session is not used again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean abandoned() {
    return abandoned;
  }

  @Override
  public void close() {
    thread.shutdownNow();
    if (abandoned) {
      // A stuck statement may hold the connection: close it without waiting.
      Thread closer = new Thread(this::closeConnection, "slt-close");
      closer.setDaemon(true);
      closer.start();
    } else {
      closeConnection();
    }
  }

  private void closeConnection() {
    try {
      connection.close();
    } catch (SQLException | RuntimeException ignored) {
      // closing a connection the server may already have dropped; nothing to recover
    }
  }
}
