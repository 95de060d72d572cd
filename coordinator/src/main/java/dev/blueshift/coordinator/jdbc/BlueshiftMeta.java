package dev.blueshift.coordinator.jdbc;

import dev.blueshift.coordinator.engine.QueryEngine;
import dev.blueshift.coordinator.engine.ResultColumn;
import dev.blueshift.coordinator.engine.RowCursor;
import dev.blueshift.coordinator.engine.Session;
import dev.blueshift.coordinator.engine.StatementResult;
import dev.blueshift.coordinator.system.PinnedCatalog;
import dev.blueshift.coordinator.users.UserCommand;
import dev.blueshift.coordinator.users.UserStore;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.AvaticaUtils;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.ProtobufMeta;
import org.apache.calcite.avatica.remote.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avatica's server-side {@link org.apache.calcite.avatica.Meta} over a {@link QueryEngine}: one
 * engine {@link Session} per Avatica connection, statements run through {@link Session#execute},
 * query results streamed to the client frame by frame from the engine's {@link RowCursor} (never
 * materialized whole), engine errors returned with their SQLSTATE.
 *
 * <p>Thread-safety: Avatica's HTTP server calls this from many threads; per-connection state is
 * kept in concurrent maps, statements of one session run one at a time, and {@link #cancel} can
 * be called while a statement runs.
 */
public final class BlueshiftMeta extends MetaImpl implements ProtobufMeta {
  /** Rows per frame when the client does not ask for a size. */
  public static final int DEFAULT_FRAME_ROWS = 10_000;
  /** The only user of local mode; it has no password. */
  public static final String LOCAL_USER = "admin";

  private static final Logger LOG = LoggerFactory.getLogger(BlueshiftMeta.class);
  /** pgjdbc reports 0 as the vendor error code; the SQLSTATE carries the meaning. */
  private static final int ERROR_CODE = 0;

  /** Connections unused this long are closed (clients that vanished without closing). */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(1);

  private final QueryEngine engine;
  /** Null in local mode. */
  private final UserStore users;
  private final long idleTimeoutNanos;
  private final ConcurrentMap<String, ConnectionState> connections = new ConcurrentHashMap<>();
  /** Statement ids are unique across connections, metadata result sets included. */
  private final AtomicInteger statementIds = new AtomicInteger();

  public BlueshiftMeta(QueryEngine engine) {
    this(engine, DEFAULT_IDLE_TIMEOUT);
  }

  /** A Meta that closes connections idle (no request, nothing running) for {@code idleTimeout}. */
  public BlueshiftMeta(QueryEngine engine, Duration idleTimeout) {
    this(engine, idleTimeout, null);
  }

  /**
   * A Meta whose connections are checked against {@code users} (coordinator mode), or, when it is
   * null, only accept {@code admin} without a password (local mode).
   */
  public BlueshiftMeta(QueryEngine engine, Duration idleTimeout, UserStore users) {
    // Server side: there is no local AvaticaConnection.
    super(null);
    this.engine = engine;
    this.idleTimeoutNanos = idleTimeout.toNanos();
    this.users = users;
  }

  // --- connections -----------------------------------------------------------------------------

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    closeIdleConnections();
    String user = info == null ? null : info.get("user");
    String password = info == null ? null : info.get("password");
    if (user == null || user.isEmpty()) {
      user = LOCAL_USER;
    }
    String database = info == null ? null : info.get("database");
    if (database != null && !database.isEmpty() && !database.equals(PinnedCatalog.DATABASE)) {
      throw new AvaticaRuntimeException("database \"" + database + "\" does not exist", ERROR_CODE,
          SqlState.INVALID_CATALOG_NAME.code(), AvaticaSeverity.ERROR);
    }
    boolean allowed = users == null
        ? LOCAL_USER.equals(user) && (password == null || password.isEmpty())
        : users.authenticate(user, password);
    if (!allowed) {
      throw new AvaticaRuntimeException(
          "password authentication failed for user \"" + user + "\"", ERROR_CODE,
          SqlState.INVALID_PASSWORD.code(), AvaticaSeverity.ERROR);
    }
    Session session;
    try {
      session = engine.openSession(user);
    } catch (RuntimeException e) {
      throw toAvatica(e);
    }
    ConnectionState previous = connections.putIfAbsent(ch.id, new ConnectionState(session, user));
    if (previous != null) {
      session.close();
      throw new AvaticaRuntimeException("connection " + ch.id + " is already open", ERROR_CODE,
          "08004", AvaticaSeverity.ERROR);
    }
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    ConnectionState c = connections.remove(ch.id);
    if (c == null) {
      return;
    }
    c.session.cancel();
    for (StatementState s : c.statements.values()) {
      s.closeResult();
    }
    c.statements.clear();
    c.session.close();
  }

  @Override
  public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties props) {
    ConnectionState c = connection(ch.id);
    boolean wasManual = !c.autoCommit();
    ConnectionProperties merged;
    synchronized (c.props) {
      c.props.merge(props);
      c.props.setDirty(false);
      merged = c.props;
    }
    if (wasManual && c.autoCommit()) {
      endTransaction(c, "COMMIT"); // JDBC: turning auto-commit on commits the open transaction
    }
    return merged;
  }

  /** Cancels the statement running on an Avatica connection, if any. */
  public void cancel(String connectionId) {
    ConnectionState c = connections.get(connectionId);
    if (c != null) {
      c.session.cancel();
    }
  }

  /**
   * Closes connections with no request for the idle timeout and no statement running; their
   * clients are gone. Runs on each new connection, so no thread of its own is needed.
   */
  public void closeIdleConnections() {
    long now = System.nanoTime();
    for (Map.Entry<String, ConnectionState> e : connections.entrySet()) {
      ConnectionState c = e.getValue();
      if (now - c.lastUsedNanos > idleTimeoutNanos && !c.executeLock.isLocked()) {
        LOG.info("closing JDBC connection {} idle for {} s", e.getKey(),
            (now - c.lastUsedNanos) / 1_000_000_000L);
        closeConnection(new ConnectionHandle(e.getKey()));
      }
    }
  }

  /** Number of open Avatica connections (for monitoring and tests). */
  public int openConnections() {
    return connections.size();
  }

  @Override
  public void commit(ConnectionHandle ch) {
    endTransaction(connection(ch.id), "COMMIT");
  }

  @Override
  public void rollback(ConnectionHandle ch) {
    endTransaction(connection(ch.id), "ROLLBACK");
  }

  /** COMMIT or ROLLBACK the session's open transaction, if any. */
  private static void endTransaction(ConnectionState c, String sql) {
    c.executeLock.lock();
    try {
      if (c.session.inTransaction()) {
        c.session.execute(sql);
      }
    } catch (RuntimeException e) {
      throw toAvatica(e);
    } finally {
      c.executeLock.unlock();
    }
  }

  /**
   * With auto-commit off (JDBC {@code setAutoCommit(false)}) every statement runs in a transaction
   * that {@code commit()} or {@code rollback()} ends, as in PostgreSQL's JDBC driver.
   */
  private static void beginUnlessAutoCommit(ConnectionState c) {
    if (!c.autoCommit() && !c.session.inTransaction()) {
      c.session.execute("BEGIN");
    }
  }

  // --- statements ------------------------------------------------------------------------------

  @Override
  public StatementHandle createStatement(ConnectionHandle ch) {
    ConnectionState c = connection(ch.id);
    int id = statementIds.incrementAndGet();
    c.statements.put(id, new StatementState(null));
    return new StatementHandle(ch.id, id, null);
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    ConnectionState c = connection(ch.id);
    int id = statementIds.incrementAndGet();
    c.statements.put(id, new StatementState(sql));
    // Result columns are unknown until execution; the execute response carries them.
    return new StatementHandle(ch.id, id, signature(sql, List.of(), parameters(sql)));
  }

  @SuppressWarnings("deprecation")
  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
      PrepareCallback callback) throws NoSuchStatementException {
    return prepareAndExecute(h, sql, maxRowCount, -1, callback);
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
      int maxRowsInFirstFrame, PrepareCallback callback) throws NoSuchStatementException {
    return new ExecuteResult(List.of(run(h, sql, maxRowCount, maxRowsInFirstFrame)));
  }

  @SuppressWarnings("deprecation")
  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, long maxRowCount)
      throws NoSuchStatementException {
    return execute(h, parameterValues, AvaticaUtils.toSaturatedInt(maxRowCount));
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues,
      int maxRowsInFirstFrame) throws NoSuchStatementException {
    StatementState s = statement(h);
    if (s.preparedSql == null) {
      throw new AvaticaRuntimeException("statement " + h.id + " was not prepared", ERROR_CODE,
          "26000", AvaticaSeverity.ERROR);
    }
    String sql = bind(s.preparedSql, parameterValues);
    // The client passes its fetch size here; the statement has no row limit of its own.
    return new ExecuteResult(List.of(run(h, sql, -1, maxRowsInFirstFrame)));
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    long[] counts = new long[sqlCommands.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = runUpdate(h, sqlCommands.get(i));
    }
    return new ExecuteBatchResult(counts);
  }

  /** What the protobuf transport calls for {@code executeBatch}: the rows as sent. */
  @Override
  public ExecuteBatchResult executeBatchProtobuf(StatementHandle h,
      List<Requests.UpdateBatch> parameterValues) throws NoSuchStatementException {
    List<List<TypedValue>> rows = new ArrayList<>(parameterValues.size());
    for (Requests.UpdateBatch batch : parameterValues) {
      List<TypedValue> row = new ArrayList<>(batch.getParameterValuesCount());
      for (org.apache.calcite.avatica.proto.Common.TypedValue v : batch.getParameterValuesList()) {
        row.add(TypedValue.fromProto(v));
      }
      rows.add(row);
    }
    return executeBatch(h, rows);
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
      throws NoSuchStatementException {
    StatementState s = statement(h);
    if (s.preparedSql == null) {
      throw new AvaticaRuntimeException("statement " + h.id + " was not prepared", ERROR_CODE,
          "26000", AvaticaSeverity.ERROR);
    }
    long[] counts = new long[parameterValues.size()];
    BatchInsert insert = BatchInsert.of(s.preparedSql);
    if (insert != null && counts.length > 0) {
      runBatchInsert(h, insert, parameterValues);
      Arrays.fill(counts, 1);
      return new ExecuteBatchResult(counts);
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] = runUpdate(h, bind(s.preparedSql, parameterValues.get(i)));
    }
    return new ExecuteBatchResult(counts);
  }

  /**
   * A batch of a one-row INSERT … VALUES as multi-row INSERTs in one commit: in the session's
   * transaction if one is open, else in a transaction of its own when the batch needs more than
   * one statement. All rows or none.
   */
  private void runBatchInsert(StatementHandle h, BatchInsert insert,
      List<List<TypedValue>> parameterValues) throws NoSuchStatementException {
    ConnectionState c = connection(h.connectionId);
    StatementState s = statement(h);
    s.closeResult();
    List<String> statements;
    try {
      statements = insert.statements(parameterValues);
    } catch (RuntimeException e) {
      throw toAvatica(e);
    }
    c.executeLock.lock();
    s.executing = true;
    try {
      beginUnlessAutoCommit(c);
      boolean ownTransaction = statements.size() > 1 && !c.session.inTransaction();
      if (ownTransaction) {
        c.session.execute("BEGIN");
      }
      int firstRow = 0;
      try {
        for (String sql : statements) {
          try {
            c.session.execute(sql);
          } catch (BlueshiftException e) {
            throw atBatchRow(e, insert, firstRow);
          }
          firstRow += insert.rowsPerStatement();
        }
      } catch (RuntimeException e) {
        if (ownTransaction) {
          c.session.execute("ROLLBACK");
        }
        throw e;
      }
      if (ownTransaction) {
        c.session.execute("COMMIT");
      }
    } catch (RuntimeException e) {
      throw toAvatica(e);
    } finally {
      s.executing = false;
      c.executeLock.unlock();
    }
  }

  /** CREATE/ALTER/DROP USER: coordinator mode only, by the superuser. */
  private StatementResult runUserCommand(ConnectionState c, UserCommand command) {
    if (users == null) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, command.commandTag()
          + " needs coordinator mode (blueshift coordinator); a local cluster has only the user admin");
    }
    if (!UserStore.SUPERUSER.equals(c.user)) {
      throw new BlueshiftException(SqlState.INSUFFICIENT_PRIVILEGE,
          "permission denied: only admin may create, alter or drop users");
    }
    command.apply(users);
    return new StatementResult.Update(command.commandTag(), 0);
  }

  private static AvaticaRuntimeException cancelled() {
    return new AvaticaRuntimeException("canceling statement due to user request", ERROR_CODE,
        SqlState.QUERY_CANCELED.code(), AvaticaSeverity.ERROR);
  }

  /** The error of a generated INSERT, naming the batch row (1-based) instead of a line. */
  private static BlueshiftException atBatchRow(BlueshiftException e, BatchInsert insert,
      int firstRow) {
    if (e.line() < insert.firstRowLine()) {
      return e;
    }
    String message = e.getMessage().replaceAll(" ?\\(line \\d+, col(umn)? \\d+\\)", "");
    int row = firstRow + e.line() - insert.firstRowLine() + 1;
    return new BlueshiftException(e.state(), message + " (batch row " + row + ")", e);
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    StatementState s = statement(h);
    synchronized (s) {
      if (s.result == null) {
        throw new MissingResultsException(h);
      }
      return s.result.nextFrame(offset, frameRows(fetchMaxRowCount));
    }
  }

  @Override
  public boolean syncResults(StatementHandle sh, QueryState state, long offset)
      throws NoSuchStatementException {
    // Results are a forward-only stream; they cannot be re-created at an offset.
    throw new AvaticaRuntimeException("the result of statement " + sh.id
        + " is no longer available; run the query again", ERROR_CODE, "24000",
        AvaticaSeverity.ERROR);
  }

  /**
   * Closes a statement and its open result. Closing a statement that is running cancels it: the
   * Avatica protocol has no cancel request, so this is how the Blueshift driver's {@code
   * Statement.cancel()} reaches the engine.
   */
  @Override
  public void closeStatement(StatementHandle h) {
    ConnectionState c = h.connectionId == null ? null : connections.get(h.connectionId);
    if (c == null) {
      return; // metadata result sets and already-closed connections
    }
    StatementState s = c.statements.remove(h.id);
    if (s == null) {
      return;
    }
    if (s.executing) {
      c.session.cancel();
    }
    // A frame being read holds the statement's monitor: stop the query first so it ends now.
    OpenResult open = s.result;
    if (open != null) {
      open.cursor.cancel();
    }
    s.closeResult();
  }

  // --- metadata --------------------------------------------------------------------------------
  // DatabaseMetaData requests are answered with SQL on the system views in the caller's session
  // (see JdbcMetadata), so they see exactly what queries see.

  @Override
  public MetaResultSet getCatalogs(ConnectionHandle ch) {
    return metadata(ch, JdbcMetadata::catalogs);
  }

  @Override
  public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
    return metadata(ch, m -> m.schemas(catalog, text(schemaPattern)));
  }

  @Override
  public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat tableNamePattern, List<String> typeList) {
    return metadata(ch, m -> m.tables(catalog, text(schemaPattern), text(tableNamePattern), typeList));
  }

  @Override
  public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat tableNamePattern, Pat columnNamePattern) {
    return metadata(ch, m -> m.columns(catalog, text(schemaPattern), text(tableNamePattern),
        text(columnNamePattern)));
  }

  @Override
  public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema,
      String table) {
    return metadata(ch, m -> JdbcMetadata.primaryKeys());
  }

  @Override
  public MetaResultSet getTableTypes(ConnectionHandle ch) {
    return metadata(ch, m -> JdbcMetadata.tableTypes());
  }

  @Override
  public MetaResultSet getTypeInfo(ConnectionHandle ch) {
    return metadata(ch, m -> JdbcMetadata.typeInfo());
  }

  @Override
  public MetaResultSet getFunctions(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat functionNamePattern) {
    return metadata(ch, m -> JdbcMetadata.functions());
  }

  private MetaResultSet metadata(ConnectionHandle ch,
      java.util.function.Function<JdbcMetadata, JdbcMetadata.Result> request) {
    ConnectionState c = connection(ch.id);
    JdbcMetadata.Result result;
    try {
      result = request.apply(new JdbcMetadata(sql -> queryAll(c, sql)));
    } catch (RuntimeException e) {
      throw toAvatica(e);
    }
    return createResultSet(Map.of(), result.columns(), CursorFactory.LIST,
        Frame.create(0, true, result.rows()));
  }

  /** Runs a query in the connection's session, one statement at a time, and reads all its rows. */
  private static List<Object[]> queryAll(ConnectionState c, String sql) {
    c.executeLock.lock();
    try {
      StatementResult result = c.session.execute(sql);
      if (!(result instanceof StatementResult.Rows rows)) {
        throw new IllegalStateException("metadata query returned no rows: " + sql);
      }
      try (RowCursor cursor = rows.cursor()) {
        List<Object[]> all = new ArrayList<>();
        for (List<Object[]> chunk = cursor.next(DEFAULT_FRAME_ROWS); !chunk.isEmpty();
            chunk = cursor.next(DEFAULT_FRAME_ROWS)) {
          all.addAll(chunk);
        }
        return all;
      }
    } finally {
      c.executeLock.unlock();
    }
  }

  private static String text(Pat pattern) {
    return pattern == null ? null : pattern.s;
  }

  @Override
  protected MetaResultSet createResultSet(Map<String, Object> internalParameters,
      List<ColumnMetaData> columns, CursorFactory cursorFactory, Frame firstFrame) {
    // MetaImpl would create the statement on a local connection; there is none on the server.
    Signature signature = new Signature(columns, "", List.of(), internalParameters,
        CursorFactory.LIST, StatementType.SELECT);
    return MetaResultSet.create("", statementIds.incrementAndGet(), true, signature, firstFrame);
  }

  // --- execution -------------------------------------------------------------------------------

  private MetaResultSet run(StatementHandle h, String sql, long maxRowCount, int firstFrameRows)
      throws NoSuchStatementException {
    ConnectionState c = connection(h.connectionId);
    StatementState s = statement(h);
    s.closeResult();
    StatementResult result = execute(c, s, sql);
    if (result instanceof StatementResult.Update u) {
      return MetaResultSet.count(h.connectionId, h.id, Math.max(0, u.count()));
    }
    StatementResult.Rows rows = (StatementResult.Rows) result;
    OpenResult open = new OpenResult(rows.columns(), rows.cursor(),
        maxRowCount > 0 ? maxRowCount : Long.MAX_VALUE);
    Frame first;
    synchronized (s) {
      if (c.statements.get(h.id) != s) {
        // Closed while it ran: the driver's cancel. Not NoSuchStatementException, on which
        // Avatica's client would re-create the statement and run the query again.
        open.close();
        throw cancelled();
      }
      s.result = open;
      first = open.nextFrame(0, frameRows(firstFrameRows));
    }
    return MetaResultSet.create(h.connectionId, h.id, false,
        signature(sql, JdbcColumns.metaData(rows.columns()), List.of()), first);
  }

  private long runUpdate(StatementHandle h, String sql) throws NoSuchStatementException {
    ConnectionState c = connection(h.connectionId);
    StatementState s = statement(h);
    s.closeResult();
    StatementResult result = execute(c, s, sql);
    if (result instanceof StatementResult.Rows rows) {
      rows.cursor().close();
      throw new AvaticaRuntimeException("a statement in a batch returned rows: " + sql, ERROR_CODE,
          "0A000", AvaticaSeverity.ERROR);
    }
    return ((StatementResult.Update) result).count();
  }

  private StatementResult execute(ConnectionState c, StatementState s, String sql) {
    c.executeLock.lock();
    s.executing = true;
    try {
      UserCommand command = UserCommand.parse(sql);
      if (command != null) {
        return runUserCommand(c, command);
      }
      beginUnlessAutoCommit(c);
      return c.session.execute(sql);
    } catch (RuntimeException e) {
      throw toAvatica(e);
    } finally {
      s.executing = false;
      c.executeLock.unlock();
    }
  }

  private static String bind(String sql, List<TypedValue> values) {
    try {
      return ParameterBinder.bind(sql, values);
    } catch (RuntimeException e) {
      throw toAvatica(e);
    }
  }

  private static int frameRows(int requested) {
    return requested > 0 ? requested : DEFAULT_FRAME_ROWS;
  }

  private static Signature signature(String sql, List<ColumnMetaData> columns,
      List<AvaticaParameter> parameters) {
    return Signature.create(columns, sql, parameters, CursorFactory.LIST, StatementType.SELECT);
  }

  private static List<AvaticaParameter> parameters(String sql) {
    int n = ParameterBinder.placeholders(sql).size();
    List<AvaticaParameter> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new AvaticaParameter(false, 0, 0, java.sql.Types.OTHER, "unknown",
          Object.class.getName(), "?" + (i + 1)));
    }
    return Collections.unmodifiableList(out);
  }

  /** The Avatica error a client sees for an engine failure: message, SQLSTATE, error code 0. */
  static AvaticaRuntimeException toAvatica(RuntimeException e) {
    if (e instanceof AvaticaRuntimeException a) {
      return a;
    }
    if (e instanceof BlueshiftException b) {
      String message = b.getMessage();
      if (b.line() > 0 && !message.contains("(line ")) {
        message = message + " (line " + b.line() + ", col " + b.column() + ")";
      }
      return new AvaticaRuntimeException(message, ERROR_CODE, b.sqlState(), AvaticaSeverity.ERROR);
    }
    LOG.error("internal error while running a statement", e);
    return new AvaticaRuntimeException("internal error: " + e, ERROR_CODE, "XX000",
        AvaticaSeverity.ERROR);
  }

  private ConnectionState connection(String id) {
    ConnectionState c = id == null ? null : connections.get(id);
    if (c == null) {
      throw new AvaticaRuntimeException("connection " + id + " is not open", ERROR_CODE, "08003",
          AvaticaSeverity.ERROR);
    }
    c.lastUsedNanos = System.nanoTime();
    return c;
  }

  private StatementState statement(StatementHandle h) throws NoSuchStatementException {
    StatementState s = connection(h.connectionId).statements.get(h.id);
    if (s == null) {
      throw new NoSuchStatementException(h);
    }
    return s;
  }

  private static final class ConnectionState {
    final Session session;
    final String user;
    final ConnectionPropertiesImpl props = new ConnectionPropertiesImpl();
    final ConcurrentMap<Integer, StatementState> statements = new ConcurrentHashMap<>();
    /** The engine runs one statement of a session at a time. */
    final ReentrantLock executeLock = new ReentrantLock();
    volatile long lastUsedNanos = System.nanoTime();

    ConnectionState(Session session, String user) {
      this.session = session;
      this.user = user;
    }

    /** Auto-commit unless the client turned it off. */
    boolean autoCommit() {
      synchronized (props) {
        return !Boolean.FALSE.equals(props.isAutoCommit());
      }
    }
  }

  private static final class StatementState {
    /** SQL of a prepared statement; null for a plain statement. */
    final String preparedSql;
    volatile boolean executing;
    /** Written under this; read without it only to cancel. */
    volatile OpenResult result;

    StatementState(String preparedSql) {
      this.preparedSql = preparedSql;
    }

    synchronized void closeResult() {
      if (result != null) {
        result.close();
        result = null;
      }
    }
  }

  /** A query result being streamed to the client. Guarded by its statement's monitor. */
  private static final class OpenResult {
    final List<ResultColumn> columns;
    final RowCursor cursor;
    final long maxRows;
    long rowsSent;
    boolean done;

    OpenResult(List<ResultColumn> columns, RowCursor cursor, long maxRows) {
      this.columns = columns;
      this.cursor = cursor;
      this.maxRows = maxRows;
    }

    /** Up to {@code frameRows} next rows; the frame is done once the cursor is exhausted. */
    Frame nextFrame(long offset, int frameRows) {
      if (done) {
        return Frame.create(offset, true, List.of());
      }
      int want = (int) Math.min(frameRows, maxRows - rowsSent);
      List<Object> rows = new ArrayList<>(Math.min(want, DEFAULT_FRAME_ROWS));
      boolean exhausted = want <= 0;
      try {
        while (rows.size() < want) {
          List<Object[]> chunk = cursor.next(want - rows.size());
          if (chunk.isEmpty()) {
            exhausted = true;
            break;
          }
          for (Object[] row : chunk) {
            for (int i = 0; i < row.length; i++) {
              row[i] = JdbcColumns.toWire(columns.get(i).type(), row[i]);
            }
            rows.add(row);
          }
        }
      } catch (RuntimeException e) {
        close();
        throw toAvatica(e);
      }
      rowsSent += rows.size();
      if (exhausted || rowsSent >= maxRows) {
        close();
      }
      return Frame.create(offset, done, rows);
    }

    void close() {
      done = true;
      cursor.close();
    }
  }
}
