package dev.blueshift.coordinator.dml;

import dev.blueshift.coordinator.catalog.Changes;
import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.engine.ResultColumn;
import dev.blueshift.coordinator.engine.RowCursor;
import dev.blueshift.coordinator.load.TableWriter;
import dev.blueshift.coordinator.plan.DistributedPlan;
import dev.blueshift.coordinator.sql.parser.BlueshiftSqlParser;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.types.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * {@code INSERT INTO t [(cols)] VALUES … | query}: rows are cast to the column types with
 * Redshift's assignment rules, missing columns get their DEFAULT (or NULL), NOT NULL is checked,
 * and the rows are written as new segments committed in one catalog record. Constant VALUES rows
 * are read straight from the parse tree, so a one-row INSERT costs one segment upload per touched
 * slice and one commit — no planning.
 */
public final class InsertStatement {
  // expressions planned together in one SELECT for VALUES rows that are not plain constants
  private static final int EXPRESSIONS_PER_QUERY = 512;

  private final StatementContext context;
  private final TableSnapshot table;
  private final int[] targets;
  private final ColumnDefaults defaults;

  private InsertStatement(StatementContext context, TableSnapshot table, int[] targets) {
    this.context = context;
    this.table = table;
    this.targets = targets;
    this.defaults = new ColumnDefaults(context, table);
  }

  /** Runs the INSERT and returns the number of rows inserted. */
  public static long execute(StatementContext context, SqlInsert insert) {
    TableSnapshot table = Relations.table(context.relations(), insert.getTargetTable(), "insert into");
    int[] targets = targetColumns(table, insert);
    return new InsertStatement(context, table, targets).run(insert.getSource());
  }

  private static int[] targetColumns(TableSnapshot table, SqlInsert insert) {
    if (insert.getTargetColumnList() == null) {
      int[] all = new int[table.columnCount()];
      Arrays.setAll(all, i -> i);
      return all;
    }
    List<SqlNode> names = insert.getTargetColumnList().getList();
    int[] out = new int[names.size()];
    for (int i = 0; i < out.length; i++) {
      SqlIdentifier id = (SqlIdentifier) names.get(i);
      String name = id.names.get(id.names.size() - 1);
      out[i] = table.columnIndex(name);
      if (out[i] < 0) {
        throw new BlueshiftException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + table.name()
            + "\" does not exist", id.getParserPosition().getLineNum(), id.getParserPosition().getColumnNum(), null);
      }
      for (int j = 0; j < i; j++) {
        if (out[j] == out[i]) {
          throw new BlueshiftException(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" specified more than once",
              id.getParserPosition().getLineNum(), id.getParserPosition().getColumnNum(), null);
        }
      }
    }
    return out;
  }

  private long run(SqlNode source) {
    try (TableWriter writer = context.writer(table.def(), table.version() + 1);
        RowAppender rows = new RowAppender(table.def(), writer, context.allocator())) {
      if (source.getKind() == SqlKind.VALUES) {
        insertValues(((SqlBasicCall) source).getOperandList(), rows);
      } else {
        insertQuery(BlueshiftSqlParser.toSql(source), rows);
      }
      rows.flush();
      if (rows.rowCount() > 0) {
        context.commit(List.of(Changes.append(table, writer.write())));
      }
      return rows.rowCount();
    }
  }

  private void insertValues(List<SqlNode> rowNodes, RowAppender out) {
    List<Object[]> rows = new ArrayList<>(rowNodes.size());
    List<SqlNode> pending = new ArrayList<>();
    List<int[]> pendingCells = new ArrayList<>();
    for (int r = 0; r < rowNodes.size(); r++) {
      SqlNode rowNode = rowNodes.get(r);
      List<SqlNode> cells = rowNode.getKind() == SqlKind.ROW ? ((SqlBasicCall) rowNode).getOperandList() : List.of(rowNode);
      if (cells.size() != targets.length) {
        throw new BlueshiftException(SqlState.SYNTAX_ERROR, cells.size() > targets.length
            ? "INSERT has more expressions than target columns" : "INSERT has more target columns than expressions",
            rowNode.getParserPosition().getLineNum(), rowNode.getParserPosition().getColumnNum(), null);
      }
      Object[] row = new Object[targets.length];
      for (int c = 0; c < cells.size(); c++) {
        Object v = Literals.value(cells.get(c));
        if (v == Literals.NOT_CONSTANT) {
          pending.add(cells.get(c));
          pendingCells.add(new int[] {r, c});
        }
        row[c] = v;
      }
      rows.add(row);
    }
    evaluate(pending, pendingCells, rows);
    for (int r = 0; r < rows.size(); r++) {
      try {
        out.append(tableRow(rows.get(r), true));
      } catch (BlueshiftException e) {
        if (e.line() > 0) {
          throw e;
        }
        // name the row of a multi-row VALUES (a JDBC batch is one: its rows are one per line)
        var pos = rowNodes.get(r).getParserPosition();
        throw new BlueshiftException(e.state(), e.getMessage(), pos.getLineNum(), pos.getColumnNum(), e);
      }
    }
  }

  /** Evaluates the non-constant cells of VALUES rows with as few queries as possible. */
  private void evaluate(List<SqlNode> expressions, List<int[]> cells, List<Object[]> rows) {
    for (int from = 0; from < expressions.size(); from += EXPRESSIONS_PER_QUERY) {
      int to = Math.min(expressions.size(), from + EXPRESSIONS_PER_QUERY);
      StringBuilder sql = new StringBuilder("SELECT ");
      for (int i = from; i < to; i++) {
        sql.append(i > from ? ", " : "").append(BlueshiftSqlParser.toSql(expressions.get(i)));
      }
      Object[] values = QueryRows.single(context, sql.toString());
      for (int i = from; i < to; i++) {
        int[] cell = cells.get(i);
        rows.get(cell[0])[cell[1]] = values[i - from];
      }
    }
  }

  private void insertQuery(String sql, RowAppender out) {
    DistributedPlan plan = context.plan(sql);
    List<ResultColumn> columns = plan.columns();
    if (columns.size() != targets.length) {
      throw new BlueshiftException(SqlState.SYNTAX_ERROR, columns.size() > targets.length
          ? "INSERT has more expressions than target columns" : "INSERT has more target columns than expressions");
    }
    for (int c = 0; c < targets.length; c++) {
      AssignmentCast.check(columns.get(c).type(), table.columnType(targets[c]), table.columnName(targets[c]));
    }
    try (RowCursor cursor = context.run(plan)) {
      for (List<Object[]> chunk = cursor.next(QueryRows.CHUNK); !chunk.isEmpty(); chunk = cursor.next(QueryRows.CHUNK)) {
        for (Object[] row : chunk) {
          out.append(tableRow(row, false));
        }
      }
    }
  }

  /** A full table row of execution values from the values of the target columns. */
  private Object[] tableRow(Object[] targetValues, boolean mayHoldDefault) {
    Object[] row = new Object[table.columnCount()];
    boolean[] given = new boolean[row.length];
    for (int c = 0; c < targets.length; c++) {
      int column = targets[c];
      given[column] = true;
      Object v = targetValues[c];
      if (mayHoldDefault && v == Literals.DEFAULT) {
        row[column] = defaults.value(column);
      } else {
        SqlType type = table.columnType(column);
        row[column] = AssignmentCast.convert(v, type, table.columnName(column));
      }
    }
    for (int c = 0; c < row.length; c++) {
      if (!given[c]) {
        row[c] = defaults.value(c);
      }
    }
    return row;
  }
}
