package dev.blueshift.coordinator.plan.stats;

import dev.blueshift.coordinator.plan.CatalogSchema;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMdDistinctRowCount;
import org.apache.calcite.rel.metadata.RelMdSelectivity;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite metadata backed by table statistics: filter selectivity and distinct counts of stored
 * tables, and equi-join selectivity from the distinct counts of the join keys
 * ({@code 1 / max(ndv(left keys), ndv(right keys))}) instead of Calcite's fixed guess — so join
 * ordering and broadcast-versus-redistribute choices see how many rows a join really makes.
 */
public final class StatisticsMetadata {
  /** One instance: Calcite compiles a dispatcher per provider, so it must be reused. */
  public static final RelMetadataProvider PROVIDER = ChainedRelMetadataProvider.of(List.of(
      ReflectiveRelMetadataProvider.reflectiveSource(new Selectivity(), BuiltInMetadata.Selectivity.Handler.class),
      ReflectiveRelMetadataProvider.reflectiveSource(new DistinctRowCount(),
          BuiltInMetadata.DistinctRowCount.Handler.class),
      DefaultRelMetadataProvider.INSTANCE));

  private StatisticsMetadata() {}

  /** Makes a plan's cluster (and this thread's metadata queries) use {@link #PROVIDER}. */
  public static void install(RelNode rel) {
    rel.getCluster().setMetadataProvider(PROVIDER);
    rel.getCluster().invalidateMetadataQuery();
  }

  private static @Nullable TableStatistics statistics(TableScan scan) {
    CatalogSchema.StoredTable table = scan.getTable().unwrap(CatalogSchema.StoredTable.class);
    return table == null ? null : table.statistics();
  }

  /** Selectivity handlers; what is not overridden here is Calcite's. */
  public static final class Selectivity extends RelMdSelectivity {
    @Override
    public @Nullable Double getSelectivity(TableScan scan, RelMetadataQuery mq, @Nullable RexNode predicate) {
      TableStatistics stats = statistics(scan);
      if (stats == null) {
        return super.getSelectivity(scan, mq, predicate);
      }
      return new PredicateSelectivity(stats, scan.getCluster().getRexBuilder()).of(predicate);
    }

    @Override
    public @Nullable Double getSelectivity(Join join, RelMetadataQuery mq, @Nullable RexNode predicate) {
      if (join.isSemiJoin() || predicate == null) {
        return super.getSelectivity(join, mq, predicate);
      }
      return joinSelectivity(join, mq, predicate);
    }
  }

  /**
   * Equi-conjuncts by the distinct counts of the key columns on both sides (each side's key set
   * counted together, so correlated multi-column keys are not multiplied into nothing);
   * whatever else the condition holds by Calcite's guess.
   */
  static double joinSelectivity(Join join, RelMetadataQuery mq, RexNode predicate) {
    RelNode left = join.getLeft();
    RelNode right = join.getRight();
    JoinInfo info = JoinInfo.of(left, right, predicate);
    double residual = RelMdUtil.guessSelectivity(
        RexUtil.composeConjunction(join.getCluster().getRexBuilder(), info.nonEquiConditions));
    if (info.leftKeys.isEmpty()) {
      return residual;
    }
    Double leftRows = mq.getRowCount(left);
    Double rightRows = mq.getRowCount(right);
    Double leftDistinct = mq.getDistinctRowCount(left, ImmutableBitSet.of(info.leftKeys), null);
    Double rightDistinct = mq.getDistinctRowCount(right, ImmutableBitSet.of(info.rightKeys), null);
    // unknown distinct counts: assume the key is unique on the side with more rows (a foreign-key join)
    double l = leftDistinct != null ? leftDistinct : leftRows == null ? 1 : leftRows;
    double r = rightDistinct != null ? rightDistinct : rightRows == null ? 1 : rightRows;
    if (leftDistinct == null && rightDistinct == null) {
      l = r = Math.max(l, r);
    }
    return residual / Math.max(1.0, Math.max(l, r));
  }

  /** Distinct counts of stored tables' columns. */
  public static final class DistinctRowCount extends RelMdDistinctRowCount {
    @Override
    public @Nullable Double getDistinctRowCount(TableScan scan, RelMetadataQuery mq, ImmutableBitSet groupKey,
        @Nullable RexNode predicate) {
      TableStatistics stats = statistics(scan);
      if (stats == null) {
        return super.getDistinctRowCount(scan, mq, groupKey, predicate);
      }
      if (groupKey.isEmpty()) {
        return 1.0;
      }
      double distinct = 1.0;
      for (int c : groupKey) {
        TableStatistics.ColumnStatistics column = stats.column(c);
        if (!column.hasDistinct()) {
          return null;
        }
        // NULL is one more group
        distinct *= column.distinct() + (column.nullCount() > 0 ? 1 : 0);
      }
      distinct = Math.min(distinct, Math.max(1.0, stats.rowCount()));
      if (predicate == null || predicate.isAlwaysTrue()) {
        return distinct;
      }
      double kept = stats.rowCount() * new PredicateSelectivity(stats, scan.getCluster().getRexBuilder()).of(
          RelOptUtil.conjunctions(predicate).isEmpty() ? null : predicate);
      return RelMdUtil.numDistinctVals(distinct, kept);
    }
  }
}
