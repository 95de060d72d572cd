package dev.blueshift.coordinator.system;

import static dev.blueshift.coordinator.system.PinnedCatalog.DATABASE;
import static dev.blueshift.coordinator.system.PinnedCatalog.PG_CATALOG;

import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.protocol.catalog.DistStyle;
import dev.blueshift.protocol.catalog.SegmentEntry;
import dev.blueshift.storage.segment.Encoding;
import dev.blueshift.types.SqlType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Redshift's own catalog views: pg_table_def (columns with encoding, distkey, sortkey),
 * svv_tables, svv_columns and svv_table_info (distribution, sort key, size, rows, skew).
 */
final class RedshiftViews {
  private RedshiftViews() {}

  private static final SqlType COUNT = SqlType.decimal(38, 0);
  private static final SqlType RATIO = SqlType.decimal(19, 2);
  private static final SqlType PERCENT = SqlType.decimal(5, 2);

  static final SystemTableDefinition PG_TABLE_DEF = new SystemTableDefinition(PG_CATALOG, "pg_table_def",
      SystemTableDefinition.define().name("schemaname", "tablename", "column").text("type", "encoding")
          .bool("distkey").integer("sortkey").bool("notnull").build(),
      RedshiftViews::tableDef);

  static final SystemTableDefinition SVV_TABLES = new SystemTableDefinition(PG_CATALOG, "svv_tables",
      SystemTableDefinition.define().name("table_catalog", "table_schema", "table_name").text("table_type")
          .nullableText("remarks").build(),
      RedshiftViews::tables);

  static final SystemTableDefinition SVV_COLUMNS = new SystemTableDefinition(PG_CATALOG, "svv_columns",
      SystemTableDefinition.define().name("table_catalog", "table_schema", "table_name", "column_name")
          .integer("ordinal_position").nullableText("column_default").text("is_nullable", "data_type")
          .nullableInteger("character_maximum_length", "numeric_precision", "numeric_precision_radix",
              "numeric_scale", "datetime_precision").nullableText("interval_type")
          .nullableInteger("interval_precision").nullableName("character_set_catalog", "character_set_schema",
              "character_set_name", "domain_name").nullableText("remarks").build(),
      RedshiftViews::columns);

  static final SystemTableDefinition SVV_TABLE_INFO = new SystemTableDefinition(PG_CATALOG, "svv_table_info",
      SystemTableDefinition.define().name("database", "schema").integer("table_id").name("table")
          .text("encoded", "diststyle").nullableName("sortkey1").integer("max_varchar").nullableText("sortkey1_enc")
          .integer("sortkey_num").bigint("size").add(SqlType.decimal(10, 4), true, "pct_used").bigint("empty")
          .add(PERCENT, true, "unsorted", "stats_off").add(COUNT, false, "tbl_rows")
          .add(RATIO, true, "skew_sortkey1", "skew_rows").add(COUNT, false, "estimated_visible_rows")
          .nullableText("risk_event").add(SqlType.decimal(12, 2), true, "vacuum_sort_benefit")
          .add(SqlType.TIMESTAMP, true, "create_time").build(),
      RedshiftViews::tableInfo);

  /** PostgreSQL's pg_stats, for analyzed columns: what the planner's cost model knows. */
  static final SystemTableDefinition PG_STATS = new SystemTableDefinition(PG_CATALOG, "pg_stats",
      SystemTableDefinition.define().name("schemaname", "tablename", "attname")
          .add(SqlType.REAL, false, "null_frac", "n_distinct").build(),
      RedshiftViews::stats);

  static final List<SystemTableDefinition> ALL = List.of(PG_TABLE_DEF, SVV_TABLES, SVV_COLUMNS, SVV_TABLE_INFO,
      PG_STATS);

  private static List<Object[]> stats(PinnedCatalog catalog) {
    List<Object[]> rows = new ArrayList<>();
    for (TableSnapshot t : catalog.tables()) {
      if (t.isView() || t.def().getAnalyzedRows() == 0) {
        continue;
      }
      var statistics = dev.blueshift.coordinator.plan.stats.TableStatistics.of(t);
      for (int c = 0; c < t.columnCount(); c++) {
        if (t.column(c).getAnalyzedNdv() == 0) {
          continue;
        }
        double nullFraction = statistics.rowCount() == 0 ? 0 : statistics.column(c).nullCount() / statistics.rowCount();
        rows.add(new Object[] {t.schema(), t.name(), t.columnName(c), (float) nullFraction,
            (float) t.column(c).getAnalyzedNdv()});
      }
    }
    return rows;
  }

  /** The encoding a column is stored with, by Redshift's name ({@code none} for RAW). */
  static String encoding(TableSnapshot table, int column) {
    if (!table.def().getViewSql().isEmpty()) {
      return "none";
    }
    String declared = table.def().getColumns(column).getEncoding();
    Encoding e = Encoding.parse(declared.isEmpty() ? "auto" : declared)
        .resolve(table.columnType(column), table.def().getSortKeyList().contains(column));
    return e == Encoding.RAW ? "none" : e.name().toLowerCase(Locale.ROOT);
  }

