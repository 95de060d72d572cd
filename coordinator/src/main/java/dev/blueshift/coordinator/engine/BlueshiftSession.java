package dev.blueshift.coordinator.engine;

import dev.blueshift.coordinator.catalog.CatalogState;
import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.ddl.AlterTableStatement;
import dev.blueshift.coordinator.ddl.CreateTableStatement;
import dev.blueshift.coordinator.ddl.CreateViewStatement;
import dev.blueshift.coordinator.ddl.DropStatement;
import dev.blueshift.coordinator.dml.DeleteStatement;
import dev.blueshift.coordinator.dml.InsertStatement;
import dev.blueshift.coordinator.dml.Relations;
import dev.blueshift.coordinator.dml.StatementContext;
import dev.blueshift.coordinator.dml.TruncateStatement;
import dev.blueshift.coordinator.dml.UpdateStatement;
import dev.blueshift.coordinator.exec.QueryExecution;
import dev.blueshift.coordinator.load.CopyCommand;
import dev.blueshift.coordinator.load.TableWriter;
import dev.blueshift.coordinator.plan.DistributedPlan;
import dev.blueshift.coordinator.plan.PlanExplainer;
import dev.blueshift.coordinator.sql.ddl.SqlAlterTable;
import dev.blueshift.coordinator.sql.ddl.SqlCopy;
import dev.blueshift.coordinator.sql.ddl.SqlCreateIndex;
import dev.blueshift.coordinator.sql.ddl.SqlDropIndex;
import dev.blueshift.coordinator.sql.ddl.SqlCreateTable;
import dev.blueshift.coordinator.sql.ddl.SqlDropTable;
import dev.blueshift.coordinator.sql.ddl.SqlRedshiftExplain;
import dev.blueshift.coordinator.sql.ddl.SqlShow;
import dev.blueshift.coordinator.sql.ddl.SqlTransaction;
import dev.blueshift.coordinator.sql.ddl.SqlTruncate;
import dev.blueshift.coordinator.sql.parser.BlueshiftSqlParser;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.catalog.CatalogRecord;
import dev.blueshift.protocol.catalog.TableDef;
import dev.blueshift.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSetOption;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.ddl.SqlCreateView;
import org.apache.calcite.sql.ddl.SqlDropView;

/**
 * One client session: runs statements one at a time, each against the relations pinned at its
 * start (the session's open transaction, else the committed catalog), and holds the session's
 * settings and transaction.
 */
final class BlueshiftSession implements Session, StatementContext {
  private final BlueshiftEngine engine;
  private final String user;
  private final SessionSettings settings = new SessionSettings();
  private SessionTransaction transaction;
  private CatalogState pinned;
  private volatile QueryExecution running;

  BlueshiftSession(BlueshiftEngine engine, String user) {
    this.engine = engine;
    this.user = user;
  }

  @Override
  public StatementResult execute(String sql) {
    try {
      SqlNode node = BlueshiftSqlParser.parseStatement(sql);
      if (node instanceof SqlTransaction control) {
        return transactionControl(control.kind);
      }
      if (transaction != null && transaction.failed()) {
        throw new BlueshiftException(SqlState.IN_FAILED_SQL_TRANSACTION,
            "current transaction is aborted, commands ignored until end of transaction block");
      }
      pinned = transaction != null ? transaction.state() : engine.catalog.state();
      return dispatch(node, sql);
    } catch (RuntimeException e) {
      if (transaction != null) {
        transaction.fail();
      }
      throw e;
    }
  }

