package dev.blueshift.coordinator.plan.stats;

import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.protocol.ColumnStats;
import dev.blueshift.protocol.Literal;
import dev.blueshift.protocol.catalog.DistStyle;
import dev.blueshift.protocol.catalog.SegmentEntry;
import dev.blueshift.types.SqlType;

/**
 * What the cost model knows of one table version: its row count and, per column, the range and
 * null count merged from the segments' zone statistics and the distinct count of the last ANALYZE
 * (or, never analyzed, the size of an integer column's value range as an upper bound).
 */
public final class TableStatistics {
  private final double rows;
  private final ColumnStatistics[] columns;

  private TableStatistics(double rows, ColumnStatistics[] columns) {
    this.rows = rows;
    this.columns = columns;
  }

  public double rowCount() {
    return rows;
  }

  public ColumnStatistics column(int i) {
    return columns[i];
  }

  public int columnCount() {
    return columns.length;
  }

  public static TableStatistics of(TableSnapshot table) {
    int n = table.columnCount();
    double[] min = new double[n];
    double[] max = new double[n];
    boolean[] ranged = new boolean[n];
    long[] nulls = new long[n];
    java.util.Arrays.fill(ranged, true);
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    boolean replicated = table.def().getDistStyle() == DistStyle.DIST_ALL;
    long rows = 0;
    for (SegmentEntry s : table.segments()) {
      if (replicated && s.getWorker() != 0) {
        continue; // every worker holds the same copy
      }
      rows += s.getRowCount() - s.getDeletedRows();
      for (int c = 0; c < n; c++) {
        if (c >= s.getStatsCount()) {
          ranged[c] = false;
          continue;
        }
        ColumnStats st = s.getStats(c);
        nulls[c] += st.getNullCount();
        Double lo = number(st.getMin(), table.columnType(c));
        Double hi = number(st.getMax(), table.columnType(c));
        if (lo == null || hi == null) {
          // a segment of only NULLs has no range and widens nothing
          ranged[c] &= st.getNullCount() == s.getRowCount();
          continue;
        }
        min[c] = Math.min(min[c], lo);
        max[c] = Math.max(max[c], hi);
      }
    }
    long analyzedRows = table.def().getAnalyzedRows();
    ColumnStatistics[] columns = new ColumnStatistics[n];
    for (int c = 0; c < n; c++) {
      boolean hasRange = ranged[c] && min[c] <= max[c];
      double nonNull = Math.max(0, rows - nulls[c]);
      double ndv = Double.NaN;
      long analyzed = table.column(c).getAnalyzedNdv();
      SqlType type = table.columnType(c);
      if (analyzed > 0 && analyzedRows > 0) {
        // scale the counted distinct values with the table's growth since ANALYZE, up to its rows
        double growth = Math.max(1.0, rows / (double) analyzedRows);
        ndv = Math.min(nonNull, analyzed * (analyzed * 2 > analyzedRows ? growth : 1.0));
      } else if (hasRange && (type.isIntegral() || type.kind() == SqlType.Kind.DATE)) {
        ndv = Math.min(nonNull, max[c] - min[c] + 1);
      } else if (type.kind() == SqlType.Kind.BOOLEAN) {
        ndv = Math.min(nonNull, 2);
      }
      columns[c] = new ColumnStatistics(hasRange ? min[c] : Double.NaN, hasRange ? max[c] : Double.NaN,
          nulls[c], Math.max(ndv, nonNull > 0 ? 1 : 0));
    }
    return new TableStatistics(rows, columns);
  }

  /** A zone-map bound on the scale predicates are compared in (see {@link ColumnStatistics}). */
  private static Double number(Literal value, SqlType type) {
    if (value.getIsNull()) {
      return null;
    }
    return switch (value.getValueCase()) {
      case LONG_VALUE -> type.kind() == SqlType.Kind.DECIMAL
          ? value.getLongValue() / Math.pow(10, type.scale()) : (double) value.getLongValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      default -> null;
    };
  }

  /**
   * One column: {@code min}/{@code max} as numbers (DECIMAL by value, DATE in epoch days,
   * TIMESTAMP in epoch microseconds; NaN when unknown or not numeric), its NULLs and its distinct
   * non-null values (NaN when unknown).
   */
  public record ColumnStatistics(double min, double max, long nullCount, double distinct) {
    public boolean hasRange() {
      return !Double.isNaN(min);
    }

    public boolean hasDistinct() {
      return !Double.isNaN(distinct);
    }
  }
}