  /**
   * User tables and views only: Redshift lists the relations of the schemas on the search path.
   * A view's columns show encoding {@code none}.
   */
  private static List<Object[]> tableDef(PinnedCatalog catalog) {
    List<Object[]> rows = new ArrayList<>();
    for (TableSnapshot t : catalog.tables()) {
      for (int i = 0; i < t.columnCount(); i++) {
        boolean distKey = t.def().getDistStyle() == DistStyle.DIST_KEY && t.def().getDistKey() == i;
        rows.add(new Object[] {t.def().getSchema(), t.name(), t.columnName(i), t.columnType(i).redshiftName(),
            encoding(t, i), distKey, PgCatalog.sortKeyOrder(t, i), t.def().getColumns(i).getNotNull()});
      }
    }
    return rows;
  }

  private static List<Object[]> tables(PinnedCatalog catalog) {
    List<Object[]> rows = new ArrayList<>();
    for (PinnedCatalog.Relation r : catalog.relations()) {
      rows.add(new Object[] {DATABASE, r.schema(), r.name(), r.tableType(), null});
    }
    return rows;
  }

  private static List<Object[]> columns(PinnedCatalog catalog) {
    List<Object[]> rows = new ArrayList<>();
    for (PinnedCatalog.Relation r : catalog.relations()) {
      for (int i = 0; i < r.columns().size(); i++) {
        SystemColumn c = r.columns().get(i);
        SqlType t = c.type();
        rows.add(new Object[] {DATABASE, r.schema(), r.name(), c.name(), i + 1, r.columnDefault(i), c.nullable() ? "YES" : "NO",
            PgType.dataType(t), PgType.characterLength(t), PgType.numericPrecision(t), PgType.numericRadix(t),
            PgType.numericScale(t), PgType.datetimePrecision(t), null, null, null, null, null, null, null});
      }
    }
    return rows;
  }

  private static List<Object[]> tableInfo(PinnedCatalog catalog) {
    List<Object[]> rows = new ArrayList<>();
    for (TableSnapshot t : catalog.tables()) {
      if (!t.def().getViewSql().isEmpty()) {
        continue;
      }
      TableStorage storage = TableStorage.of(t, catalog.totalSlices());
      List<Integer> sortKey = t.def().getSortKeyList();
      boolean encoded = false;
      int maxVarchar = 0;
      for (int i = 0; i < t.columnCount(); i++) {
        encoded |= !encoding(t, i).equals("none");
        if (t.columnType(i).kind() == SqlType.Kind.VARCHAR) {
          maxVarchar = Math.max(maxVarchar, t.columnType(i).length());
        }
      }
      String sortKey1 = sortKey.isEmpty() ? null : t.columnName(sortKey.get(0));
      Double skew = storage.skew();
      rows.add(new Object[] {DATABASE, t.def().getSchema(), PgCatalog.oid(PinnedCatalog.tableOid(t)), t.name(),
          encoded ? "Y" : "N", distStyle(t), sortKey1, maxVarchar,
          sortKey1 == null ? null : encoding(t, sortKey.get(0)), sortKey.size(), storage.megabyteBlocks(), null,
          0L, sortKey.isEmpty() ? null : unsortedPercent(t, storage.rows()), statsOff(t, storage.rows()), storage.rows(), null,
          skew == null ? null : BigDecimal.valueOf(skew).setScale(2, RoundingMode.HALF_UP), storage.rows(),
          null, null, null});
    }
    return rows;
  }

  /**
   * How far the table has drifted from its last ANALYZE, as Redshift's percentage: 100 when never
   * analyzed, else the change in rows relative to the larger of the two counts.
   */
  private static BigDecimal statsOff(TableSnapshot t, long rows) {
    long analyzed = t.def().getAnalyzedRows();
    if (analyzed == 0) {
      return rows == 0 ? BigDecimal.ZERO.setScale(2) : BigDecimal.valueOf(100).setScale(2);
    }
    double off = Math.abs(rows - analyzed) * 100.0 / Math.max(rows, analyzed);
    return BigDecimal.valueOf(off).setScale(2, RoundingMode.HALF_UP);
  }

  /** {@code EVEN}, {@code ALL} or {@code KEY(column)}, as svv_table_info shows it. */
  static String distStyle(TableSnapshot t) {
    return switch (t.def().getDistStyle()) {
      case DIST_KEY -> "KEY(" + t.columnName(t.def().getDistKey()) + ")";
      case DIST_ALL -> "ALL";
      case DIST_AUTO -> "AUTO(EVEN)";
      default -> "EVEN";
    };
  }

  /**
   * Percent of rows outside each slice's first (sorted) segment: like Redshift's unsorted region,
   * rows loaded after the first load of a slice are not merged into its sort order until VACUUM.
   */
  private static BigDecimal unsortedPercent(TableSnapshot t, long rows) {
    if (rows == 0) {
      return BigDecimal.ZERO.setScale(2);
    }
    Set<String> seen = new HashSet<>();
    long unsorted = 0;
    for (SegmentEntry s : t.segments()) {
      if (!seen.add(s.getWorker() + "/" + s.getSlice())) {
        unsorted += s.getRowCount();
      }
    }
    return BigDecimal.valueOf(unsorted * 100.0 / rows).setScale(2, RoundingMode.HALF_UP);
  }
}
