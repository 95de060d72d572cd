package dev.blueshift.coordinator.dml;

import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.engine.ResultColumn;
import dev.blueshift.coordinator.plan.DistributedPlan;
import dev.blueshift.coordinator.sql.parser.BlueshiftSqlParser;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUpdate;

/**
 * {@code UPDATE t [[AS] alias] SET c = expr, … [WHERE cond]}: copy-on-write, like Redshift's
 * delete + insert. The rows the condition does not hold for are kept as they are; the others are
 * read by a second query that computes the new values — only for matching rows, so
 * {@code SET x = 1 / y WHERE y <> 0} never divides by zero — and cast to the column types.
 */
public final class UpdateStatement {
  private UpdateStatement() {}

  /** Runs the UPDATE and returns the number of rows updated. */
  public static long execute(StatementContext context, SqlUpdate update) {
    TableSnapshot table = Relations.table(context.relations(), update.getTargetTable(), "update");
    String alias = update.getAlias() == null ? null : update.getAlias().getSimple();
    String[] values = new String[table.columnCount()];
    for (int c = 0; c < values.length; c++) {
      values[c] = Relations.quote(table.columnName(c));
    }
    List<SqlNode> targets = update.getTargetColumnList().getList();
    boolean[] assigned = new boolean[values.length];
    for (int i = 0; i < targets.size(); i++) {
      SqlIdentifier id = (SqlIdentifier) targets.get(i);
      String name = id.names.get(id.names.size() - 1);
      int c = table.columnIndex(name);
      if (c < 0) {
        throw new BlueshiftException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + table.name()
            + "\" does not exist", id.getParserPosition().getLineNum(), id.getParserPosition().getColumnNum(), null);
      }
      if (assigned[c]) {
        throw new BlueshiftException(SqlState.SYNTAX_ERROR, "multiple assignments to same column \"" + name + "\"");
      }
      assigned[c] = true;
      values[c] = BlueshiftSqlParser.toSql(update.getSourceExpressionList().get(i));
    }
    String from = DeleteStatement.from(table, alias);
    String condition = update.getCondition() == null ? null : BlueshiftSqlParser.toSql(update.getCondition());
    String updatedRows = "SELECT " + String.join(", ", values) + " FROM " + from
        + (condition == null ? "" : " WHERE " + condition);
    DistributedPlan plan = context.plan(updatedRows);
    List<ResultColumn> columns = plan.columns();
    for (int c = 0; c < values.length; c++) {
      if (assigned[c]) {
        AssignmentCast.check(columns.get(c).type(), table.columnType(c), table.columnName(c));
      }
    }
    try (TableRewrite rewrite = new TableRewrite(context, table, table.def())) {
      if (condition != null) {
        rewrite.appendQuery("SELECT CASE WHEN " + condition + " THEN 1 ELSE 0 END, * FROM " + from, 1,
            row -> ((Number) row[0]).intValue() == 0);
      }
      long updated = rewrite.appendQuery(updatedRows, 0, row -> true).kept();
      if (updated > 0) {
        rewrite.commit();
      }
      return updated;
    }
  }
}
