package dev.blueshift.coordinator.plan;

import dev.blueshift.coordinator.plan.stats.StatisticsMetadata;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.tools.RelBuilder;

/**
 * Logical rewrites before distribution planning, in phases: subqueries become joins (and are
 * decorrelated), expressions are simplified and filters pushed down to the scans, joins are
 * reordered by estimated cardinality, unused columns are trimmed so exchanges ship only what later
 * operators read.
 */
final class LogicalOptimizer {
  private LogicalOptimizer() {}

  static RelNode optimize(RelNode rel) {
    StatisticsMetadata.install(rel);
    RelBuilder relBuilder = RelFactories.LOGICAL_BUILDER.create(rel.getCluster(), null);
    rel = hep(rel, List.of(
        CoreRules.FILTER_SUB_QUERY_TO_CORRELATE,
        CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
        CoreRules.JOIN_SUB_QUERY_TO_CORRELATE,
        CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW));
    rel = RelDecorrelator.decorrelateQuery(rel, relBuilder);
    rel = pullCommonFactors(rel);
    rel = hep(rel, List.of(
        CoreRules.UNION_TO_DISTINCT,
        CoreRules.INTERSECT_TO_DISTINCT,
        CoreRules.MINUS_TO_DISTINCT,
        CoreRules.AGGREGATE_EXPAND_DISTINCT_AGGREGATES_TO_JOIN));
    rel = hep(rel, simplification());
    rel = joinOrder(rel);
    rel = new RelFieldTrimmer(null, relBuilder).trim(rel);
    rel = hep(rel, simplification());
    return sum0AsCoalescedSum(filtersIntoArguments(rel));
  }

