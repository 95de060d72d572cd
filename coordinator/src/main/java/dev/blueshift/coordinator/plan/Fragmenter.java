package dev.blueshift.coordinator.plan;

import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.engine.ResultColumn;
import dev.blueshift.coordinator.system.SystemTables;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.AggCall;
import dev.blueshift.protocol.AggPhase;
import dev.blueshift.protocol.Aggregate;
import dev.blueshift.protocol.Column;
import dev.blueshift.protocol.ExchangeKind;
import dev.blueshift.protocol.ExchangeSource;
import dev.blueshift.protocol.Expand;
import dev.blueshift.protocol.Expr;
import dev.blueshift.protocol.Filter;
import dev.blueshift.protocol.HashJoin;
import dev.blueshift.protocol.JoinType;
import dev.blueshift.protocol.Limit;
import dev.blueshift.protocol.PlanNode;
import dev.blueshift.protocol.Project;
import dev.blueshift.protocol.Sort;
import dev.blueshift.protocol.SortKey;
import dev.blueshift.protocol.TableScan;
import dev.blueshift.protocol.UnionAll;
import dev.blueshift.protocol.Values;
import dev.blueshift.protocol.Window;
import dev.blueshift.protocol.WindowCall;
import dev.blueshift.protocol.WindowFrame;
import dev.blueshift.protocol.catalog.DistStyle;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.agg.AggregateFunctions;
import dev.blueshift.worker.types.ProtoTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Turns an optimized logical plan into a distributed one: chooses where each operator runs from
 * the tables' distribution, inserts exchanges where distributions don't match (co-located,
 * broadcast or redistributed joins; two-phase aggregation with a HASH exchange on the group keys;
 * local top-N + gather + merge for ORDER BY; a final GATHER to the coordinator) and cuts the plan
 * into fragments at the exchanges.
 */
public final class Fragmenter {
  /**
   * A planned subtree: its operators, its output, where it runs and how its rows are spread.
   *
   * @param hashKeys for ALL_SLICES: the columns whose {@code RowKeys} hash placed each row on its
   *     slice (empty: spread arbitrarily)
   * @param replicable a SINGLE part that reads only DISTSTYLE ALL tables and constants, so every
   *     slice can compute the whole of it from its own worker's copies
   * @param rows estimated row count
   */
  record Part(PlanNode node, List<Column> output, Placement placement, List<Integer> hashKeys, boolean replicable,
      List<TableSnapshot> tables, double rows) {

    Part withNode(PlanNode n, List<Column> out, List<Integer> keys, double estimate) {
      return new Part(n, out, placement, keys, replicable, tables, estimate);
    }

    boolean single() {
      return placement != Placement.ALL_SLICES;
    }
  }

  private final RexToProto rex;
  private final int totalSlices;
  private final List<FragmentPlan> fragments = new ArrayList<>();
  private final Map<Integer, Integer> consumerOf = new HashMap<>();
  private RelMetadataQuery metadata;
  private int nextExchange = 1;
  private int nextFragment = 1;

  public Fragmenter(RexToProto rex, int totalSlices) {
    this.rex = rex;
    this.totalSlices = totalSlices;
  }

  public DistributedPlan plan(RelNode rel, List<String> names) {
    metadata = rel.getCluster().getMetadataQuery();
    Part top = convert(rel);
    List<ResultColumn> columns = new ArrayList<>();
    for (int i = 0; i < top.output().size(); i++) {
      Column c = top.output().get(i);
      columns.add(new ResultColumn(names.get(i), ProtoTypes.fromProto(c.getType()), c.getType().getNullable()));
    }
    if (!top.single() || !top.tables().isEmpty()) {
      top = exchange(top, ExchangeKind.GATHER, List.of(), Placement.SINGLE);
    }
    FragmentPlan root = cut(top, 0, Placement.COORDINATOR, null, List.of(), -1);
    return new DistributedPlan(List.copyOf(fragments), root, Map.copyOf(consumerOf), columns);
  }

