package dev.blueshift.coordinator.dml;

import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.sql.parser.BlueshiftSqlParser;

/**
 * The DEFAULT values of a table's columns for one statement, as execution values: a constant
 * default is read from its text, any other expression is evaluated once by a query. NULL when a
 * column has no default.
 */
public final class ColumnDefaults {
  private final StatementContext context;
  private final TableSnapshot table;
  private final Object[] values;
  private final boolean[] known;

  public ColumnDefaults(StatementContext context, TableSnapshot table) {
    this.context = context;
    this.table = table;
    this.values = new Object[table.columnCount()];
    this.known = new boolean[table.columnCount()];
  }

  /** The column's DEFAULT as an execution value (null without one), evaluated once. */
  public Object value(int column) {
    if (!known[column]) {
      String sql = table.column(column).getDefaultSql();
      Object v = null;
      if (!sql.isEmpty()) {
        v = Literals.value(((org.apache.calcite.sql.SqlSelect) BlueshiftSqlParser.parseStatement("SELECT " + sql))
            .getSelectList().get(0));
        if (v == Literals.NOT_CONSTANT || v == Literals.DEFAULT) {
          v = QueryRows.single(context, "SELECT " + sql)[0];
        }
      }
      values[column] = AssignmentCast.convert(v, table.columnType(column), table.columnName(column));
      known[column] = true;
    }
    return values[column];
  }
}