  /**
   * {@code $SUM0(x)} (a COUNT split by the distinct-aggregate rewrite, for one) becomes
   * {@code COALESCE(SUM(x), 0)}: over no rows — a global aggregate of an empty input — it is 0,
   * as a COUNT must be, where SUM is NULL. Workers then know one SUM.
   */
  private static RelNode sum0AsCoalescedSum(RelNode rel) {
    return rel.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        RelNode node = super.visit(other);
        if (!(node instanceof LogicalAggregate agg)
            || agg.getAggCallList().stream().noneMatch(c -> c.getAggregation().getKind() == SqlKind.SUM0)) {
          return node;
        }
        RexBuilder rexBuilder = agg.getCluster().getRexBuilder();
        List<AggregateCall> calls = new java.util.ArrayList<>();
        for (AggregateCall c : agg.getAggCallList()) {
          calls.add(c.getAggregation().getKind() != SqlKind.SUM0 ? c
              : AggregateCall.create(SqlStdOperatorTable.SUM, c.isDistinct(), c.isApproximate(), c.ignoreNulls(),
                  c.getArgList(), c.filterArg, c.distinctKeys, c.collation, agg.getGroupCount(), agg.getInput(),
                  null, c.getName())); // SUM's own type: nullable for a global aggregate, as Aggregate checks
        }
        RelNode summed = agg.copy(agg.getTraitSet(), agg.getInput(), agg.getGroupSet(), agg.getGroupSets(), calls);
        List<RexNode> exprs = new java.util.ArrayList<>();
        int groups = agg.getGroupCount();
        for (int i = 0; i < agg.getRowType().getFieldCount(); i++) {
          RexNode ref = rexBuilder.makeInputRef(summed, i);
          if (i >= groups && agg.getAggCallList().get(i - groups).getAggregation().getKind()
              == SqlKind.SUM0) {
            RelDataType type = agg.getRowType().getFieldList().get(i).getType();
            ref = rexBuilder.makeCast(type, rexBuilder.makeCall(SqlStdOperatorTable.COALESCE, ref,
                rexBuilder.makeZeroLiteral(type)), true, false);
          }
          exprs.add(ref);
        }
        return RelOptUtil.createProject(summed, exprs, agg.getRowType().getFieldNames());
      }
    });
  }

  /**
   * Rewrites {@code (a AND b) OR (a AND c)} to {@code a AND (b OR c)} in filters and join
   * conditions, so a join key repeated in every branch of an OR (TPC-H Q19) becomes a hash key.
   */
  private static RelNode pullCommonFactors(RelNode rel) {
    return rel.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        RelNode node = super.visit(other);
        RexBuilder rexBuilder = node.getCluster().getRexBuilder();
        if (node instanceof LogicalFilter f) {
          return f.copy(f.getTraitSet(), f.getInput(), RexUtil.pullFactors(rexBuilder, f.getCondition()));
        }
        if (node instanceof LogicalJoin j) {
          return j.copy(j.getTraitSet(), RexUtil.pullFactors(rexBuilder, j.getCondition()), j.getLeft(), j.getRight(),
              j.getJoinType(), j.isSemiJoinDone());
        }
        return node;
      }
    });
  }

  /**
   * {@code agg(x) FILTER (WHERE f)} becomes {@code agg(CASE WHEN f THEN x END)} (and
   * {@code COUNT(*) FILTER (WHERE f)} counts {@code CASE WHEN f THEN 1 END}): aggregates ignore
   * NULLs, so the workers need no notion of filters. INTERSECT/EXCEPT rewrites produce these.
   */
  private static RelNode filtersIntoArguments(RelNode rel) {
    return rel.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        RelNode node = super.visit(other);
        if (!(node instanceof LogicalAggregate agg) || agg.getAggCallList().stream().allMatch(c -> c.filterArg < 0)) {
          return node;
        }
        RexBuilder rexBuilder = agg.getCluster().getRexBuilder();
        RelNode input = agg.getInput();
        List<RexNode> exprs = new java.util.ArrayList<>(rexBuilder.identityProjects(input.getRowType()));
        List<AggregateCall> calls = new java.util.ArrayList<>();
        for (AggregateCall call : agg.getAggCallList()) {
          if (call.filterArg < 0) {
            calls.add(call);
            continue;
          }
          RexNode condition = rexBuilder.makeInputRef(input, call.filterArg);
          RexNode value = call.getArgList().isEmpty()
              ? rexBuilder.makeLiteral(1, agg.getCluster().getTypeFactory().createSqlType(SqlTypeName.INTEGER))
              : rexBuilder.makeInputRef(input, call.getArgList().get(0));
          RexNode guarded = rexBuilder.makeCall(SqlStdOperatorTable.CASE, condition, value,
              rexBuilder.makeNullLiteral(value.getType()));
          exprs.add(guarded);
          List<Integer> args = new java.util.ArrayList<>(call.getArgList());
          if (args.isEmpty()) {
            args.add(exprs.size() - 1);
          } else {
            args.set(0, exprs.size() - 1);
          }
          calls.add(call.withFilter(-1).withArgList(args));
        }
        List<String> names = new java.util.ArrayList<>(input.getRowType().getFieldNames());
        while (names.size() < exprs.size()) {
          names.add("$filtered" + names.size());
        }
        RelNode project = RelOptUtil.createProject(input, exprs, names);
        return agg.copy(agg.getTraitSet(), project, agg.getGroupSet(), agg.getGroupSets(), calls);
      }
    });
  }

  private static List<RelOptRule> simplification() {
    return List.of(
        CoreRules.FILTER_REDUCE_EXPRESSIONS,
        CoreRules.PROJECT_REDUCE_EXPRESSIONS,
        CoreRules.JOIN_REDUCE_EXPRESSIONS,
        CoreRules.FILTER_INTO_JOIN,
        CoreRules.JOIN_CONDITION_PUSH,
        CoreRules.JOIN_PUSH_EXPRESSIONS,
        CoreRules.FILTER_PROJECT_TRANSPOSE,
        CoreRules.FILTER_AGGREGATE_TRANSPOSE,
        CoreRules.FILTER_SET_OP_TRANSPOSE,
        CoreRules.FILTER_MERGE,
        CoreRules.PROJECT_MERGE,
        CoreRules.PROJECT_REMOVE,
        CoreRules.AGGREGATE_PROJECT_MERGE,
        CoreRules.UNION_MERGE);
  }

  /** Greedy join ordering over each tree of inner joins (Calcite's LoptOptimizeJoinRule). */
  private static RelNode joinOrder(RelNode rel) {
    HepProgramBuilder toMultiJoin = new HepProgramBuilder()
        .addMatchOrder(HepMatchOrder.BOTTOM_UP)
        .addRuleInstance(CoreRules.JOIN_TO_MULTI_JOIN)
        .addRuleInstance(CoreRules.PROJECT_MULTI_JOIN_MERGE)
        .addRuleInstance(CoreRules.FILTER_MULTI_JOIN_MERGE);
    rel = run(rel, toMultiJoin);
    return run(rel, new HepProgramBuilder().addRuleInstance(CoreRules.MULTI_JOIN_OPTIMIZE));
  }

  private static RelNode hep(RelNode rel, List<RelOptRule> rules) {
    HepProgramBuilder program = new HepProgramBuilder();
    rules.forEach(program::addRuleInstance);
    return run(rel, program);
  }

  private static RelNode run(RelNode rel, HepProgramBuilder program) {
    HepPlanner planner = new HepPlanner(program.build());
    planner.setRoot(rel);
    return planner.findBestExp();
  }
}
