package dev.blueshift.coordinator.ddl;

import dev.blueshift.coordinator.catalog.Changes;
import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.dml.Relations;
import dev.blueshift.coordinator.dml.StatementContext;
import dev.blueshift.coordinator.engine.RowCursor;
import dev.blueshift.coordinator.sql.ddl.SqlAnalyze;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.catalog.CatalogRecord;
import dev.blueshift.protocol.catalog.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlIdentifier;

/**
 * {@code ANALYZE [table [(column, …)]]}: counts each column's distinct values (and the table's
 * rows) with distributed queries and records them in the table's definition, where the planner's
 * cost model finds them. Ranges and null counts need no ANALYZE: segments carry them.
 */
public final class AnalyzeStatement {
  private AnalyzeStatement() {}

  /** Returns the number of tables analyzed. */
  public static int execute(StatementContext context, SqlAnalyze analyze) {
    List<TableSnapshot> tables = new ArrayList<>();
    if (analyze.table != null) {
      TableSnapshot t = Relations.lookup(context.relations(), analyze.table, true);
      if (t.isView()) {
        throw new BlueshiftException(SqlState.WRONG_OBJECT_TYPE, "cannot analyze view \"" + t.name() + "\"");
      }
      tables.add(t);
    } else {
      context.relations().relations().stream().filter(t -> !t.isView()).forEach(tables::add);
    }
    List<CatalogRecord> changes = new ArrayList<>();
    for (TableSnapshot table : tables) {
      changes.add(Changes.redefine(table, analyzed(context, table, columns(table, analyze.columns))));
    }
    if (!changes.isEmpty()) {
      context.commit(changes);
    }
    return tables.size();
  }

  private static List<Integer> columns(TableSnapshot table, List<SqlIdentifier> names) {
    List<Integer> out = new ArrayList<>();
    if (names.isEmpty()) {
      for (int c = 0; c < table.columnCount(); c++) {
        out.add(c);
      }
      return out;
    }
    for (SqlIdentifier name : names) {
      int c = table.columnIndex(name.getSimple().toLowerCase(Locale.ROOT));
      if (c < 0) {
        throw new BlueshiftException(SqlState.UNDEFINED_COLUMN, "column \"" + name.getSimple()
            + "\" of relation \"" + table.name() + "\" does not exist");
      }
      out.add(c);
    }
    return out;
  }

  /** The definition with fresh counts: one query per column keeps each one's memory to one hash table. */
  private static TableDef analyzed(StatementContext context, TableSnapshot table, List<Integer> columns) {
    TableDef.Builder def = table.def().toBuilder();
    long rows = table.rowCount();
    for (int c : columns) {
      String sql = "SELECT COUNT(DISTINCT " + Relations.quote(table.columnName(c)) + ") FROM "
          + Relations.sqlName(table);
      long distinct;
      try (RowCursor cursor = context.run(context.plan(sql))) {
        distinct = ((Number) cursor.next(1).get(0)[0]).longValue();
      }
      def.setColumns(c, def.getColumns(c).toBuilder().setAnalyzedNdv(Math.max(1, distinct)));
    }
    return def.setAnalyzedRows(Math.max(1, rows)).build();
  }
}
