package dev.blueshift.coordinator.system;

import static dev.blueshift.coordinator.system.PinnedCatalog.PG_CATALOG;

import dev.blueshift.coordinator.catalog.TableSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code stv_table_versions} (Blueshift's own, Redshift has no equivalent): per user table its
 * committed version — one more for every commit that changed the table's rows (INSERT, COPY,
 * UPDATE, DELETE, TRUNCATE) — with its live segments and rows. It makes the cost of a load
 * visible: a JDBC batch of 100,000 rows is one commit, not 100,000.
 */
final class TableVersions {
  private TableVersions() {}

  static final SystemTableDefinition STV_TABLE_VERSIONS = new SystemTableDefinition(PG_CATALOG,
      "stv_table_versions",
      SystemTableDefinition.define().integer("table_id").name("schemaname", "tablename")
          .bigint("version", "segments", "tbl_rows").build(),
      TableVersions::rows);

  static final List<SystemTableDefinition> ALL = List.of(STV_TABLE_VERSIONS);

  private static List<Object[]> rows(PinnedCatalog catalog) {
    List<Object[]> out = new ArrayList<>();
    for (TableSnapshot t : catalog.tables()) {
      if (t.isView()) {
        continue;
      }
      out.add(new Object[] {(int) PinnedCatalog.tableOid(t), t.schema(), t.name(), t.version(),
          (long) t.segments().size(), TableStorage.of(t, catalog.totalSlices()).rows()});
    }
    return out;
  }
}