  private StatementResult dispatch(SqlNode node, String sql) {
    if (node instanceof SqlCreateTable create) {
      long rows = CreateTableStatement.execute(this, create);
      return create.query != null ? new StatementResult.Update("SELECT", rows) : update("CREATE TABLE");
    }
    if (node instanceof SqlDropTable drop) {
      DropStatement.execute(this, drop.name, drop.ifExists, false);
      return update("DROP TABLE");
    }
    if (node instanceof SqlCreateView view) {
      CreateViewStatement.execute(this, view);
      return update("CREATE VIEW");
    }
    if (node instanceof SqlDropView drop) {
      DropStatement.execute(this, drop.name, drop.ifExists, true);
      return update("DROP VIEW");
    }
    if (node instanceof SqlAlterTable alter) {
      AlterTableStatement.execute(this, alter);
      return update("ALTER TABLE");
    }
    if (node instanceof SqlInsert insert) {
      return new StatementResult.Update("INSERT", InsertStatement.execute(this, insert));
    }
    if (node instanceof SqlDelete delete) {
      return new StatementResult.Update("DELETE", DeleteStatement.execute(this, delete));
    }
    if (node instanceof SqlUpdate up) {
      return new StatementResult.Update("UPDATE", UpdateStatement.execute(this, up));
    }
    if (node instanceof SqlCreateIndex index) {
      // no indexes in a columnar store: check the table and columns, then succeed doing nothing
      TableSnapshot table = Relations.table(pinned, index.table, "create index on");
      for (SqlNode column : index.columns) {
        if (table.columnIndex(((SqlIdentifier) column).getSimple().toLowerCase(java.util.Locale.ROOT)) < 0) {
          throw new BlueshiftException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" does not exist");
        }
      }
      return update("CREATE INDEX");
    }
    if (node instanceof SqlDropIndex) {
      return update("DROP INDEX");
    }
    if (node instanceof dev.blueshift.coordinator.sql.ddl.SqlAnalyze analyze) {
      dev.blueshift.coordinator.ddl.AnalyzeStatement.execute(this, analyze);
      return update("ANALYZE");
    }
    if (node instanceof SqlTruncate truncate) {
      TruncateStatement.execute(this, truncate.name);
      return update("TRUNCATE TABLE");
    }
    if (node instanceof SqlCopy copy) {
      var target = Relations.table(pinned, copy.table, "copy into");
      CopyCommand.Loaded loaded = new CopyCommand(engine.cluster, engine.allocator, engine.loads)
          .execute(copy, target, new dev.blueshift.coordinator.dml.ColumnDefaults(this, target)::value);
      if (loaded.change() != null) { // null after NOLOAD: checked only
        commit(List.of(loaded.change()));
      }
      return new StatementResult.Update("COPY", loaded.rows());
    }
    if (node instanceof dev.blueshift.coordinator.sql.ddl.SqlUnload unload) {
      return new StatementResult.Update("UNLOAD",
          dev.blueshift.coordinator.unload.UnloadStatement.execute(this, unload, engine.cluster.totalSlices()));
    }
    if (node instanceof SqlSetOption set) {
      return setOption(set);
    }
    if (node instanceof SqlShow show) {
      return show(show.name.toString());
    }
    if (node instanceof SqlRedshiftExplain explain) {
      return explain(sql, explain);
    }
    if (node.getKind().belongsTo(SqlKind.QUERY)) {
      DistributedPlan plan = plan(sql);
      return new StatementResult.Rows(plan.columns(), run(plan));
    }
    throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED,
        "statement " + node.getKind().lowerName.replace('_', ' ') + " is not supported yet");
  }

  private static StatementResult update(String tag) {
    return new StatementResult.Update(tag, 0);
  }

  private StatementResult transactionControl(SqlTransaction.Kind kind) {
    switch (kind) {
      case BEGIN -> {
        if (transaction == null) {
          transaction = new SessionTransaction(engine.catalog.state());
        }
        return update("BEGIN");
      }
      case COMMIT -> {
        SessionTransaction t = transaction;
        transaction = null;
        if (t == null || t.failed()) {
          return update(t == null ? "COMMIT" : "ROLLBACK");
        }
        engine.catalog.commit(t.changes());
        return update("COMMIT");
      }
      case ROLLBACK -> {
        transaction = null;
        return update("ROLLBACK");
      }
      default -> throw new IllegalStateException("unknown transaction control " + kind);
    }
  }

  private StatementResult setOption(SqlSetOption set) {
    String name = set.getName().toString();
    SqlNode value = set.getValue();
    if (value == null) {
      settings.reset(name);
      return update("RESET");
    }
    String text = value instanceof SqlLiteral literal ? literal.toValue() : value.toString();
    settings.set(name, "DEFAULT".equalsIgnoreCase(text) && value instanceof SqlIdentifier ? null : text);
    return update("SET");
  }

  /** EXPLAIN: the distributed plan of the query, one line per row as Redshift prints it. */
  private StatementResult explain(String sql, SqlRedshiftExplain explain) {
    if (!explain.query.getKind().belongsTo(SqlKind.QUERY)) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN of statements other than queries is not supported yet");
    }
    String query = sql.replaceFirst("(?is)^\\s*explain\\s+((analyze|verbose)\\s+)*", "");
    DistributedPlan plan = plan(query);
    List<String> lines = explain.analyze ? explainAnalyze(plan) : PlanExplainer.explain(plan);
    List<Object[]> rows = new ArrayList<>();
    for (String line : lines) {
      rows.add(new Object[] {line});
    }
    return new StatementResult.Rows(List.of(new ResultColumn("QUERY PLAN", SqlType.varchar(65535), false)),
        new FixedRows(rows));
  }

  /** EXPLAIN ANALYZE: runs the query to its end, discarding its rows, and prints what each operator did. */
  private List<String> explainAnalyze(DistributedPlan plan) {
    long start = System.nanoTime();
    QueryExecution execution = new QueryExecution(plan, engine.cluster, engine.exchanges,
        engine.coordinatorAddress, engine.allocator).profiled();
    running = execution;
    try {
      execution.start();
      long rows = 0;
      List<Object[]> chunk;
      while (!(chunk = execution.next(8192)).isEmpty()) {
        rows += chunk.size();
      }
      List<String> lines = new ArrayList<>(PlanExplainer.explain(plan, execution.profile()));
      lines.add(String.format(java.util.Locale.ROOT, "Segments pruned by zone maps: %d", execution.segmentsPruned()));
      lines.add(String.format(java.util.Locale.ROOT, "Execution time: %.3f ms, %d rows",
          (System.nanoTime() - start) / 1e6, rows));
      return lines;
    } finally {
      execution.close();
      running = null;
    }
  }

  private StatementResult show(String name) {
    List<Object[]> rows = new ArrayList<>();
    List<ResultColumn> columns;
    if (name.equalsIgnoreCase("all")) {
      columns = List.of(new ResultColumn("name", SqlType.varchar(256), false),
          new ResultColumn("setting", SqlType.varchar(256), false));
      for (Map.Entry<String, String> e : settings.all().entrySet()) {
        rows.add(new Object[] {e.getKey(), e.getValue()});
      }
    } else {
      String value = settings.show(name);
      columns = List.of(new ResultColumn(name.toLowerCase(java.util.Locale.ROOT), SqlType.varchar(256), false));
      rows.add(new Object[] {value});
    }
    return new StatementResult.Rows(columns, new FixedRows(rows));
  }

  // ---- StatementContext: what statements use of this session ----

  @Override
  public CatalogState relations() {
    return pinned;
  }

  @Override
  public DistributedPlan plan(String sql) {
    return engine.planner.plan(sql, pinned.relations());
  }

  @Override
  public RowCursor run(DistributedPlan plan) {
    QueryExecution execution = new QueryExecution(plan, engine.cluster, engine.exchanges,
        engine.coordinatorAddress, engine.allocator);
    execution.memoryLimit(dev.blueshift.worker.exec.spill.QueryMemory.parseSize(
        settings.show(dev.blueshift.worker.exec.spill.QueryMemory.SETTING)));
    running = execution;
    execution.start();
    return new RowCursor() {
      @Override
      public List<Object[]> next(int maxRows) {
        return execution.next(maxRows);
      }

      @Override
      public void cancel() {
        execution.cancel("canceling statement due to user request");
      }

      @Override
      public void close() {
        execution.close();
        if (running == execution) {
          running = null;
        }
      }
    };
  }

  @Override
  public TableWriter writer(TableDef def, long version) {
    return new TableWriter(engine.cluster, engine.allocator, def, version);
  }

  @Override
  public BufferAllocator allocator() {
    return engine.allocator;
  }

  @Override
  public long reserveTableId() {
    return engine.catalog.reserveTableId();
  }

  @Override
  public void commit(List<CatalogRecord> changes) {
    if (transaction != null) {
      transaction.add(changes);
      pinned = transaction.state();
    } else {
      pinned = engine.catalog.commit(changes);
    }
  }

  @Override
  public boolean inTransaction() {
    return transaction != null;
  }

  @Override
  public void cancel() {
    QueryExecution q = running;
    if (q != null) {
      q.cancel("canceling statement due to user request");
    }
  }

  @Override
  public void close() {
    cancel();
  }
}
