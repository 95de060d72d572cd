package dev.blueshift.coordinator.ddl;

import dev.blueshift.coordinator.dml.Relations;
import dev.blueshift.coordinator.engine.ResultColumn;
import dev.blueshift.coordinator.sql.ddl.RedshiftTypes;
import dev.blueshift.coordinator.sql.ddl.SqlColumnDeclaration;
import dev.blueshift.coordinator.sql.ddl.SqlCreateTable;
import dev.blueshift.coordinator.sql.parser.BlueshiftSqlParser;
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
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;

/** Turns Redshift CREATE TABLE into a catalog table definition, checking every rule up front. */
public final class TableDefinitions {
  private TableDefinitions() {}

  /** {@code CREATE TABLE name (columns…) attributes}. */
  public static TableDef fromCreate(SqlCreateTable create) {
    TableDef.Builder def = named(create);
    Set<String> seen = new HashSet<>();
    for (SqlColumnDeclaration c : create.columns) {
      ColumnDef column = column(c);
      if (!seen.add(column.getName())) {
        throw new BlueshiftException(SqlState.DUPLICATE_COLUMN, "column \"" + column.getName()
            + "\" specified more than once");
      }
      def.addColumns(column);
    }
    return distributed(def, create);
  }

  /** {@code CREATE TABLE name AS query}: the query's columns, all nullable, encoding AUTO. */
  public static TableDef fromQuery(SqlCreateTable create, List<ResultColumn> columns) {
    TableDef.Builder def = named(create);
    Set<String> seen = new HashSet<>();
    for (ResultColumn c : columns) {
      if (!seen.add(c.name())) {
        throw new BlueshiftException(SqlState.DUPLICATE_COLUMN, "column \"" + c.name() + "\" specified more than once");
      }
      def.addColumns(ColumnDef.newBuilder().setName(c.name()).setType(ProtoTypes.toProto(c.type(), true))
          .setEncoding("auto"));
    }
    return distributed(def, create);
  }

  /**
   * {@code CREATE TABLE name (LIKE other)}: the other table's columns, encodings, NOT NULL,
   * distribution and sort key (Redshift's INHERITS behaviour); defaults only when asked for.
   */
  public static TableDef like(SqlCreateTable create, TableDef other) {
    if (!create.columns.isEmpty()) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "CREATE TABLE with LIKE and column definitions"
          + " is not supported");
    }
    TableDef.Builder def = named(create).addAllColumns(other.getColumnsList());
    if (!create.likeIncludingDefaults) {
      for (int i = 0; i < def.getColumnsCount(); i++) {
        def.setColumns(i, def.getColumns(i).toBuilder().clearDefaultSql());
      }
    }
    boolean ownAttributes = create.diststyle != null || create.distKey != null || !create.sortKey.isEmpty();
    if (ownAttributes) {
      return distributed(def, create);
    }
    return def.setDistStyle(other.getDistStyle()).setDistKey(other.getDistKey()).addAllSortKey(other.getSortKeyList())
        .build();
  }

  /** The catalog form of one column declaration (ALTER TABLE ADD COLUMN uses it too). */
  public static ColumnDef column(SqlColumnDeclaration c) {
    if (c.identitySeed != null) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "IDENTITY columns are not supported yet (column \""
          + c.columnName() + "\")");
    }
    SqlType type = RedshiftTypes.toSqlType(c.type);
    Encoding encoding = Encoding.parse(c.encode == null ? "auto" : c.encode);
    encoding.checkApplicable(c.columnName(), type);
    ColumnDef.Builder b = ColumnDef.newBuilder().setName(c.columnName()).setType(ProtoTypes.toProto(type, !c.notNull))
        .setEncoding(encoding.name().toLowerCase(Locale.ROOT)).setNotNull(c.notNull || c.primaryKey);
    if (c.defaultValue != null) {
      b.setDefaultSql(BlueshiftSqlParser.toSql(c.defaultValue));
    }
    return b.build();
  }

  private static TableDef.Builder named(SqlCreateTable create) {
    String[] name = Relations.schemaAndName(create.name);
    return TableDef.newBuilder().setSchema(name[0]).setName(name[1]).setDistKey(-1);
  }

  private static TableDef distributed(TableDef.Builder def, SqlCreateTable create) {
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
}
