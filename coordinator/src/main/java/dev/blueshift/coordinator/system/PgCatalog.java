package dev.blueshift.coordinator.system;

import static dev.blueshift.coordinator.system.PinnedCatalog.PG_CATALOG;

import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.protocol.catalog.DistStyle;
import dev.blueshift.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's catalog tables as Redshift (PostgreSQL 8.0 lineage) shows them: pg_namespace,
 * pg_class, pg_attribute, pg_type, with Redshift's extra columns (reldiststyle, attisdistkey,
 * attsortkeyord). Oids are INTEGER columns.
 */
final class PgCatalog {
  private PgCatalog() {}

  private static final SqlType CHAR1 = SqlType.character(1);

  static final SystemTableDefinition PG_NAMESPACE = new SystemTableDefinition(PG_CATALOG, "pg_namespace",
      SystemTableDefinition.define().integer("oid").name("nspname").integer("nspowner").nullableText("nspacl")
          .build(),
      PgCatalog::namespaces);

  static final SystemTableDefinition PG_CLASS = new SystemTableDefinition(PG_CATALOG, "pg_class",
      SystemTableDefinition.define().integer("oid").name("relname")
          .integer("relnamespace", "reltype", "relowner", "relam", "relfilenode", "reltablespace", "relpages")
          .add(SqlType.REAL, false, "reltuples").integer("reltoastrelid").bool("relhasindex", "relisshared")
          .add(CHAR1, false, "relkind").smallint("relnatts", "relchecks", "reltriggers")
          .bool("relhasoids", "relhaspkey", "relhasrules", "relhassubclass").smallint("reldiststyle")
          .nullableText("relacl").build(),
      PgCatalog::classes);

  static final SystemTableDefinition PG_ATTRIBUTE = new SystemTableDefinition(PG_CATALOG, "pg_attribute",
      SystemTableDefinition.define().integer("attrelid").name("attname").integer("atttypid", "attstattarget")
          .smallint("attlen", "attnum").integer("attndims", "atttypmod").bool("attbyval", "attnotnull",
              "atthasdef", "attisdropped", "attislocal").integer("attinhcount").bool("attisdistkey")
          .integer("attsortkeyord").build(),
      PgCatalog::attributes);

  static final SystemTableDefinition PG_TYPE = new SystemTableDefinition(PG_CATALOG, "pg_type",
      SystemTableDefinition.define().integer("oid").name("typname").integer("typnamespace", "typowner")
          .smallint("typlen").bool("typbyval").add(CHAR1, false, "typtype").bool("typisdefined")
          .add(CHAR1, false, "typdelim").integer("typrelid", "typelem").bool("typnotnull")
          .integer("typbasetype", "typtypmod", "typndims").nullableText("typdefault").build(),
      PgCatalog::types);

  static final List<SystemTableDefinition> ALL = List.of(PG_NAMESPACE, PG_CLASS, PG_ATTRIBUTE, PG_TYPE);

  private static List<Object[]> namespaces(PinnedCatalog catalog) {
    List<Object[]> rows = new ArrayList<>();
    for (String schema : catalog.schemas()) {
      rows.add(new Object[] {oid(catalog.namespaceOid(schema)), schema, PinnedCatalog.ownerId(schema), null});
    }
    return rows;
  }

  private static List<Object[]> classes(PinnedCatalog catalog) {
    List<Object[]> rows = new ArrayList<>();
    for (PinnedCatalog.Relation r : catalog.relations()) {
      TableSnapshot t = r.table();
      TableStorage storage = t == null ? null : TableStorage.of(t, catalog.totalSlices());
      int oid = oid(r.oid());
      rows.add(new Object[] {oid, r.name(), oid(catalog.namespaceOid(r.schema())), 0,
          PinnedCatalog.ownerId(r.schema()), 0, t == null || r.isView() ? 0 : oid, 0,
          storage == null ? 0 : Math.toIntExact(Math.min(Integer.MAX_VALUE, storage.pages())),
          storage == null ? 0.0 : (double) storage.rows(), 0, false, false, r.isSystem() || r.isView() ? "v" : "r",
          (short) r.columns().size(), (short) 0, (short) 0, false, false, false, false,
          t == null ? (short) 0 : distStyleCode(t.def().getDistStyle()), null});
    }
    return rows;
  }

  /** Redshift's pg_class.reldiststyle: 0 EVEN, 1 KEY, 8 ALL. */
  private static short distStyleCode(DistStyle style) {
    return switch (style) {
      case DIST_KEY -> 1;
      case DIST_ALL -> 8;
      default -> 0;
    };
  }

  private static List<Object[]> attributes(PinnedCatalog catalog) {
    List<Object[]> rows = new ArrayList<>();
    for (PinnedCatalog.Relation r : catalog.relations()) {
      TableSnapshot t = r.table();
      for (int i = 0; i < r.columns().size(); i++) {
        SystemColumn c = r.columns().get(i);
        PgType type = PgType.of(c.type());
        boolean distKey = t != null && t.def().getDistStyle() == DistStyle.DIST_KEY && t.def().getDistKey() == i;
        rows.add(new Object[] {oid(r.oid()), c.name(), type.oid(), -1, (short) type.length(), (short) (i + 1), 0,
            PgType.typmod(c.type()), type.byValue(), !c.nullable(), false, false, true, 0, distKey,
            t == null ? 0 : sortKeyOrder(t, i)});
      }
    }
    return rows;
  }

  /** 1-based position of column {@code i} in the table's sort key, 0 when not in it. */
  static int sortKeyOrder(TableSnapshot table, int column) {
    int at = table.def().getSortKeyList().indexOf(column);
    return at < 0 ? 0 : at + 1;
  }

  private static List<Object[]> types(PinnedCatalog catalog) {
    List<Object[]> rows = new ArrayList<>();
    int namespace = oid(catalog.namespaceOid(PG_CATALOG));
    for (PgType t : PgType.ALL) {
      rows.add(new Object[] {t.oid(), t.name(), namespace, PinnedCatalog.SYSTEM_USER_ID, (short) t.length(),
          t.byValue(), "b", true, ",", 0, 0, false, 0, -1, 0, null});
    }
    return rows;
  }

  static int oid(long oid) {
    return Math.toIntExact(oid);
  }
}
