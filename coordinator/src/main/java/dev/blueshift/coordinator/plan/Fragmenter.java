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
import dev.blueshift.protocol.Expr;
import dev.blueshift.protocol.Filter;
import dev.blueshift.protocol.Limit;
import dev.blueshift.protocol.PlanNode;
import dev.blueshift.protocol.Project;
import dev.blueshift.protocol.Sort;
import dev.blueshift.protocol.SortKey;
import dev.blueshift.protocol.TableScan;
import dev.blueshift.protocol.Values;
import dev.blueshift.protocol.catalog.DistStyle;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.agg.AggregateFunctions;
import dev.blueshift.worker.types.ProtoTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Turns an optimized logical plan into a distributed one: chooses where each operator runs from
 * the tables' distribution, inserts exchanges where distributions don't match (two-phase
 * aggregation with a HASH exchange on the group keys, local sort + gather + merge for ORDER BY,
 * a final GATHER to the coordinator) and cuts the plan into fragments at the exchanges.
 */
public final class Fragmenter {
  /** A planned subtree: its operators, its output, where it runs and how its rows are spread. */
  private record Part(PlanNode node, List<Column> output, Placement placement, int hashColumn, List<TableSnapshot> tables) {}

  private final RexToProto rex;
  private final int totalSlices;
  private final List<FragmentPlan> fragments = new ArrayList<>();
  private final Map<Integer, Integer> consumerOf = new HashMap<>();
  private int nextExchange = 1;
  private int nextFragment = 1;

  public Fragmenter(RexToProto rex, int totalSlices) {
    this.rex = rex;
    this.totalSlices = totalSlices;
  }

  public DistributedPlan plan(RelNode rel, List<String> names) {
    Part top = toCoordinator(convert(rel));
    List<ResultColumn> columns = new ArrayList<>();
    for (int i = 0; i < top.output().size(); i++) {
      Column c = top.output().get(i);
      columns.add(new ResultColumn(names.get(i), ProtoTypes.fromProto(c.getType()), c.getType().getNullable()));
    }
    FragmentPlan root = cut(top, 0, null, List.of(), -1);
    return new DistributedPlan(List.copyOf(fragments), root, Map.copyOf(consumerOf), columns);
  }

