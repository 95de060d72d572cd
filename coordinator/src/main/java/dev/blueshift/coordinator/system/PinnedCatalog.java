package dev.blueshift.coordinator.system;

import dev.blueshift.coordinator.catalog.Catalog;
import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.load.LoadHistory;
import dev.blueshift.protocol.catalog.ColumnDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The catalog as one statement sees it — the table versions it pinned at start and the cluster
 * shape — seen as PostgreSQL-style relations and namespaces with oids, which is what every
 * system table reports.
 *
 * <p>Oids: user tables get {@value #FIRST_USER_OID} + their table id (stable across restarts,
 * like Redshift's table ids), system tables a fixed oid below that, namespaces PostgreSQL's
 * (pg_catalog 11, public 2200).
 */
public final class PinnedCatalog {
  /** The one database (what {@code jdbc:blueshift://host/dev} names). */
  public static final String DATABASE = "dev";
  public static final String PG_CATALOG = "pg_catalog";
  public static final String INFORMATION_SCHEMA = "information_schema";
  /** Redshift's first user object id. */
  public static final long FIRST_USER_OID = 100_000;
  /** The superuser that owns system objects (Redshift's rdsdb). */
  static final int SYSTEM_USER_ID = 1;
  /** The local-mode user {@code admin}. */
  static final int ADMIN_USER_ID = 100;
  static final String ADMIN_USER = "admin";
  private static final long FIRST_SYSTEM_TABLE_OID = 50_000;
  private static final long FIRST_USER_NAMESPACE_OID = 200_000;

  /** A table or view and its columns, user-defined or a system table. */
  public record Relation(long oid, String schema, String name, List<SystemColumn> columns,
      TableSnapshot table) {
    /** Null for a system table. */
    public TableSnapshot table() {
      return table;
    }

    public boolean isSystem() {
      return table == null;
    }

    /** A user-defined view (its columns are its query's output). */
    public boolean isView() {
      return table != null && !table.def().getViewSql().isEmpty();
    }

    /** {@code BASE TABLE} or {@code VIEW}, as information_schema.tables says (system tables are views). */
    public String tableType() {
      return table == null || isView() ? "VIEW" : "BASE TABLE";
    }

    /** The column's DEFAULT expression as SQL text, or null. */
    public String columnDefault(int column) {
      String sql = table == null ? "" : table.def().getColumns(column).getDefaultSql();
      return sql.isEmpty() ? null : sql;
    }
  }

  private final List<TableSnapshot> tables;
  private final int totalSlices;
  private final List<SystemTableDefinition> systemTables;
  private final LoadHistory loads;

  public PinnedCatalog(Iterable<TableSnapshot> tables, int totalSlices, List<SystemTableDefinition> systemTables) {
    this(tables, totalSlices, systemTables, null);
  }

  /** {@code loads} backs stl_load_errors and stl_load_commits (null: they are empty). */
  public PinnedCatalog(Iterable<TableSnapshot> tables, int totalSlices, List<SystemTableDefinition> systemTables,
      LoadHistory loads) {
    List<TableSnapshot> sorted = new ArrayList<>();
    tables.forEach(sorted::add);
    sorted.sort(Comparator.comparing((TableSnapshot t) -> t.def().getSchema()).thenComparing(TableSnapshot::name));
    this.tables = List.copyOf(sorted);
    this.totalSlices = totalSlices;
    this.systemTables = systemTables;
    this.loads = loads;
  }

  /** The coordinator's COPY history (empty when the planner was given none). */
  public LoadHistory loads() {
    return loads != null ? loads : LoadHistory.EMPTY;
  }

  /** User tables, by schema and name. */
  public List<TableSnapshot> tables() {
    return tables;
  }

  public int totalSlices() {
    return totalSlices;
  }

  /** User tables, then system tables, each group by schema and name. */
  public List<Relation> relations() {
    List<Relation> out = new ArrayList<>();
    for (TableSnapshot t : tables) {
      List<SystemColumn> columns = new ArrayList<>();
      for (int i = 0; i < t.columnCount(); i++) {
        ColumnDef c = t.def().getColumns(i);
        columns.add(new SystemColumn(c.getName(), t.columnType(i), !c.getNotNull()));
      }
      out.add(new Relation(tableOid(t), t.def().getSchema(), t.name(), List.copyOf(columns), t));
    }
    List<SystemTableDefinition> system = new ArrayList<>(systemTables);
    system.sort(Comparator.comparing(SystemTableDefinition::schema).thenComparing(SystemTableDefinition::name));
    for (SystemTableDefinition d : system) {
      out.add(new Relation(FIRST_SYSTEM_TABLE_OID + systemTables.indexOf(d), d.schema(), d.name(), d.columns(), null));
    }
    return out;
  }

  public static long tableOid(TableSnapshot table) {
    return FIRST_USER_OID + table.id();
  }

  /** Schema names: pg_catalog, public, information_schema, then any other schema holding tables. */
  public List<String> schemas() {
    List<String> out = new ArrayList<>(List.of(PG_CATALOG, Catalog.DEFAULT_SCHEMA, INFORMATION_SCHEMA));
    TreeSet<String> others = new TreeSet<>();
    for (TableSnapshot t : tables) {
      others.add(t.def().getSchema());
    }
    others.removeAll(out);
    out.addAll(others);
    return out;
  }

  public long namespaceOid(String schema) {
    return switch (schema) {
      case PG_CATALOG -> 11;
      case Catalog.DEFAULT_SCHEMA -> 2200;
      // PostgreSQL assigns it at initdb; any fixed value below user oids will do
      case INFORMATION_SCHEMA -> 14_000;
      default -> FIRST_USER_NAMESPACE_OID + schemas().indexOf(schema);
    };
  }

  static boolean isSystemSchema(String schema) {
    return schema.equals(PG_CATALOG) || schema.equals(INFORMATION_SCHEMA);
  }

  static int ownerId(String schema) {
    return isSystemSchema(schema) ? SYSTEM_USER_ID : ADMIN_USER_ID;
  }
}
