package dev.blueshift.coordinator.system;

import dev.blueshift.coordinator.plan.CalciteTypes;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A system table as Calcite sees it for one statement: the definition bound to the catalog
 * snapshot the statement pinned. Rows are computed once, when first asked for.
 */
public final class SystemTable extends AbstractTable {
  private final SystemTableDefinition definition;
  private final PinnedCatalog catalog;
  private List<Object[]> rows;

  SystemTable(SystemTableDefinition definition, PinnedCatalog catalog) {
    this.definition = definition;
    this.catalog = catalog;
  }

  public SystemTableDefinition definition() {
    return definition;
  }

  /** The table's rows in the pinned snapshot. */
  public synchronized List<Object[]> rows() {
    if (rows == null) {
      rows = definition.rows().apply(catalog);
    }
    return rows;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory factory) {
    RelDataTypeFactory.Builder b = factory.builder();
    for (SystemColumn c : definition.columns()) {
      b.add(c.name(), CalciteTypes.toCalcite(c.type(), c.nullable(), factory));
    }
    return b.build();
  }

  @Override
  public Statistic getStatistic() {
    // small and computed on the coordinator; the count only guides join order
    return Statistics.of(100, null);
  }
}