  private Part convert(RelNode rel) {
    if (SystemTables.isSystem(rel)) {
      PlanNode values = SystemTables.valuesNode(rel);
      return new Part(values, SystemTables.output(values), Placement.COORDINATOR, -1, List.of());
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
    }
    throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED,
        "queries with " + rel.getRelTypeName().replace("Logical", "").toLowerCase(Locale.ROOT) + " are not supported yet");
  }

  // ---------- scans, with column pruning ----------

  /** A scan reading only {@code used} columns (all when null). */
  private Part scan(LogicalTableScan scan, ImmutableBitSet used) {
    TableSnapshot table = scan.getTable().unwrap(CatalogSchema.StoredTable.class).snapshot();
    TableScan.Builder b = TableScan.newBuilder().setTableId(table.id()).setTableName(table.name());
    List<Column> output = new ArrayList<>();
    int hashColumn = -1;
    for (int i = 0; i < table.columnCount(); i++) {
      if (used == null || used.get(i)) {
        if (table.def().getDistStyle() == DistStyle.DIST_KEY && table.def().getDistKey() == i) {
          hashColumn = output.size();
        }
        b.addColumns(i);
        Column c = ProtoTypes.column(table.columnName(i), table.columnType(i), !table.def().getColumns(i).getNotNull());
        b.addOutput(c);
        output.add(c);
      }
    }
    Placement placement = table.def().getDistStyle() == DistStyle.DIST_ALL ? Placement.FIRST_SLICE : Placement.ALL_SLICES;
    return new Part(PlanNode.newBuilder().setScan(b).build(), output, placement, hashColumn, List.of(table));
  }

  private Part filter(LogicalFilter filter) {
    Part input = filter.getInput() instanceof LogicalTableScan && !SystemTables.isSystem(filter.getInput())
        ? null : convert(filter.getInput());
    RexNode condition = filter.getCondition();
    if (input == null) {
      ImmutableBitSet used = ImmutableBitSet.range(filter.getInput().getRowType().getFieldCount());
      input = scan((LogicalTableScan) filter.getInput(), used);
    }
    return filterOver(input, rex.convert(condition));
  }

  private Part filterOver(Part input, Expr condition) {
    PlanNode node = input.node();
    if (node.hasScan()) {
      node = PlanNode.newBuilder().setScan(node.getScan().toBuilder().setBlockFilter(condition)).build();
    }
    PlanNode f = PlanNode.newBuilder().setFilter(Filter.newBuilder().setInput(node).setCondition(condition)).build();
    return new Part(f, input.output(), input.placement(), input.hashColumn(), input.tables());
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
        used.addAll(org.apache.calcite.plan.RelOptUtil.InputFinder.bits(e));
      }
      LogicalFilter filter = in instanceof LogicalFilter f ? f : null;
      if (filter != null) {
        used.addAll(org.apache.calcite.plan.RelOptUtil.InputFinder.bits(filter.getCondition()));
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
        input = filterOver(input, rex.convert(remap(filter.getCondition(), map)));
      }
      List<RexNode> remapped = new ArrayList<>();
      for (RexNode e : exprs) {
        remapped.add(remap(e, map));
      }
      exprs = remapped;
    } else {
      input = convert(in);
    }
    Project.Builder p = Project.newBuilder().setInput(input.node());
    List<Column> output = new ArrayList<>();
    int hashColumn = -1;
    List<RelDataTypeField> fields = project.getRowType().getFieldList();
    for (int i = 0; i < exprs.size(); i++) {
      RexNode e = exprs.get(i);
      if (e instanceof RexInputRef ref && ref.getIndex() == input.hashColumn() && hashColumn < 0) {
        hashColumn = i;
      }
      p.addExprs(rex.convert(e));
      p.addNames(fields.get(i).getName());
      output.add(column(fields.get(i)));
    }
    return new Part(PlanNode.newBuilder().setProject(p).build(), output, input.placement(), hashColumn, input.tables());
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

  // ---------- aggregation ----------

  private Part aggregate(LogicalAggregate agg) {
    if (agg.getGroupType() != org.apache.calcite.rel.core.Aggregate.Group.SIMPLE) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "GROUPING SETS, ROLLUP and CUBE are not supported yet");
    }
    Part input = convert(agg.getInput());
    List<Integer> keys = agg.getGroupSet().asList();
    List<AggCall> calls = new ArrayList<>();
    List<RelDataTypeField> outFields = agg.getRowType().getFieldList();
    for (int c = 0; c < agg.getAggCallList().size(); c++) {
      calls.add(aggCall(agg.getAggCallList().get(c), agg.getInput(), outFields.get(keys.size() + c).getName()));
    }
    List<Column> finalOutput = new ArrayList<>();
    for (RelDataTypeField f : outFields) {
      finalOutput.add(column(f));
    }
    boolean distributed = input.placement() == Placement.ALL_SLICES;
    boolean colocated = distributed && input.hashColumn() >= 0 && keys.contains(input.hashColumn());
    if (!distributed || colocated) {
      int hash = colocated ? keys.indexOf(input.hashColumn()) : -1;
      return new Part(aggregateNode(input.node(), keys, calls, AggPhase.AGG_PHASE_SINGLE), finalOutput,
          input.placement(), hash, input.tables());
    }
    // phase 1 on every slice
    List<Column> partialOutput = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      partialOutput.add(finalOutput.get(k));
    }
    for (AggCall call : calls) {
      List<SqlType> states = AggregateFunctions.stateTypes(call);
      for (int s = 0; s < states.size(); s++) {
        partialOutput.add(ProtoTypes.column(call.getName() + "$" + s, states.get(s), true));
      }
    }
    Part partial = new Part(aggregateNode(input.node(), keys, calls, AggPhase.AGG_PHASE_PARTIAL), partialOutput,
        input.placement(), -1, input.tables());
    List<Integer> finalKeys = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      finalKeys.add(k);
    }
    // phase 2: by group key on every slice, or on the coordinator for a global aggregate
    Part exchanged = keys.isEmpty()
        ? exchange(partial, ExchangeKind.GATHER, List.of(), Placement.COORDINATOR)
        : exchange(partial, ExchangeKind.HASH, finalKeys, Placement.ALL_SLICES);
    return new Part(aggregateNode(exchanged.node(), finalKeys, calls, AggPhase.AGG_PHASE_FINAL), finalOutput,
        exchanged.placement(), keys.isEmpty() ? -1 : 0, exchanged.tables());
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
      boolean desc = fc.getDirection().isDescending();
      boolean nullsFirst = switch (fc.nullDirection) {
        case FIRST -> true;
        case LAST -> false;
        default -> desc;
      };
      keys.add(SortKey.newBuilder().setColumn(fc.getFieldIndex()).setDescending(desc).setNullsFirst(nullsFirst).build());
    }
    if (input.placement() != Placement.COORDINATOR) {
      // top-N (or the whole sort) on every slice, then a final sort of the gathered runs
      long localFetch = fetch < 0 ? -1 : offset + fetch;
      PlanNode local = keys.isEmpty()
          ? PlanNode.newBuilder().setLimit(Limit.newBuilder().setInput(input.node()).setOffset(0).setFetch(localFetch)).build()
          : PlanNode.newBuilder().setSort(Sort.newBuilder().setInput(input.node()).addAllKeys(keys).setOffset(0).setFetch(localFetch)).build();
      input = exchange(new Part(local, input.output(), input.placement(), input.hashColumn(), input.tables()),
          ExchangeKind.GATHER, List.of(), Placement.COORDINATOR);
    }
    PlanNode node = keys.isEmpty()
        ? PlanNode.newBuilder().setLimit(Limit.newBuilder().setInput(input.node()).setOffset(offset).setFetch(fetch)).build()
        : PlanNode.newBuilder().setSort(Sort.newBuilder().setInput(input.node()).addAllKeys(keys).setOffset(offset).setFetch(fetch)).build();
    return new Part(node, input.output(), input.placement(), -1, input.tables());
  }

  private Part values(LogicalValues values) {
    Values.Builder b = Values.newBuilder();
    List<Column> output = new ArrayList<>();
    for (RelDataTypeField f : values.getRowType().getFieldList()) {
      Column c = column(f);
      b.addOutput(c);
      output.add(c);
    }
    for (var tuple : values.getTuples()) {
      Values.Row.Builder row = Values.Row.newBuilder();
      for (RexLiteral lit : tuple) {
        row.addValues(rex.convert(lit).getLiteral());
      }
      b.addRows(row);
    }
    return new Part(PlanNode.newBuilder().setValues(b).build(), output, Placement.COORDINATOR, -1, List.of());
  }

  // ---------- exchanges and fragments ----------

  private Part toCoordinator(Part part) {
    return part.placement() == Placement.COORDINATOR ? part : exchange(part, ExchangeKind.GATHER, List.of(), Placement.COORDINATOR);
  }

  /** Cuts {@code producer} into a fragment sending to a new exchange read by the returned part. */
  private Part exchange(Part producer, ExchangeKind kind, List<Integer> hashKeys, Placement consumerPlacement) {
    int exchangeId = nextExchange++;
    cut(producer, nextFragment++, kind, hashKeys, exchangeId);
    int producers = producer.placement() == Placement.ALL_SLICES ? totalSlices : 1;
    PlanNode source = PlanNode.newBuilder().setExchangeSource(ExchangeSource.newBuilder()
        .setExchangeId(exchangeId).addAllOutput(producer.output()).setProducerCount(producers)).build();
    int hashColumn = kind == ExchangeKind.HASH && hashKeys.size() == 1 ? hashKeys.get(0) : -1;
    return new Part(source, producer.output(), consumerPlacement, hashColumn, List.of());
  }

  private FragmentPlan cut(Part part, int id, ExchangeKind kind, List<Integer> hashKeys, int exchangeId) {
    FragmentPlan f = new FragmentPlan(id, part.node(), part.placement(), kind, hashKeys, exchangeId, part.tables());
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
      default -> { }
    }
  }
}
