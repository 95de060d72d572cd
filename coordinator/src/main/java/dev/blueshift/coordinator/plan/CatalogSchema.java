package dev.blueshift.coordinator.plan;

import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.plan.stats.TableStatistics;
import java.util.HashMap;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;

/** A schema of the catalog as Calcite sees it, frozen at statement start (the pinned snapshot). */
public final class CatalogSchema extends AbstractSchema {
  private final Map<String, Table> tables = new HashMap<>();

  public CatalogSchema(Iterable<TableSnapshot> snapshots) {
    for (TableSnapshot t : snapshots) {
      // a view expands its stored SQL where it is used, typed by the columns recorded at CREATE VIEW
      tables.put(t.name(), t.isView() ? new org.apache.calcite.schema.impl.ViewTable(Object[].class,
          new StoredTable(t)::getRowType, t.def().getViewSql(), java.util.List.of(t.schema()),
          java.util.List.of(t.schema(), t.name())) : new StoredTable(t));
    }
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  /** A stored table: its row type and the version a statement reads. */
  public static final class StoredTable extends AbstractTable {
    private final TableSnapshot snapshot;
    private TableStatistics statistics;

    StoredTable(TableSnapshot snapshot) {
      this.snapshot = snapshot;
    }

    public TableSnapshot snapshot() {
      return snapshot;
    }

    /** The cost model's view of this version, computed once per statement. */
    public TableStatistics statistics() {
      if (statistics == null) {
        statistics = TableStatistics.of(snapshot);
      }
      return statistics;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory factory) {
      RelDataTypeFactory.Builder b = factory.builder();
      for (int i = 0; i < snapshot.columnCount(); i++) {
        boolean nullable = !snapshot.def().getColumns(i).getNotNull();
        b.add(snapshot.columnName(i), CalciteTypes.toCalcite(snapshot.columnType(i), nullable, factory));
      }
      return b.build();
    }

    @Override
    public Statistic getStatistic() {
      return Statistics.of(Math.max(1, snapshot.rowCount()), null);
    }
  }
}