  private Part convert(RelNode rel) {
    if (SystemTables.isSystem(rel)) {
      PlanNode values = SystemTables.valuesNode(rel);
      return new Part(values, SystemTables.output(values), Placement.SINGLE, List.of(), true, List.of(), rows(rel));
    } else if (rel instanceof LogicalTableScan scan) {
      return scan(scan, null);
    } else if (rel instanceof LogicalFilter filter) {
      return filter(filter);
    } else if (rel instanceof LogicalProject project) {
      return project(project);
    } else if (rel instanceof LogicalAggregate aggregate) {
      return aggregate(aggregate);
    } else if (rel instanceof LogicalSort sort) {
      return sort(sort);
    } else if (rel instanceof LogicalValues values) {
      return values(values);
    } else if (rel instanceof LogicalJoin join) {
      return join(join);
    } else if (rel instanceof LogicalUnion union) {
      return union(union);
    } else if (rel instanceof LogicalWindow window) {
      return window(window);
    }
    String what = rel.getRelTypeName().replace("Logical", "").toLowerCase(Locale.ROOT);
    if (what.equals("correlate")) {
      what = "correlated subqueries of this shape";
    }
    throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "queries with " + what + " are not supported yet");
  }

  private double rows(RelNode rel) {
    Double r = metadata.getRowCount(rel);
    return r == null ? 1e6 : r;
  }

  // ---------- scans, with column pruning ----------

  /** A scan reading only {@code used} columns (all when null). */
  private Part scan(LogicalTableScan scan, ImmutableBitSet used) {
    TableSnapshot table = scan.getTable().unwrap(CatalogSchema.StoredTable.class).snapshot();
    TableScan.Builder b = TableScan.newBuilder().setTableId(table.id()).setTableName(table.name());
    List<Column> output = new ArrayList<>();
    List<Integer> hashKeys = new ArrayList<>();
    for (int i = 0; i < table.columnCount(); i++) {
      if (used == null || used.get(i)) {
        if (table.def().getDistStyle() == DistStyle.DIST_KEY && table.def().getDistKey() == i) {
          hashKeys.add(output.size());
        }
        b.addColumns(i);
        Column c = ProtoTypes.column(table.columnName(i), table.columnType(i), !table.def().getColumns(i).getNotNull());
        b.addOutput(c);
        output.add(c);
      }
    }
    PlanNode node = PlanNode.newBuilder().setScan(b).build();
    if (table.def().getDistStyle() == DistStyle.DIST_ALL) {
      return new Part(node, output, Placement.SINGLE, List.of(), true, List.of(table), rows(scan));
    }
    return new Part(node, output, Placement.ALL_SLICES, hashKeys, false, List.of(table), rows(scan));
  }

  private Part filter(LogicalFilter filter) {
    Part input;
    if (filter.getInput() instanceof LogicalTableScan scan && !SystemTables.isSystem(scan)) {
      input = scan(scan, ImmutableBitSet.range(scan.getRowType().getFieldCount()));
    } else {
      input = convert(filter.getInput());
    }
    return filterOver(input, rex.convert(filter.getCondition()), rows(filter));
  }

  private Part filterOver(Part input, Expr condition, double rows) {
    PlanNode node = input.node();
    if (node.hasScan()) {
      node = PlanNode.newBuilder().setScan(node.getScan().toBuilder().setBlockFilter(condition)).build();
    }
    PlanNode f = PlanNode.newBuilder().setFilter(Filter.newBuilder().setInput(node).setCondition(condition)).build();
    return input.withNode(f, input.output(), input.hashKeys(), rows);
  }

  private Part project(LogicalProject project) {
    List<RexNode> exprs = project.getProjects();
    Part input;
    RelNode in = project.getInput();
    if ((in instanceof LogicalTableScan && !SystemTables.isSystem(in))
        || (in instanceof LogicalFilter f && f.getInput() instanceof LogicalTableScan && !SystemTables.isSystem(f.getInput()))) {
      // read only the columns the projection and filter use
      ImmutableBitSet.Builder used = ImmutableBitSet.builder();
      for (RexNode e : exprs) {
        used.addAll(RelOptUtil.InputFinder.bits(e));
      }
      LogicalFilter filter = in instanceof LogicalFilter f ? f : null;
      if (filter != null) {
        used.addAll(RelOptUtil.InputFinder.bits(filter.getCondition()));
      }
      ImmutableBitSet bits = used.build();
      if (bits.isEmpty()) {
        bits = ImmutableBitSet.of(0);
      }
      LogicalTableScan scan = (LogicalTableScan) (filter != null ? filter.getInput() : in);
      int[] map = new int[scan.getRowType().getFieldCount()];
      int n = 0;
      for (int i = 0; i < map.length; i++) {
        map[i] = bits.get(i) ? n++ : -1;
      }
      input = scan(scan, bits);
      if (filter != null) {
        input = filterOver(input, rex.convert(remap(filter.getCondition(), map)), rows(filter));
      }
      List<RexNode> remapped = new ArrayList<>();
      for (RexNode e : exprs) {
        remapped.add(remap(e, map));
      }
      exprs = remapped;
    } else {
      input = convert(in);
    }
    return projectOver(input, exprs, project.getRowType().getFieldList(), rows(project));
  }

  private Part projectOver(Part input, List<RexNode> exprs, List<RelDataTypeField> fields, double rows) {
    Project.Builder p = Project.newBuilder().setInput(input.node());
    List<Column> output = new ArrayList<>();
    for (int i = 0; i < exprs.size(); i++) {
      p.addExprs(rex.convert(exprs.get(i)));
      p.addNames(fields.get(i).getName());
      output.add(column(fields.get(i)));
    }
    // the distribution survives when every hash key column is passed through
    List<Integer> hashKeys = new ArrayList<>();
    for (int key : input.hashKeys()) {
      int at = -1;
      for (int i = 0; i < exprs.size() && at < 0; i++) {
        if (exprs.get(i) instanceof RexInputRef ref && ref.getIndex() == key) {
          at = i;
        }
      }
      if (at < 0) {
        hashKeys = List.of();
        break;
      }
      hashKeys.add(at);
    }
    return input.withNode(PlanNode.newBuilder().setProject(p).build(), output, hashKeys, rows);
  }

  private static RexNode remap(RexNode e, int[] map) {
    return e.accept(new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return new RexInputRef(map[ref.getIndex()], ref.getType());
      }
    });
  }

  private static Column column(RelDataTypeField f) {
    return ProtoTypes.column(f.getName(), CalciteTypes.fromCalcite(f.getType()), f.getType().isNullable());
  }

  private static List<Column> columns(RelNode rel) {
    List<Column> out = new ArrayList<>();
    for (RelDataTypeField f : rel.getRowType().getFieldList()) {
      out.add(column(f));
    }
    return out;
  }

  // ---------- joins ----------

  private Part join(LogicalJoin join) {
    JoinType type = switch (join.getJoinType()) {
      case INNER -> JoinType.JOIN_INNER;
      case LEFT -> JoinType.JOIN_LEFT;
      case RIGHT -> JoinType.JOIN_RIGHT;
      case FULL -> JoinType.JOIN_FULL;
      case SEMI -> JoinType.JOIN_SEMI;
      case ANTI -> JoinType.JOIN_ANTI;
      default -> throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED,
          join.getJoinType() + " joins are not supported yet");
    };
    JoinInfo info = JoinInfo.of(join.getLeft(), join.getRight(), join.getCondition());
    List<Integer> leftKeys = info.leftKeys;
    List<Integer> rightKeys = info.rightKeys;
    RexNode residual = RexUtil.composeConjunction(join.getCluster().getRexBuilder(), info.nonEquiConditions);
    Part left = convert(join.getLeft());
    Part right = convert(join.getRight());

    JoinDistribution d = JoinDistribution.choose(left, right, type, leftKeys, rightKeys, totalSlices);
    switch (d.leftMove()) {
      case REPLICATE -> left = replicate(left);
      case BROADCAST -> left = exchange(left, ExchangeKind.BROADCAST, List.of(), Placement.ALL_SLICES);
      case HASH -> left = exchange(left, ExchangeKind.HASH, d.leftHash(), Placement.ALL_SLICES);
      case GATHER -> left = exchange(left, ExchangeKind.GATHER, List.of(), Placement.SINGLE);
      case NONE -> { }
    }
    switch (d.rightMove()) {
      case REPLICATE -> right = replicate(right);
      case BROADCAST -> right = exchange(right, ExchangeKind.BROADCAST, List.of(), Placement.ALL_SLICES);
      case HASH -> right = exchange(right, ExchangeKind.HASH, d.rightHash(), Placement.ALL_SLICES);
      case GATHER -> right = exchange(right, ExchangeKind.GATHER, List.of(), Placement.SINGLE);
      case NONE -> { }
    }

    List<Column> output = columns(join);
    HashJoin.Builder b = HashJoin.newBuilder().setLeft(left.node()).setRight(right.node()).setType(type)
        .addAllLeftKeys(leftKeys).addAllRightKeys(rightKeys).setBuildLeft(d.buildLeft()).addAllOutput(output)
        .setDistribution(d.strategy().name());
    for (boolean excludesNulls : info.nullExclusionFlags) {
      b.addNullSafe(!excludesNulls);
    }
    if (!residual.isAlwaysTrue()) {
      b.setCondition(rex.convert(residual));
    }
    List<TableSnapshot> tables = new ArrayList<>(left.tables());
    tables.addAll(right.tables());
    Placement placement = d.single() ? Placement.SINGLE : Placement.ALL_SLICES;
    boolean replicable = d.single() && left.replicable() && right.replicable();
    return new Part(PlanNode.newBuilder().setJoin(b).build(), output, placement,
        d.single() ? List.of() : outputHashKeys(type, left, right), replicable, tables, rows(join));
  }

  /**
   * The columns the join's output is hash-distributed on: the preserved side's keys, since the
   * other side's columns may be NULL-padded (a NULL must not look like a placed value).
   */
  private static List<Integer> outputHashKeys(JoinType type, Part left, Part right) {
    List<Integer> shiftedRight = new ArrayList<>();
    for (int k : right.hashKeys()) {
      shiftedRight.add(k + left.output().size());
    }
    return switch (type) {
      case JOIN_INNER -> left.hashKeys().isEmpty() ? shiftedRight : left.hashKeys();
      case JOIN_LEFT, JOIN_SEMI, JOIN_ANTI -> left.hashKeys();
      case JOIN_RIGHT -> shiftedRight;
      default -> List.of();
    };
  }

  /** A replicable single part run on every slice instead: each slice computes all of it. */
  private static Part replicate(Part part) {
    return new Part(part.node(), part.output(), Placement.ALL_SLICES, List.of(), false, part.tables(), part.rows());
  }

  // ---------- window functions ----------

  /**
   * Each group of window calls: rows of a partition brought to one slice (HASH on the partition
   * keys, or everything to one node without PARTITION BY), sorted, then the calls computed.
   */
  private Part window(LogicalWindow window) {
    Part part = convert(window.getInput());
    int inputCount = window.getInput().getRowType().getFieldCount();
    List<RelDataTypeField> outFields = window.getRowType().getFieldList();
    int next = inputCount;
    for (org.apache.calcite.rel.core.Window.Group group : window.groups) {
      List<Integer> partition = group.keys.asList();
      if (!part.single()) {
        if (partition.isEmpty()) {
          part = exchange(part, ExchangeKind.GATHER, List.of(), Placement.SINGLE);
        } else if (part.hashKeys().isEmpty() || !partition.containsAll(part.hashKeys())) {
          part = exchange(part, ExchangeKind.HASH, partition, Placement.ALL_SLICES);
        }
      }
      List<SortKey> orderKeys = new ArrayList<>();
      for (RelFieldCollation fc : group.orderKeys.getFieldCollations()) {
        orderKeys.add(sortKey(fc));
      }
      List<SortKey> sortKeys = new ArrayList<>();
      for (int k : partition) {
        sortKeys.add(SortKey.newBuilder().setColumn(k).build());
      }
      sortKeys.addAll(orderKeys);
      PlanNode input = sortKeys.isEmpty() ? part.node() : sortOrLimit(part.node(), sortKeys, 0, -1);
      List<Column> output = new ArrayList<>(part.output());
      Window.Builder w = Window.newBuilder().addAllPartitionKeys(partition).addAllOrderKeys(orderKeys);
      WindowFrame frame = frame(group, window, inputCount);
      for (org.apache.calcite.rel.core.Window.RexWinAggCall call : group.aggCalls) {
        RelDataTypeField field = outFields.get(next++);
        WindowCall.Builder c = WindowCall.newBuilder().setFunction(windowFunction(call)).setName(field.getName())
            .setType(ProtoTypes.toProto(CalciteTypes.fromCalcite(field.getType()), field.getType().isNullable()))
            .setFrame(frame);
        for (RexNode operand : call.getOperands()) {
          c.addOperands(rex.convert(constantOrRef(operand, window, inputCount)));
        }
        w.addCalls(c);
        output.add(column(field));
      }
      w.setInput(input).addAllOutput(output);
      part = part.withNode(PlanNode.newBuilder().setWindow(w).build(), output, part.hashKeys(), part.rows());
    }
    return part;
  }

  private static String windowFunction(org.apache.calcite.rel.core.Window.RexWinAggCall call) {
    if (call.distinct) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "DISTINCT in window aggregates is not supported yet");
    }
    String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "$sum0" -> "sum0";
      case "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value",
          "last_value", "nth_value", "count", "sum", "avg", "min", "max" -> name;
      default -> throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED,
          "window function " + name + " is not supported yet");
    };
  }

  /** A window operand: an input column, or one of the window's constants as a literal. */
  private static RexNode constantOrRef(RexNode operand, LogicalWindow window, int inputCount) {
    if (operand instanceof RexInputRef ref && ref.getIndex() >= inputCount) {
      return window.constants.get(ref.getIndex() - inputCount);
    }
    return operand;
  }

  private static WindowFrame frame(org.apache.calcite.rel.core.Window.Group group, LogicalWindow window, int inputCount) {
    WindowFrame.Builder f = WindowFrame.newBuilder().setRows(group.isRows);
    RexWindowBound lower = group.lowerBound;
    RexWindowBound upper = group.upperBound;
    f.setStartUnbounded(lower.isUnbounded() && lower.isPreceding());
    f.setEndUnbounded(upper.isUnbounded() && upper.isFollowing());
    f.setStartOffset(offset(lower, group.isRows, window, inputCount));
    f.setEndOffset(offset(upper, group.isRows, window, inputCount));
    if ((lower.isUnbounded() && lower.isFollowing()) || (upper.isUnbounded() && upper.isPreceding())) {
      throw new BlueshiftException(SqlState.SYNTAX_ERROR, "frame start cannot be UNBOUNDED FOLLOWING");
    }
    return f.build();
  }

  private static long offset(RexWindowBound bound, boolean rows, LogicalWindow window, int inputCount) {
    if (bound.isUnbounded() || bound.isCurrentRow()) {
      return 0;
    }
    if (!rows) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "RANGE frames with offsets are not supported yet");
    }
    RexNode offset = constantOrRef(bound.getOffset(), window, inputCount);
    long n = ((RexLiteral) offset).getValueAs(Long.class);
    return bound.isPreceding() ? -n : n;
  }

  // ---------- set operations ----------

  private Part union(LogicalUnion union) {
    if (!union.all) {
      throw new BlueshiftException(SqlState.INTERNAL_ERROR, "UNION should have been rewritten to UNION ALL");
    }
    List<Part> inputs = new ArrayList<>();
    boolean distributed = false;
    for (RelNode in : union.getInputs()) {
      Part p = convert(in);
      distributed |= !p.single();
      inputs.add(p);
    }
    List<Column> output = columns(union);
    UnionAll.Builder b = UnionAll.newBuilder().addAllOutput(output);
    List<TableSnapshot> tables = new ArrayList<>();
    boolean replicable = true;
    for (Part p : inputs) {
      if (distributed && p.single()) {
        p = exchange(p, ExchangeKind.ROUND_ROBIN, List.of(), Placement.ALL_SLICES);
      }
      b.addInputs(p.node());
      tables.addAll(p.tables());
      replicable &= p.replicable();
    }
    return new Part(PlanNode.newBuilder().setUnionAll(b).build(), output,
        distributed ? Placement.ALL_SLICES : Placement.SINGLE, List.of(), !distributed && replicable, tables, rows(union));
  }

  // ---------- aggregation ----------

  /**
   * An aggregate. Calls that are constant per group (LITERAL_AGG from subquery rewrites, and
   * GROUPING()/GROUP_ID() of grouping sets) are computed by a projection on top. GROUPING SETS,
   * ROLLUP and CUBE expand each input row once per set and group by (all keys, set index).
   */
  private Part aggregate(LogicalAggregate agg) {
    boolean sets = agg.getGroupType() != org.apache.calcite.rel.core.Aggregate.Group.SIMPLE;
    Part input = convert(agg.getInput());
    List<Integer> keys = agg.getGroupSet().asList();
    List<RelDataTypeField> outFields = agg.getRowType().getFieldList();
    var rexBuilder = agg.getCluster().getRexBuilder();
    List<Integer> physicalKeys = new ArrayList<>(keys);
    List<Column> physicalOutput = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      physicalOutput.add(column(outFields.get(k)));
    }
    RexNode gid = null;
    if (sets) {
      input = expand(input, keys, agg.getGroupSets(), agg.getGroupSet());
      physicalKeys.add(input.output().size() - 1);
      physicalOutput.add(input.output().get(input.output().size() - 1));
      gid = rexBuilder.makeInputRef(agg.getCluster().getTypeFactory().createSqlType(
          org.apache.calcite.sql.type.SqlTypeName.BIGINT), keys.size());
    }
    List<AggCall> calls = new ArrayList<>();
    List<RexNode> post = new ArrayList<>();
    for (int c = 0; c < agg.getAggCallList().size(); c++) {
      AggregateCall call = agg.getAggCallList().get(c);
      RelDataTypeField field = outFields.get(keys.size() + c);
      switch (call.getAggregation().getKind()) {
        case LITERAL_AGG -> post.add(rexBuilder.makeCast(field.getType(), call.rexList.get(0), true, false));
        case GROUPING, GROUPING_ID, GROUP_ID -> post.add(groupingValue(call, agg, gid, field));
        default -> {
          post.add(null);
          calls.add(aggCall(call, agg.getInput(), field.getName()));
          physicalOutput.add(column(field));
        }
      }
    }
    Part result = aggregateParts(input, physicalKeys, calls, physicalOutput, rows(agg));
    if (calls.size() == post.size() && !sets) {
      return result;
    }
    List<RexNode> exprs = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      exprs.add(rexBuilder.makeInputRef(outFields.get(k).getType(), k));
    }
    int next = physicalKeys.size();
    for (int c = 0; c < post.size(); c++) {
      exprs.add(post.get(c) != null ? post.get(c)
          : rexBuilder.makeInputRef(outFields.get(keys.size() + c).getType(), next++));
    }
    return projectOver(result, exprs, outFields, rows(agg));
  }

  /** The input once per grouping set, keys outside the set NULL, plus the set index. */
  private Part expand(Part input, List<Integer> keys, List<ImmutableBitSet> groupSets, ImmutableBitSet all) {
    Expand.Builder e = Expand.newBuilder().setInput(input.node());
    for (ImmutableBitSet set : groupSets) {
      Expand.KeySet.Builder ks = Expand.KeySet.newBuilder();
      for (int k : all.except(set)) {
        ks.addNulled(k);
      }
      e.addSets(ks);
    }
    List<Column> output = new ArrayList<>();
    for (int c = 0; c < input.output().size(); c++) {
      Column col = input.output().get(c);
      output.add(keys.contains(c) ? col.toBuilder().setType(col.getType().toBuilder().setNullable(true)).build() : col);
    }
    output.add(ProtoTypes.column("$grouping_set", SqlType.BIGINT, false));
    e.addAllOutput(output);
    return input.withNode(PlanNode.newBuilder().setExpand(e).build(), output, List.of(), input.rows() * groupSets.size());
  }

  /** GROUPING(...), GROUPING_ID(...) or GROUP_ID() as a CASE over the grouping-set index. */
  private static RexNode groupingValue(AggregateCall call, LogicalAggregate agg, RexNode gid, RelDataTypeField field) {
    var rexBuilder = agg.getCluster().getRexBuilder();
    List<ImmutableBitSet> sets = agg.getGroupSets();
    List<RexNode> operands = new ArrayList<>();
    for (int i = 0; i < sets.size(); i++) {
      long value = 0;
      if (call.getAggregation().getKind() == SqlKind.GROUP_ID) {
        for (int j = 0; j < i; j++) {
          value += sets.get(j).equals(sets.get(i)) ? 1 : 0;
        }
      } else {
        for (int arg : call.getArgList()) {
          value = (value << 1) | (sets.get(i).get(arg) ? 0 : 1);
        }
      }
      RexNode literal = rexBuilder.makeExactLiteral(java.math.BigDecimal.valueOf(value), field.getType());
      if (gid == null) {
        return literal;
      }
      if (i < sets.size() - 1) {
        operands.add(rexBuilder.makeCall(org.apache.calcite.sql.fun.SqlStdOperatorTable.EQUALS, gid,
            rexBuilder.makeBigintLiteral(java.math.BigDecimal.valueOf(i))));
      }
      operands.add(literal);
    }
    return operands.size() == 1 ? operands.get(0)
        : rexBuilder.makeCall(field.getType(), org.apache.calcite.sql.fun.SqlStdOperatorTable.CASE, operands);
  }

  private Part aggregateParts(Part input, List<Integer> keys, List<AggCall> calls, List<Column> finalOutput, double rows) {
    boolean colocated = !input.single() && !input.hashKeys().isEmpty() && keys.containsAll(input.hashKeys());
    if (input.single() || colocated) {
      List<Integer> hash = new ArrayList<>();
      if (colocated) {
        for (int k : input.hashKeys()) {
          hash.add(keys.indexOf(k));
        }
      }
      return input.withNode(aggregateNode(input.node(), keys, calls, AggPhase.AGG_PHASE_SINGLE), finalOutput, hash, rows);
    }
    // phase 1 on every slice
    List<Column> partialOutput = new ArrayList<>(finalOutput.subList(0, keys.size()));
    for (AggCall call : calls) {
      List<SqlType> states = AggregateFunctions.stateTypes(call);
      for (int s = 0; s < states.size(); s++) {
        partialOutput.add(ProtoTypes.column(call.getName() + "$" + s, states.get(s), true));
      }
    }
    Part partial = input.withNode(aggregateNode(input.node(), keys, calls, AggPhase.AGG_PHASE_PARTIAL), partialOutput,
        List.of(), rows);
    List<Integer> finalKeys = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      finalKeys.add(k);
    }
    // phase 2: by group key on every slice, or on one node for a global aggregate
    Part exchanged = keys.isEmpty()
        ? exchange(partial, ExchangeKind.GATHER, List.of(), Placement.SINGLE)
        : exchange(partial, ExchangeKind.HASH, finalKeys, Placement.ALL_SLICES);
    return exchanged.withNode(aggregateNode(exchanged.node(), finalKeys, calls, AggPhase.AGG_PHASE_FINAL), finalOutput,
        keys.isEmpty() ? List.of() : finalKeys, rows);
  }

  private static PlanNode aggregateNode(PlanNode input, List<Integer> keys, List<AggCall> calls, AggPhase phase) {
    return PlanNode.newBuilder().setAggregate(Aggregate.newBuilder()
        .setInput(input).addAllGroupKeys(keys).addAllCalls(calls).setPhase(phase)).build();
  }

  private static AggCall aggCall(AggregateCall call, RelNode input, String name) {
    if (call.isDistinct()) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "DISTINCT aggregates are not supported yet");
    }
    if (call.filterArg >= 0) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "FILTER on aggregates is not supported yet");
    }
    String fn = switch (call.getAggregation().getKind()) {
      case COUNT -> "count";
      case SUM, SUM0 -> "sum";
      case AVG -> "avg";
      case MIN -> "min";
      case MAX -> "max";
      default -> throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED,
          "aggregate function " + call.getAggregation().getName() + " is not supported yet");
    };
    AggCall.Builder b = AggCall.newBuilder().setFunction(fn).setName(name)
        .setType(ProtoTypes.toProto(CalciteTypes.fromCalcite(call.getType()), call.getType().isNullable()));
    if (!call.getArgList().isEmpty()) {
      int arg = call.getArgList().get(0);
      b.addArgs(arg);
      var argType = input.getRowType().getFieldList().get(arg).getType();
      b.setArgType(ProtoTypes.toProto(CalciteTypes.fromCalcite(argType), argType.isNullable()));
    }
    return b.build();
  }

  // ---------- sort, limit, values ----------

  private Part sort(LogicalSort sort) {
    Part input = convert(sort.getInput());
    long offset = sort.offset == null ? 0 : ((RexLiteral) sort.offset).getValueAs(Long.class);
    long fetch = sort.fetch == null ? -1 : ((RexLiteral) sort.fetch).getValueAs(Long.class);
    List<SortKey> keys = new ArrayList<>();
    for (RelFieldCollation fc : sort.getCollation().getFieldCollations()) {
      keys.add(sortKey(fc));
    }
    if (!input.single()) {
      // top-N (or the whole sort) on every slice, then a final sort of the gathered runs
      long localFetch = fetch < 0 ? -1 : offset + fetch;
      PlanNode local = sortOrLimit(input.node(), keys, 0, localFetch);
      input = exchange(input.withNode(local, input.output(), input.hashKeys(), input.rows()),
          ExchangeKind.GATHER, List.of(), Placement.SINGLE);
    }
    return input.withNode(sortOrLimit(input.node(), keys, offset, fetch), input.output(), List.of(), rows(sort));
  }

  /** A sort key with PostgreSQL's default NULL placement: NULLs sort as larger than any value. */
  private static SortKey sortKey(RelFieldCollation fc) {
    boolean desc = fc.getDirection().isDescending();
    boolean nullsFirst = switch (fc.nullDirection) {
      case FIRST -> true;
      case LAST -> false;
      default -> desc;
    };
    return SortKey.newBuilder().setColumn(fc.getFieldIndex()).setDescending(desc).setNullsFirst(nullsFirst).build();
  }

  private static PlanNode sortOrLimit(PlanNode input, List<SortKey> keys, long offset, long fetch) {
    return keys.isEmpty()
        ? PlanNode.newBuilder().setLimit(Limit.newBuilder().setInput(input).setOffset(offset).setFetch(fetch)).build()
        : PlanNode.newBuilder().setSort(Sort.newBuilder().setInput(input).addAllKeys(keys).setOffset(offset).setFetch(fetch)).build();
  }

  private Part values(LogicalValues values) {
    Values.Builder b = Values.newBuilder();
    List<Column> output = columns(values);
    b.addAllOutput(output);
    for (var tuple : values.getTuples()) {
      Values.Row.Builder row = Values.Row.newBuilder();
      for (RexLiteral lit : tuple) {
        row.addValues(rex.convert(lit).getLiteral());
      }
      b.addRows(row);
    }
    return new Part(PlanNode.newBuilder().setValues(b).build(), output, Placement.SINGLE, List.of(), true, List.of(),
        values.getTuples().size());
  }

  // ---------- exchanges and fragments ----------

  /** Cuts {@code producer} into a fragment sending to a new exchange read by the returned part. */
  private Part exchange(Part producer, ExchangeKind kind, List<Integer> hashKeys, Placement consumerPlacement) {
    int exchangeId = nextExchange++;
    cut(producer, nextFragment++, producer.placement(), kind, hashKeys, exchangeId);
    int producers = producer.placement() == Placement.ALL_SLICES ? totalSlices : 1;
    PlanNode source = PlanNode.newBuilder().setExchangeSource(ExchangeSource.newBuilder()
        .setExchangeId(exchangeId).addAllOutput(producer.output()).setProducerCount(producers)).build();
    List<Integer> consumerHash = kind == ExchangeKind.HASH ? hashKeys : List.of();
    return new Part(source, producer.output(), consumerPlacement, consumerHash, false, List.of(), producer.rows());
  }

  private FragmentPlan cut(Part part, int id, Placement placement, ExchangeKind kind, List<Integer> hashKeys, int exchangeId) {
    FragmentPlan f = new FragmentPlan(id, part.node(), placement, kind, hashKeys, exchangeId, part.tables());
    fragments.add(f);
    registerSources(part.node(), id);
    return f;
  }

  private void registerSources(PlanNode node, int fragmentId) {
    switch (node.getNodeCase()) {
      case EXCHANGE_SOURCE -> consumerOf.put(node.getExchangeSource().getExchangeId(), fragmentId);
      case FILTER -> registerSources(node.getFilter().getInput(), fragmentId);
      case PROJECT -> registerSources(node.getProject().getInput(), fragmentId);
      case AGGREGATE -> registerSources(node.getAggregate().getInput(), fragmentId);
      case SORT -> registerSources(node.getSort().getInput(), fragmentId);
      case LIMIT -> registerSources(node.getLimit().getInput(), fragmentId);
      case JOIN -> {
        registerSources(node.getJoin().getLeft(), fragmentId);
        registerSources(node.getJoin().getRight(), fragmentId);
      }
      case UNION_ALL -> node.getUnionAll().getInputsList().forEach(n -> registerSources(n, fragmentId));
      case WINDOW -> registerSources(node.getWindow().getInput(), fragmentId);
      case EXPAND -> registerSources(node.getExpand().getInput(), fragmentId);
      default -> { }
    }
  }
}
