package dev.blueshift.worker.exec;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.Aggregate;
import dev.blueshift.protocol.ExchangeSource;
import dev.blueshift.protocol.HashJoin;
import dev.blueshift.protocol.UnionAll;
import dev.blueshift.protocol.Literal;
import dev.blueshift.protocol.PlanNode;
import dev.blueshift.protocol.Project;
import dev.blueshift.protocol.TableScan;
import dev.blueshift.protocol.Values;
import dev.blueshift.storage.segment.BlockPredicate;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exchange.ExchangeRegistry;
import dev.blueshift.worker.exchange.ExchangeSourceOperator;
import dev.blueshift.worker.exec.agg.AggregateOperator;
import dev.blueshift.worker.exec.expr.Evaluator;
import dev.blueshift.worker.exec.expr.ExprCompiler;
import dev.blueshift.worker.exec.join.HashJoinOperator;
import dev.blueshift.worker.exec.ops.FilterOperator;
import dev.blueshift.worker.exec.ops.ExpandOperator;
import dev.blueshift.worker.exec.ops.UnionAllOperator;
import dev.blueshift.worker.exec.window.WindowOperator;
import dev.blueshift.worker.exec.ops.LimitOperator;
import dev.blueshift.worker.exec.ops.ProjectOperator;
import dev.blueshift.worker.exec.ops.ScanOperator;
import dev.blueshift.worker.exec.ops.SortOperator;
import dev.blueshift.worker.exec.ops.ValuesOperator;
import dev.blueshift.worker.types.ArrowSchemas;
import dev.blueshift.worker.types.ProtoTypes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;

/** Builds the operator tree of one fragment instance from its protobuf plan. */
public final class PlanBuilder {
  private final ExecContext context;
  private final ExchangeRegistry exchanges;
  private final String queryId;
  private final int instance;
  private final Map<Long, List<Path>> segments;
  private final Map<Path, Path> deleteVectors;

  /**
   * @param segments the files each table scan of this instance reads, by table id
   */
  public PlanBuilder(ExecContext context, ExchangeRegistry exchanges, String queryId, int instance,
      Map<Long, List<Path>> segments) {
    this(context, exchanges, queryId, instance, segments, Map.of());
  }

  /**
   * @param segments the files each table scan of this instance reads, by table id
   * @param deleteVectors the delete-vector file a scan applies to a segment, for segments that have one
   */
  public PlanBuilder(ExecContext context, ExchangeRegistry exchanges, String queryId, int instance,
      Map<Long, List<Path>> segments, Map<Path, Path> deleteVectors) {
    this.context = context;
    this.exchanges = exchanges;
    this.queryId = queryId;
    this.instance = instance;
    this.segments = segments;
    this.deleteVectors = deleteVectors;
  }

  /** Preorder numbers of the fragment's nodes ({@link PlanNodes}), set when profiling. */
  private Map<PlanNode, Integer> nodeNumbers;

  public Operator build(PlanNode node) {
    if (!context.profiling()) {
      return operator(node);
    }
    if (nodeNumbers == null) {
      nodeNumbers = PlanNodes.number(node); // the first node built is the fragment's root
    }
    Integer number = nodeNumbers.get(node);
    Operator op = operator(node);
    return number == null ? op : new ProfiledOperator(op, context, context.operatorStats(number));
  }

  private Operator operator(PlanNode node) {
    return switch (node.getNodeCase()) {
      case SCAN -> scan(node.getScan());
      case FILTER -> {
        Operator input = build(node.getFilter().getInput());
        yield new FilterOperator(input, compile(node.getFilter().getCondition(), input), context);
      }
      case PROJECT -> project(node.getProject());
      case AGGREGATE -> aggregate(node.getAggregate());
      case SORT -> new SortOperator(build(node.getSort().getInput()), node.getSort().getKeysList(),
          node.getSort().getOffset(), node.getSort().getFetch(), context);
      case LIMIT -> new LimitOperator(build(node.getLimit().getInput()), node.getLimit().getOffset(),
          node.getLimit().getFetch(), context);
      case EXCHANGE_SOURCE -> exchangeSource(node.getExchangeSource());
      case VALUES -> values(node.getValues());
      case JOIN -> join(node.getJoin());
      case UNION_ALL -> unionAll(node.getUnionAll());
      case EXPAND -> {
        List<int[]> nulled = new ArrayList<>();
        for (var set : node.getExpand().getSetsList()) {
          nulled.add(ints(set.getNulledList()));
        }
        yield new ExpandOperator(build(node.getExpand().getInput()), nulled,
            ArrowSchemas.schema(node.getExpand().getOutputList()), context);
      }
      case WINDOW -> new WindowOperator(build(node.getWindow().getInput()), ints(node.getWindow().getPartitionKeysList()),
          node.getWindow().getOrderKeysList(), node.getWindow().getCallsList(),
          ArrowSchemas.schema(node.getWindow().getOutputList()), context);
      case NODE_NOT_SET -> throw new BlueshiftException(SqlState.INTERNAL_ERROR, "empty plan node");
    };
  }

