package dev.blueshift.coordinator.engine;

import dev.blueshift.coordinator.catalog.Catalog;
import dev.blueshift.coordinator.sql.ddl.RedshiftTypes;
import dev.blueshift.coordinator.sql.ddl.SqlColumnDeclaration;
import dev.blueshift.coordinator.sql.ddl.SqlCreateTable;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.catalog.ColumnDef;
import dev.blueshift.protocol.catalog.DistStyle;
import dev.blueshift.protocol.catalog.TableDef;
import dev.blueshift.storage.segment.Encoding;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.types.ProtoTypes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;

/** Turns Redshift CREATE TABLE into a catalog table definition, checking every rule up front. */
final class TableDefinitions {
  private TableDefinitions() {}

  static TableDef fromCreate(SqlCreateTable create) {
    if (create.query != null) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "CREATE TABLE AS is not supported yet");
    }
    String[] name = schemaAndName(create.name);
    TableDef.Builder def = TableDef.newBuilder().setSchema(name[0]).setName(name[1]).setDistKey(-1);
    Set<String> seen = new HashSet<>();
    for (SqlColumnDeclaration c : create.columns) {
      String column = c.columnName();
      if (!seen.add(column)) {
        throw new BlueshiftException(SqlState.DUPLICATE_COLUMN, "column \"" + column + "\" specified more than once");
      }
      SqlType type = RedshiftTypes.toSqlType(c.type);
      Encoding encoding = Encoding.parse(c.encode == null ? "auto" : c.encode);
      encoding.checkApplicable(column, type);
      def.addColumns(ColumnDef.newBuilder().setName(column).setType(ProtoTypes.toProto(type, !c.notNull))
          .setEncoding(encoding.name().toLowerCase(java.util.Locale.ROOT)).setNotNull(c.notNull || c.primaryKey));
    }
    DistStyle style = switch (create.effectiveDistStyle()) {
      case AUTO -> DistStyle.DIST_AUTO;
      case EVEN -> DistStyle.DIST_EVEN;
      case KEY -> DistStyle.DIST_KEY;
      case ALL -> DistStyle.DIST_ALL;
    };
    if (style == DistStyle.DIST_KEY) {
      if (create.distKey == null) {
        throw new BlueshiftException(SqlState.INVALID_TABLE_DEFINITION, "DISTSTYLE KEY needs a DISTKEY column");
      }
      def.setDistKey(ordinal(def, create.distKey, "DISTKEY"));
    }
    // AUTO behaves as EVEN for now: rows spread round-robin over slices
    def.setDistStyle(style == DistStyle.DIST_AUTO ? DistStyle.DIST_EVEN : style);
    for (SqlIdentifier k : create.sortKey) {
      def.addSortKey(ordinal(def, k, "SORTKEY"));
    }
    return def.build();
  }

  private static int ordinal(TableDef.Builder def, SqlIdentifier column, String clause) {
    String name = column.names.get(column.names.size() - 1);
    List<ColumnDef> columns = def.getColumnsList();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).getName().equals(name)) {
        return i;
      }
    }
    throw new BlueshiftException(SqlState.UNDEFINED_COLUMN, clause + " column \"" + name + "\" does not exist in table \""
        + def.getName() + "\"", column.getParserPosition().getLineNum(), column.getParserPosition().getColumnNum(), null);
  }

  /** [schema, name] of a possibly qualified table name. */
  static String[] schemaAndName(SqlIdentifier id) {
    if (id.names.size() == 1) {
      return new String[] {Catalog.DEFAULT_SCHEMA, id.names.get(0)};
    }
    return new String[] {id.names.get(id.names.size() - 2), id.names.get(id.names.size() - 1)};
  }
}
