package dev.blueshift.coordinator.plan;

import dev.blueshift.protocol.AggCall;
import dev.blueshift.protocol.AggPhase;
import dev.blueshift.protocol.Column;
import dev.blueshift.protocol.ExchangeKind;
import dev.blueshift.protocol.HashJoin;
import dev.blueshift.protocol.PlanNode;
import dev.blueshift.protocol.SortKey;
import dev.blueshift.protocol.WindowCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.blueshift.protocol.OperatorStats;
import dev.blueshift.worker.exec.PlanNodes;
import java.util.stream.Collectors;

/**
 * EXPLAIN text of a distributed plan in Redshift's shape: one operator per line, children
 * indented under {@code ->}, exchanges shown as {@code XN Network} with where the rows go, and joins
 * labelled with how their inputs were distributed (DS_DIST_NONE, DS_BCAST_INNER, ...).
 */
public final class PlanExplainer {
  private final DistributedPlan plan;
  private final Map<Integer, Map<Integer, List<OperatorStats>>> profile;
  private final List<String> lines = new ArrayList<>();
  /** Preorder numbers of the nodes of the fragment being printed (see {@link PlanNodes}). */
  private Map<PlanNode, Integer> numbers;
  private int fragment;

  private PlanExplainer(DistributedPlan plan, Map<Integer, Map<Integer, List<OperatorStats>>> profile) {
    this.plan = plan;
    this.profile = profile;
  }

  public static List<String> explain(DistributedPlan plan) {
    return explain(plan, null);
  }

  /**
   * With {@code profile} (EXPLAIN ANALYZE: per fragment id and node, each instance's statistics),
   * every operator line also says the rows it returned over all slices, the time of its slowest
   * slice and, for scans, the blocks read and skipped by zone maps.
   */
  public static List<String> explain(DistributedPlan plan, Map<Integer, Map<Integer, List<OperatorStats>>> profile) {
    PlanExplainer e = new PlanExplainer(plan, profile);
    e.fragment(plan.root(), 0);
    return e.lines;
  }

  private void fragment(FragmentPlan f, int depth) {
    Map<PlanNode, Integer> outerNumbers = numbers;
    int outerFragment = fragment;
    numbers = PlanNodes.number(f.root());
    fragment = f.id();
    node(f.root(), f.root(), depth);
    numbers = outerNumbers;
    fragment = outerFragment;
  }

  /** The statistics suffix of a node's line; empty without a profile. */
  private String actual(PlanNode node) {
    if (profile == null) {
      return "";
    }
    Integer number = numbers.get(node);
    List<OperatorStats> instances = number == null ? null : profile.getOrDefault(fragment, Map.of()).get(number);
    if (instances == null || instances.isEmpty()) {
      return "  (never executed)";
    }
    long rows = 0;
    long nanos = 0;
    long read = 0;
    long skipped = 0;
    for (OperatorStats s : instances) {
      rows += s.getRows();
      nanos = Math.max(nanos, s.getNanos());
      read += s.getBlocksRead();
      skipped += s.getBlocksSkipped();
    }
    String blocks = node.hasScan() || node.hasFilter() && node.getFilter().getInput().hasScan()
        ? " blocks read=" + read + " skipped=" + skipped : "";
    return String.format(Locale.ROOT, "  (actual rows=%d time=%.3f ms slices=%d%s)", rows, nanos / 1e6,
        instances.size(), blocks);
  }

  private void line(int depth, String text) {
    lines.add(depth == 0 ? text : "  ".repeat(depth * 3 - 2) + "->  " + text);
  }

  private void detail(int depth, String text) {
    lines.add("  ".repeat(depth * 3 + (depth == 0 ? 1 : 0)) + text);
  }

  private void node(PlanNode node, PlanNode parent, int depth) {
    switch (node.getNodeCase()) {
      case SCAN -> {
        line(depth, "XN Seq Scan on " + node.getScan().getTableName() + actual(node));
        if (node.getScan().hasBlockFilter()) {
          detail(depth, "Filter: (zone maps)");
        }
      }
      case FILTER -> {
        if (node.getFilter().getInput().hasScan()) {
          line(depth, "XN Seq Scan on " + node.getFilter().getInput().getScan().getTableName() + actual(node));
          detail(depth, "Filter: " + ExprText.of(node.getFilter().getCondition(), node.getFilter().getInput().getScan().getOutputList()));
        } else {
          line(depth, "XN Filter" + actual(node));
          node(node.getFilter().getInput(), node, depth + 1);
        }
      }
      case PROJECT -> node(node.getProject().getInput(), parent, depth);
      case AGGREGATE -> {
        var a = node.getAggregate();
        String kind = a.getGroupKeysCount() == 0 ? "XN Aggregate" : "XN HashAggregate";
        String phase = a.getPhase() == AggPhase.AGG_PHASE_PARTIAL ? " (partial)"
            : a.getPhase() == AggPhase.AGG_PHASE_FINAL ? " (final)" : "";
        line(depth, kind + phase + actual(node));
        if (a.getCallsCount() > 0) {
          detail(depth, "Aggregates: " + a.getCallsList().stream().map(AggCall::getFunction).collect(Collectors.joining(", ")));
        }
        node(a.getInput(), node, depth + 1);
      }
      case SORT -> {
        var s = node.getSort();
        line(depth, (s.getFetch() >= 0 ? "XN Top-N (limit " + s.getFetch() + ")" : "XN Sort") + actual(node));
        detail(depth, "Sort Key: " + sortKeys(s.getKeysList(), columns(s.getInput())));
        node(s.getInput(), node, depth + 1);
      }
      case LIMIT -> {
        line(depth, "XN Limit" + (node.getLimit().getFetch() >= 0 ? " " + node.getLimit().getFetch() : "") + actual(node));
        node(node.getLimit().getInput(), node, depth + 1);
      }
      case VALUES -> line(depth, "XN Values (" + node.getValues().getRowsCount() + " rows)" + actual(node));
      case JOIN -> join(node, depth);
      case UNION_ALL -> {
        line(depth, "XN Append" + actual(node));
        for (PlanNode input : node.getUnionAll().getInputsList()) {
          node(input, node, depth + 1);
        }
      }
      case WINDOW -> {
        line(depth, "XN Window" + actual(node));
        detail(depth, "Functions: " + node.getWindow().getCallsList().stream().map(WindowCall::getFunction)
            .collect(Collectors.joining(", ")));
        node(node.getWindow().getInput(), node, depth + 1);
      }
      case EXPAND -> {
        line(depth, "XN Expand (" + node.getExpand().getSetsCount() + " grouping sets)" + actual(node));
        node(node.getExpand().getInput(), node, depth + 1);
      }
      case EXCHANGE_SOURCE -> exchange(node.getExchangeSource().getExchangeId(), depth);
      case NODE_NOT_SET -> line(depth, "?");
    }
  }

