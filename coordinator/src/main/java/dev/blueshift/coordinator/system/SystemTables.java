package dev.blueshift.coordinator.system;

import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.protocol.Column;
import dev.blueshift.protocol.Literal;
import dev.blueshift.protocol.PlanNode;
import dev.blueshift.protocol.Values;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.types.ProtoTypes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Every system table, and the two places the planner meets them: {@link #register} puts them in
 * a statement's Calcite root schema, and {@link #valuesNode} turns a scan of one into
 * constant rows for the coordinator.
 */
public final class SystemTables {
  private SystemTables() {}

  /** Every system table, in registration order (their oids follow it). */
  public static final List<SystemTableDefinition> ALL = all();

  private static List<SystemTableDefinition> all() {
    List<SystemTableDefinition> all = new ArrayList<>();
    all.addAll(InformationSchema.ALL);
    all.addAll(PgCatalog.ALL);
    all.addAll(RedshiftViews.ALL);
    all.addAll(StlLoadTables.ALL);
    all.addAll(StvLoadState.ALL);
    all.addAll(TableVersions.ALL);
    return List.copyOf(all);
  }

  /**
   * Adds {@code information_schema} and {@code pg_catalog} to a statement's root schema, bound to
   * the table versions the statement pinned. pg_catalog's tables are also added to the root
   * itself, so that, as in PostgreSQL and Redshift, they resolve unqualified (Calcite looks a
   * name up in the default schema, then in the root).
   */
  public static void register(SchemaPlus root, Iterable<TableSnapshot> tables, int totalSlices) {
    register(root, tables, totalSlices, null);
  }

  /** As {@link #register(SchemaPlus, Iterable, int)}, with the COPY history behind stl_load_*. */
  public static void register(SchemaPlus root, Iterable<TableSnapshot> tables, int totalSlices,
      dev.blueshift.coordinator.load.LoadHistory loads) {
    PinnedCatalog catalog = new PinnedCatalog(tables, totalSlices, ALL, loads);
    FixedSchema informationSchema = new FixedSchema();
    FixedSchema pgCatalog = new FixedSchema();
    for (SystemTableDefinition d : ALL) {
      SystemTable table = new SystemTable(d, catalog);
      if (d.schema().equals(PinnedCatalog.PG_CATALOG)) {
        pgCatalog.tables.put(d.name(), table);
        root.add(d.name(), table);
      } else {
        informationSchema.tables.put(d.name(), table);
      }
    }
    root.add(PinnedCatalog.INFORMATION_SCHEMA, informationSchema);
    root.add(PinnedCatalog.PG_CATALOG, pgCatalog);
  }

  /** True when {@code rel} scans a system table. */
  public static boolean isSystem(RelNode rel) {
    return rel instanceof TableScan scan && scan.getTable().unwrap(SystemTable.class) != null;
  }

  /** The rows of the scanned system table as a VALUES node (all columns, in table order). */
  public static PlanNode valuesNode(RelNode scan) {
    SystemTable table = ((TableScan) scan).getTable().unwrap(SystemTable.class);
    List<SystemColumn> columns = table.definition().columns();
    Values.Builder b = Values.newBuilder();
    for (SystemColumn c : columns) {
      b.addOutput(column(c));
    }
    for (Object[] row : table.rows()) {
      Values.Row.Builder r = Values.Row.newBuilder();
      for (int i = 0; i < columns.size(); i++) {
        r.addValues(literal(columns.get(i).type(), row[i]));
      }
      b.addRows(r);
    }
    return PlanNode.newBuilder().setValues(b).build();
  }

  /** The VALUES node's output columns (what the fragmenter records as the part's output). */
  public static List<Column> output(PlanNode valuesNode) {
    return valuesNode.getValues().getOutputList();
  }

  private static Column column(SystemColumn c) {
    return ProtoTypes.column(c.name(), c.type(), c.nullable());
  }

  /** A row value as the execution literal of its column type. */
  static Literal literal(SqlType type, Object value) {
    if (value == null) {
      return ProtoTypes.literal(null);
    }
    Object v = switch (type.kind()) {
      case SMALLINT, INTEGER, BIGINT -> ((Number) value).longValue();
      case DECIMAL -> (value instanceof BigDecimal d ? d : new BigDecimal(value.toString()))
          .setScale(type.scale(), RoundingMode.HALF_UP).unscaledValue().longValueExact();
      case REAL, DOUBLE -> ((Number) value).doubleValue();
      case BOOLEAN -> (Boolean) value;
      case TIMESTAMP -> ((Number) value).longValue(); // microseconds since the epoch
      case CHAR, VARCHAR -> value.toString();
      default -> throw new IllegalStateException("system tables have no " + type + " values");
    };
    return ProtoTypes.literal(v);
  }

  /** A schema whose table map is filled once. */
  private static final class FixedSchema extends AbstractSchema {
    final java.util.Map<String, org.apache.calcite.schema.Table> tables = new java.util.HashMap<>();

    @Override
    protected java.util.Map<String, org.apache.calcite.schema.Table> getTableMap() {
      return tables;
    }
  }
}