  private Operator scan(TableScan scan) {
    Schema schema = ArrowSchemas.schema(scan.getOutputList());
    int[] columns = scan.getColumnsList().stream().mapToInt(Integer::intValue).toArray();
    BlockPredicate predicate = scan.hasBlockFilter()
        ? BlockFilters.fromExpr(scan.getBlockFilter(), columns, ProtoTypes.types(scan.getOutputList()))
        : BlockPredicate.ALWAYS;
    List<Path> files = segments.getOrDefault(scan.getTableId(), List.of());
    return new ScanOperator(files, deleteVectors, columns, schema, predicate, context);
  }

  private Operator project(Project project) {
    Operator input = build(project.getInput());
    List<Evaluator> exprs = new ArrayList<>();
    for (var e : project.getExprsList()) {
      exprs.add(compile(e, input));
    }
    return new ProjectOperator(input, exprs, project.getNamesList(), context);
  }

  private Operator aggregate(Aggregate aggregate) {
    Operator input = build(aggregate.getInput());
    int[] keys = aggregate.getGroupKeysList().stream().mapToInt(Integer::intValue).toArray();
    return new AggregateOperator(input, keys, aggregate.getCallsList(), aggregate.getPhase(), context);
  }

  private Operator exchangeSource(ExchangeSource source) {
    Schema schema = ArrowSchemas.schema(source.getOutputList());
    return new ExchangeSourceOperator(exchanges.buffer(queryId, source.getExchangeId(), instance), schema,
        source.getProducerCount(), context);
  }

  private Operator join(HashJoin join) {
    Operator left = build(join.getLeft());
    Operator right = build(join.getRight());
    Schema output = ArrowSchemas.schema(join.getOutputList());
    Evaluator condition = null;
    if (join.hasCondition()) {
      List<SqlType> pairTypes = new ArrayList<>(ArrowSchemas.sqlTypes(left.schema()));
      pairTypes.addAll(ArrowSchemas.sqlTypes(right.schema()));
      condition = ExprCompiler.compile(join.getCondition(), pairTypes);
    }
    boolean[] nullSafe = new boolean[join.getLeftKeysCount()];
    for (int k = 0; k < nullSafe.length && k < join.getNullSafeCount(); k++) {
      nullSafe[k] = join.getNullSafe(k);
    }
    return new HashJoinOperator(left, right, join.getType(), ints(join.getLeftKeysList()), ints(join.getRightKeysList()),
        nullSafe, condition, join.getBuildLeft(), output, context);
  }

  private Operator unionAll(UnionAll union) {
    List<Operator> inputs = new ArrayList<>();
    for (PlanNode input : union.getInputsList()) {
      inputs.add(build(input));
    }
    return new UnionAllOperator(inputs, ArrowSchemas.schema(union.getOutputList()), context);
  }

  private static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  private Operator values(Values values) {
    Schema schema = ArrowSchemas.schema(values.getOutputList());
    List<Object[]> rows = new ArrayList<>();
    for (Values.Row row : values.getRowsList()) {
      Object[] r = new Object[row.getValuesCount()];
      for (int c = 0; c < r.length; c++) {
        Literal l = row.getValues(c);
        r[c] = ProtoTypes.value(l);
      }
      rows.add(r);
    }
    return new ValuesOperator(schema, rows, context);
  }

  private static Evaluator compile(dev.blueshift.protocol.Expr expr, Operator input) {
    List<SqlType> types = ArrowSchemas.sqlTypes(input.schema());
    return ExprCompiler.compile(expr, types);
  }
}