  private void join(PlanNode node, int depth) {
    HashJoin join = node.getJoin();
    String type = switch (join.getType()) {
      case JOIN_LEFT -> "Left ";
      case JOIN_RIGHT -> "Right ";
      case JOIN_FULL -> "Full ";
      case JOIN_SEMI -> "Semi ";
      case JOIN_ANTI -> "Anti ";
      default -> "";
    };
    String kind = join.getLeftKeysCount() == 0 ? "Nested Loop" : "Hash " + type + "Join";
    line(depth, "XN " + kind + " " + join.getDistribution() + actual(node));
    if (join.getLeftKeysCount() > 0) {
      List<String> conds = new ArrayList<>();
      List<Column> leftColumns = columns(join.getLeft());
      List<Column> rightColumns = columns(join.getRight());
      for (int k = 0; k < join.getLeftKeysCount(); k++) {
        conds.add("(\"outer\"." + name(leftColumns, join.getLeftKeys(k)) + " = \"inner\"." + name(rightColumns, join.getRightKeys(k)) + ")");
      }
      detail(depth, "Hash Cond: " + String.join(" AND ", conds));
    }
    if (join.hasCondition()) {
      detail(depth, "Join Filter: (residual condition)");
    }
    // Redshift prints the probe (outer) input first and the hashed (inner) input under XN Hash
    PlanNode outer = join.getBuildLeft() ? join.getRight() : join.getLeft();
    PlanNode inner = join.getBuildLeft() ? join.getLeft() : join.getRight();
    node(outer, outer, depth + 1);
    line(depth + 1, "XN Hash");
    node(inner, inner, depth + 2);
  }

  private void exchange(int exchangeId, int depth) {
    FragmentPlan producer = null;
    for (FragmentPlan f : plan.fragments()) {
      if (f.sinkExchange() == exchangeId) {
        producer = f;
      }
    }
    if (producer == null) {
      line(depth, "XN Network");
      return;
    }
    FragmentPlan consumer = plan.fragment(plan.consumerOf().get(exchangeId));
    String where = switch (producer.sinkKind()) {
      case GATHER -> consumer.placement() == Placement.COORDINATOR ? "Send to leader" : "Send to slice 0";
      case BROADCAST -> "Broadcast";
      case HASH -> "Distribute";
      case ROUND_ROBIN -> "Distribute Round Robin";
      default -> producer.sinkKind().name().toLowerCase(Locale.ROOT);
    };
    line(depth, "XN Network");
    detail(depth, where + (producer.sinkKind() == ExchangeKind.HASH ? " on " + producer.hashKeys() : ""));
    fragment(producer, depth + 1);
  }

  private static String sortKeys(List<SortKey> keys, List<Column> input) {
    return keys.stream().map(k -> name(input, k.getColumn()) + (k.getDescending() ? " DESC" : ""))
        .collect(Collectors.joining(", "));
  }

  /** The output columns of a node, for naming join keys. */
  private List<Column> columns(PlanNode node) {
    return switch (node.getNodeCase()) {
      case SCAN -> node.getScan().getOutputList();
      case FILTER -> columns(node.getFilter().getInput());
      case PROJECT -> {
        List<Column> out = new ArrayList<>();
        for (String n : node.getProject().getNamesList()) {
          out.add(Column.newBuilder().setName(n).build());
        }
        yield out;
      }
      case JOIN -> node.getJoin().getOutputList();
      case EXCHANGE_SOURCE -> node.getExchangeSource().getOutputList();
      case UNION_ALL -> node.getUnionAll().getOutputList();
      case WINDOW -> node.getWindow().getOutputList();
      case VALUES -> node.getValues().getOutputList();
      case SORT -> columns(node.getSort().getInput());
      case LIMIT -> columns(node.getLimit().getInput());
      default -> List.of();
    };
  }

  private static String name(List<Column> columns, int index) {
    return index < columns.size() && !columns.get(index).getName().isEmpty() ? columns.get(index).getName() : "$" + index;
  }
}
