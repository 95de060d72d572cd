package dev.blueshift.coordinator.ddl;

import dev.blueshift.coordinator.catalog.Changes;
import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.dml.Relations;
import dev.blueshift.coordinator.dml.StatementContext;
import dev.blueshift.coordinator.dml.TableRewrite;
import dev.blueshift.coordinator.sql.ddl.SqlCreateTable;
import dev.blueshift.coordinator.sql.parser.BlueshiftSqlParser;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.catalog.TableDef;
import java.util.List;

/**
 * {@code CREATE TABLE} in its three forms: with column declarations, {@code (LIKE other)}, and
 * {@code AS query} — the last creates the table and its first rows in one commit, so a failed
 * query leaves no table behind.
 */
public final class CreateTableStatement {
  private CreateTableStatement() {}

  /** Runs the statement; returns the rows CREATE TABLE AS wrote (0 otherwise). */
  public static long execute(StatementContext context, SqlCreateTable create) {
    TableSnapshot existing = Relations.lookup(context.relations(), create.name, false);
    if (existing != null) {
      if (create.ifNotExists) {
        return 0;
      }
      throw new BlueshiftException(SqlState.DUPLICATE_TABLE, "relation \"" + existing.name() + "\" already exists",
          create.name.getParserPosition().getLineNum(), create.name.getParserPosition().getColumnNum(), null);
    }
    if (create.query != null) {
      return createAs(context, create);
    }
    TableDef def;
    if (create.likeTable != null) {
      TableSnapshot other = Relations.lookup(context.relations(), create.likeTable, true);
      if (other.isView()) {
        throw new BlueshiftException(SqlState.WRONG_OBJECT_TYPE, "\"" + other.name() + "\" is a view; LIKE needs a table");
      }
      def = TableDefinitions.like(create, other.def());
    } else {
      def = TableDefinitions.fromCreate(create);
    }
    context.commit(List.of(Changes.create(def.toBuilder().setTableId(context.reserveTableId()).build())));
    return 0;
  }

  private static long createAs(StatementContext context, SqlCreateTable create) {
    String sql = BlueshiftSqlParser.toSql(create.query);
    TableDef def = TableDefinitions.fromQuery(create, context.plan(sql).columns()).toBuilder()
        .setTableId(context.reserveTableId()).build();
    try (TableRewrite rows = new TableRewrite(context, new TableSnapshot(def, 0, List.of()), def)) {
      long written = rows.appendQuery(sql, 0, row -> true).kept();
      rows.commit(List.of(Changes.create(def)));
      return written;
    }
  }
}
