package dev.blueshift.coordinator.engine;

import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.exec.QueryExecution;
import dev.blueshift.coordinator.load.CopyCommand;
import dev.blueshift.coordinator.plan.DistributedPlan;
import dev.blueshift.coordinator.sql.ddl.SqlCopy;
import dev.blueshift.coordinator.sql.ddl.SqlCreateTable;
import dev.blueshift.coordinator.sql.ddl.SqlDropTable;
import dev.blueshift.coordinator.sql.parser.BlueshiftSqlParser;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/** One client session: runs statements one at a time against pinned catalog snapshots. */
final class BlueshiftSession implements Session {
  private final BlueshiftEngine engine;
  private final String user;
  private volatile QueryExecution running;

  BlueshiftSession(BlueshiftEngine engine, String user) {
    this.engine = engine;
    this.user = user;
  }

  @Override
  public StatementResult execute(String sql) {
    SqlNode node = BlueshiftSqlParser.parseStatement(sql);
    if (node instanceof SqlCreateTable create) {
      if (create.ifNotExists && lookup(create.name, false) != null) {
        return new StatementResult.Update("CREATE TABLE", 0);
      }
      engine.catalog.createTable(TableDefinitions.fromCreate(create));
      return new StatementResult.Update("CREATE TABLE", 0);
    }
    if (node instanceof SqlDropTable drop) {
      TableSnapshot table = lookup(drop.name, !drop.ifExists);
      if (table != null) {
        engine.catalog.dropTable(table);
      }
      return new StatementResult.Update("DROP TABLE", 0);
    }
    if (node instanceof SqlCopy copy) {
      TableSnapshot table = lookup(copy.table, true);
      long rows = new CopyCommand(engine.catalog, engine.cluster, engine.allocator).execute(copy, table);
      return new StatementResult.Update("COPY", rows);
    }
    if (node.getKind().belongsTo(SqlKind.QUERY)) {
      DistributedPlan plan = engine.planner.plan(sql, engine.catalog.tables());
      QueryExecution execution = new QueryExecution(plan, engine.cluster, engine.exchanges,
          engine.coordinatorAddress, engine.allocator);
      running = execution;
      execution.start();
      return new StatementResult.Rows(plan.columns(), new RowCursor() {
        @Override
        public java.util.List<Object[]> next(int maxRows) {
          return execution.next(maxRows);
        }

        @Override
        public void close() {
          execution.close();
          if (running == execution) {
            running = null;
          }
        }
      });
    }
    throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED,
        "statement " + node.getKind().lowerName.replace('_', ' ') + " is not supported yet");
  }

  private TableSnapshot lookup(SqlIdentifier name, boolean required) {
    String[] sn = TableDefinitions.schemaAndName(name);
    TableSnapshot t = engine.catalog.table(sn[0], sn[1]);
    if (t == null && required) {
      throw new BlueshiftException(SqlState.UNDEFINED_TABLE, "relation \"" + sn[1] + "\" does not exist",
          name.getParserPosition().getLineNum(), name.getParserPosition().getColumnNum(), null);
    }
    return t;
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
