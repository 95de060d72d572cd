package dev.blueshift.coordinator.ddl;

import dev.blueshift.coordinator.catalog.Changes;
import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.dml.Relations;
import dev.blueshift.coordinator.dml.StatementContext;
import dev.blueshift.coordinator.dml.TableRewrite;
import dev.blueshift.coordinator.sql.ddl.SqlAlterTable;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.catalog.ColumnDef;
import dev.blueshift.protocol.catalog.TableDef;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;

/**
 * {@code ALTER TABLE}: renames change only the definition (scans read columns by position, so
 * segments stay as they are); ADD and DROP COLUMN rewrite the table's segments in the new layout
 * and commit the new definition with them in one record.
 */
public final class AlterTableStatement {
  private AlterTableStatement() {}

  public static void execute(StatementContext context, SqlAlterTable alter) {
    TableSnapshot table = Relations.lookup(context.relations(), alter.name, true);
    if (table.isView() && alter.action != SqlAlterTable.Action.RENAME_TABLE) {
      throw new BlueshiftException(SqlState.WRONG_OBJECT_TYPE, "\"" + table.name() + "\" is a view, not a table");
    }
    switch (alter.action) {
      case RENAME_TABLE -> renameTable(context, table, alter.target);
      case RENAME_COLUMN -> renameColumn(context, table, alter.target, alter.newName);
      case ADD_COLUMN -> addColumn(context, table, TableDefinitions.column(alter.column));
      case DROP_COLUMN -> dropColumn(context, table, alter.target);
    }
  }

  private static void renameTable(StatementContext context, TableSnapshot table, SqlIdentifier newName) {
    String[] sn = Relations.schemaAndName(newName);
    if (context.relations().relation(sn[0], sn[1]) != null) {
      throw new BlueshiftException(SqlState.DUPLICATE_TABLE, "relation \"" + sn[1] + "\" already exists");
    }
    context.commit(List.of(Changes.redefine(table, table.def().toBuilder().setSchema(sn[0]).setName(sn[1]).build())));
  }

  private static void renameColumn(StatementContext context, TableSnapshot table, SqlIdentifier column,
      SqlIdentifier newName) {
    int c = existing(table, column);
    if (table.columnIndex(newName.getSimple()) >= 0) {
      throw duplicate(table, newName.getSimple());
    }
    TableDef.Builder def = table.def().toBuilder();
    def.setColumns(c, def.getColumns(c).toBuilder().setName(newName.getSimple()));
    context.commit(List.of(Changes.redefine(table, def.build())));
  }

  private static void addColumn(StatementContext context, TableSnapshot table, ColumnDef column) {
    if (table.columnIndex(column.getName()) >= 0) {
      throw duplicate(table, column.getName());
    }
    if (column.getNotNull() && column.getDefaultSql().isEmpty() && table.rowCount() > 0) {
      throw new BlueshiftException(SqlState.NOT_NULL_VIOLATION, "column \"" + column.getName() + "\" of relation \""
          + table.name() + "\" contains null values (a NOT NULL column added to a table with rows needs a DEFAULT)");
    }
    TableDef newDef = table.def().toBuilder().addColumns(column).build();
    String value = column.getDefaultSql().isEmpty() ? "CAST(NULL AS INTEGER)" : "(" + column.getDefaultSql() + ")";
    rewrite(context, table, newDef, "SELECT *, " + value + " FROM " + Relations.sqlName(table));
  }

  private static void dropColumn(StatementContext context, TableSnapshot table, SqlIdentifier column) {
    int c = existing(table, column);
    if (table.def().getDistKey() == c || table.def().getSortKeyList().contains(c)) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "cannot drop column \"" + table.columnName(c)
          + "\": it is the table's " + (table.def().getDistKey() == c ? "DISTKEY" : "SORTKEY") + " column");
    }
    if (table.columnCount() == 1) {
      throw new BlueshiftException(SqlState.INVALID_TABLE_DEFINITION, "cannot drop column \"" + table.columnName(c)
          + "\": it is the only column of table \"" + table.name() + "\"");
    }
    TableDef.Builder def = table.def().toBuilder().removeColumns(c);
    if (def.getDistKey() > c) {
      def.setDistKey(def.getDistKey() - 1);
    }
    List<Integer> sortKey = new ArrayList<>();
    for (int k : def.getSortKeyList()) {
      sortKey.add(k > c ? k - 1 : k);
    }
    def.clearSortKey().addAllSortKey(sortKey);
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < table.columnCount(); i++) {
      if (i != c) {
        kept.add(Relations.quote(table.columnName(i)));
      }
    }
    rewrite(context, table, def.build(), "SELECT " + String.join(", ", kept) + " FROM " + Relations.sqlName(table));
  }

  private static void rewrite(StatementContext context, TableSnapshot table, TableDef newDef, String sql) {
    try (TableRewrite rewrite = new TableRewrite(context, table, newDef)) {
      rewrite.appendQuery(sql, 0, row -> true);
      rewrite.commit();
    }
  }

  private static int existing(TableSnapshot table, SqlIdentifier column) {
    int c = table.columnIndex(column.getSimple());
    if (c < 0) {
      throw new BlueshiftException(SqlState.UNDEFINED_COLUMN, "column \"" + column.getSimple() + "\" of relation \""
          + table.name() + "\" does not exist", column.getParserPosition().getLineNum(),
          column.getParserPosition().getColumnNum(), null);
    }
    return c;
  }

  private static BlueshiftException duplicate(TableSnapshot table, String column) {
    return new BlueshiftException(SqlState.DUPLICATE_COLUMN, "column \"" + column + "\" of relation \"" + table.name()
        + "\" already exists");
  }
}
