package dev.blueshift.coordinator.dml;

import dev.blueshift.coordinator.catalog.Changes;
import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.sql.parser.BlueshiftSqlParser;
import java.util.List;
import org.apache.calcite.sql.SqlDelete;

/**
 * {@code DELETE FROM t [[AS] alias] [WHERE cond]}: copy-on-write. One query reads every row with a
 * marker telling whether the condition holds (TRUE only: NULL keeps the row); the rows without it
 * become the table's next version. Nothing is written when no row matches.
 */
public final class DeleteStatement {
  private DeleteStatement() {}

  /** Runs the DELETE and returns the number of rows deleted. */
  public static long execute(StatementContext context, SqlDelete delete) {
    TableSnapshot table = Relations.table(context.relations(), delete.getTargetTable(), "delete from");
    if (delete.getCondition() == null) {
      long rows = table.rowCount();
      if (rows > 0) {
        context.commit(List.of(Changes.replace(table, List.of(), null)));
      }
      return rows;
    }
    String sql = "SELECT CASE WHEN " + BlueshiftSqlParser.toSql(delete.getCondition()) + " THEN 1 ELSE 0 END, * FROM "
        + from(table, delete.getAlias() == null ? null : delete.getAlias().getSimple());
    try (TableRewrite rewrite = new TableRewrite(context, table, table.def())) {
      long deleted = rewrite.appendQuery(sql, 1, row -> ((Number) row[0]).intValue() == 0).dropped();
      if (deleted > 0) {
        rewrite.commit();
      }
      return deleted;
    }
  }

  /** The FROM clause naming the table, with the statement's alias. */
  static String from(TableSnapshot table, String alias) {
    return Relations.sqlName(table) + (alias == null ? "" : " AS " + Relations.quote(alias));
  }
}
