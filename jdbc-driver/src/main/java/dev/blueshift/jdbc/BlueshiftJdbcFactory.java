package dev.blueshift.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.sql.NClob;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLXML;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaResultSetMetaData;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.InternalProperty;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.avatica.util.Casing;

/**
 * Avatica's JDBC 4.1 objects with one change: {@link java.sql.Statement#cancel()} reaches the
 * server. Avatica's own cancel only sets a client-side flag (and waits for the statement's
 * monitor, which a running execute holds), so ours first asks the server to close the statement,
 * which cancels it there if it is running; Avatica re-creates a closed server statement
 * transparently when the JDBC statement is used again, and a new execution clears the cancel.
 */
final class BlueshiftJdbcFactory implements AvaticaFactory {

  @Override
  public int getJdbcMajorVersion() {
    return 4;
  }

  @Override
  public int getJdbcMinorVersion() {
    return 1;
  }

  @Override
  public AvaticaConnection newConnection(UnregisteredDriver driver, AvaticaFactory factory,
      String url, Properties info) {
    return new BlueshiftConnection(driver, factory, url, info);
  }

  @Override
  public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
    return new BlueshiftDatabaseMetaData(connection);
  }

  @Override
  public AvaticaStatement newStatement(AvaticaConnection connection, Meta.StatementHandle h,
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) {
    return new BlueshiftStatement(connection, h, resultSetType, resultSetConcurrency,
        resultSetHoldability);
  }

  @Override
  public AvaticaPreparedStatement newPreparedStatement(AvaticaConnection connection,
      Meta.StatementHandle h, Meta.Signature signature, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    return new BlueshiftPreparedStatement(connection, h, signature, resultSetType,
        resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public AvaticaResultSet newResultSet(AvaticaStatement statement, QueryState state,
      Meta.Signature signature, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    ResultSetMetaData metaData = newResultSetMetaData(statement, signature);
    return new AvaticaResultSet(statement, state, signature, metaData, timeZone, firstFrame);
  }

  @Override
  public AvaticaResultSetMetaData newResultSetMetaData(AvaticaStatement statement,
      Meta.Signature signature) {
    return new AvaticaResultSetMetaData(statement, null, signature);
  }

  /** A connection that can ask the server to cancel one of its statements. */
  static final class BlueshiftConnection extends AvaticaConnection {
    BlueshiftConnection(UnregisteredDriver driver, AvaticaFactory factory, String url,
        Properties info) {
      super(driver, factory, url, info);
      // DatabaseMetaData reports that unquoted names fold to lower case, as in Redshift (BI tools
      // decide how to quote names by this; Avatica's default is upper case)
      properties.put(InternalProperty.UNQUOTED_CASING, Casing.TO_LOWER);
    }

    /**
     * Avatica only marks the change and sends it with the next request; JDBC wants it now (turning
     * auto-commit on commits the open transaction), so ask the server for the properties at once.
     */
    @Override
    public void setAutoCommit(boolean autoCommit) throws java.sql.SQLException {
      super.setAutoCommit(autoCommit);
      getAutoCommit(); // syncs the connection properties with the server
    }

    /** Closes the statement on the server, which cancels it there if it is running. */
    void cancelOnServer(Meta.StatementHandle handle) throws SQLException {
      try {
        meta.closeStatement(handle);
      } catch (RuntimeException e) {
        throw Driver.connectFailure(null, e);
      }
    }
  }

  /** Fires query timeouts; one daemon thread for every connection of the JVM. */
  private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "blueshift-jdbc-query-timeout");
    t.setDaemon(true);
    return t;
  });

  /** A JDBC call that may run long. */
  interface Execution<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code execution} under the statement's query timeout: when it passes, the statement is
   * cancelled on the server (stopping the distributed query) and the call fails with a
   * {@link SQLTimeoutException}, SQLSTATE 57014, as PostgreSQL's statement_timeout does.
   */
  static <T> T withTimeout(AvaticaStatement statement, Execution<T> execution) throws SQLException {
    int seconds = statement.getQueryTimeout();
    if (seconds <= 0) {
      return execution.run();
    }
    AtomicBoolean fired = new AtomicBoolean();
    ScheduledFuture<?> timer = TIMEOUTS.schedule(() -> {
      fired.set(true);
      try {
        cancel(statement);
      } catch (SQLException | RuntimeException e) {
        // the execution reports what happened to it
      }
    }, seconds, TimeUnit.SECONDS);
    try {
      return execution.run();
    } catch (SQLException e) {
      if (fired.get()) {
        throw new SQLTimeoutException("canceling statement due to statement timeout (" + seconds
            + " s)", "57014", e);
      }
      throw e;
    } finally {
      timer.cancel(false);
    }
  }

  private static void cancel(AvaticaStatement statement) throws SQLException {
    if (statement.isClosed()) {
      return;
    }
    Meta.StatementHandle handle = statement.handle;
    if (handle != null && statement.getConnection() instanceof BlueshiftConnection c) {
      c.cancelOnServer(handle);
    }
  }

  /** A statement whose cancel reaches the server. */
  static final class BlueshiftStatement extends AvaticaStatement {
    BlueshiftStatement(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType,
        int resultSetConcurrency, int resultSetHoldability) {
      super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    // Not synchronized: a running execute holds this statement's monitor.
    @Override
    public void cancel() throws SQLException {
      BlueshiftJdbcFactory.cancel(this);
      super.cancel();
    }

    // Avatica never clears its cancel flag; a new execution starts uncancelled.
    @Override
    protected void executeInternal(String sql) throws SQLException {
      cancelFlag.set(false);
      withTimeout(this, () -> {
        super.executeInternal(sql);
        return null;
      });
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
      cancelFlag.set(false);
      return withTimeout(this, super::executeLargeBatch);
    }
  }

  /** A prepared statement whose cancel reaches the server. */
  static final class BlueshiftPreparedStatement extends AvaticaPreparedStatement {
    BlueshiftPreparedStatement(AvaticaConnection connection, Meta.StatementHandle h,
        Meta.Signature signature, int resultSetType, int resultSetConcurrency,
        int resultSetHoldability) throws SQLException {
      super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public void cancel() throws SQLException {
      BlueshiftJdbcFactory.cancel(this);
      super.cancel();
    }

    @Override
    public java.sql.ResultSet executeQuery() throws SQLException {
      cancelFlag.set(false);
      return withTimeout(this, super::executeQuery);
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
      cancelFlag.set(false);
      return withTimeout(this, super::executeLargeUpdate);
    }

    @Override
    public boolean execute() throws SQLException {
      cancelFlag.set(false);
      return withTimeout(this, super::execute);
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
      cancelFlag.set(false);
      return withTimeout(this, super::executeLargeBatch);
    }

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
      getSite(parameterIndex).setRowId(x);
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
      getSite(parameterIndex).setNString(value);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length)
        throws SQLException {
      getSite(parameterIndex).setNCharacterStream(value, length);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
      getSite(parameterIndex).setNCharacterStream(value);
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
      getSite(parameterIndex).setNClob(value);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
      getSite(parameterIndex).setNClob(reader, length);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
      getSite(parameterIndex).setNClob(reader);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
      getSite(parameterIndex).setClob(reader, length);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
      getSite(parameterIndex).setClob(reader);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length)
        throws SQLException {
      getSite(parameterIndex).setBlob(inputStream, length);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
      getSite(parameterIndex).setBlob(inputStream);
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
      getSite(parameterIndex).setSQLXML(xmlObject);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length)
        throws SQLException {
      getSite(parameterIndex).setAsciiStream(x, length);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
      getSite(parameterIndex).setAsciiStream(x);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length)
        throws SQLException {
      getSite(parameterIndex).setBinaryStream(x, length);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
      getSite(parameterIndex).setBinaryStream(x);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length)
        throws SQLException {
      getSite(parameterIndex).setCharacterStream(reader, length);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
      getSite(parameterIndex).setCharacterStream(reader);
    }
  }

  /** Avatica's database metadata; product name and version come from the driver version. */
  static final class BlueshiftDatabaseMetaData extends AvaticaDatabaseMetaData {
    BlueshiftDatabaseMetaData(AvaticaConnection connection) {
      super(connection);
    }
  }
}
