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
import java.util.stream.Collectors;

/**
 * EXPLAIN text of a distributed plan in Redshift's shape: one operator per line, children
 * indented under {@code ->}, exchanges shown as {@code XN Network} with where the rows go, and joins
 * labelled with how their inputs were distributed (DS_DIST_NONE, DS_BCAST_INNER, ...).
 */
public final class PlanExplainer {
  private final DistributedPlan plan;
  private final List<String> lines = new ArrayList<>();

  private PlanExplainer(DistributedPlan plan) {
    this.plan = plan;
  }

  public static List<String> explain(DistributedPlan plan) {
    PlanExplainer e = new PlanExplainer(plan);
    e.node(plan.root().root(), plan.root().root(), 0);
    return e.lines;
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
        line(depth, "XN Seq Scan on " + node.getScan().getTableName());
        if (node.getScan().hasBlockFilter()) {
          detail(depth, "Filter: (zone maps)");
        }
      }
      case FILTER -> {
        if (node.getFilter().getInput().hasScan()) {
          line(depth, "XN Seq Scan on " + node.getFilter().getInput().getScan().getTableName());
          detail(depth, "Filter: " + ExprText.of(node.getFilter().getCondition(), node.getFilter().getInput().getScan().getOutputList()));
        } else {
          line(depth, "XN Filter");
          node(node.getFilter().getInput(), node, depth + 1);
        }
      }
      case PROJECT -> node(node.getProject().getInput(), parent, depth);
      case AGGREGATE -> {
        var a = node.getAggregate();
        String kind = a.getGroupKeysCount() == 0 ? "XN Aggregate" : "XN HashAggregate";
        String phase = a.getPhase() == AggPhase.AGG_PHASE_PARTIAL ? " (partial)"
            : a.getPhase() == AggPhase.AGG_PHASE_FINAL ? " (final)" : "";
        line(depth, kind + phase);
        if (a.getCallsCount() > 0) {
          detail(depth, "Aggregates: " + a.getCallsList().stream().map(AggCall::getFunction).collect(Collectors.joining(", ")));
        }
        node(a.getInput(), node, depth + 1);
      }
      case SORT -> {
        var s = node.getSort();
        line(depth, s.getFetch() >= 0 ? "XN Top-N (limit " + s.getFetch() + ")" : "XN Sort");
        detail(depth, "Sort Key: " + sortKeys(s.getKeysList()));
        node(s.getInput(), node, depth + 1);
      }
      case LIMIT -> {
        line(depth, "XN Limit" + (node.getLimit().getFetch() >= 0 ? " " + node.getLimit().getFetch() : ""));
        node(node.getLimit().getInput(), node, depth + 1);
      }
      case VALUES -> line(depth, "XN Values (" + node.getValues().getRowsCount() + " rows)");
      case JOIN -> join(node.getJoin(), depth);
      case UNION_ALL -> {
        line(depth, "XN Append");
        for (PlanNode input : node.getUnionAll().getInputsList()) {
          node(input, node, depth + 1);
        }
      }
      case WINDOW -> {
        line(depth, "XN Window");
        detail(depth, "Functions: " + node.getWindow().getCallsList().stream().map(WindowCall::getFunction)
            .collect(Collectors.joining(", ")));
        node(node.getWindow().getInput(), node, depth + 1);
      }
      case EXPAND -> {
        line(depth, "XN Expand (" + node.getExpand().getSetsCount() + " grouping sets)");
        node(node.getExpand().getInput(), node, depth + 1);
      }
      case EXCHANGE_SOURCE -> exchange(node.getExchangeSource().getExchangeId(), depth);
      case NODE_NOT_SET -> line(depth, "?");
    }
  }

  private void join(HashJoin join, int depth) {
    String type = switch (join.getType()) {
      case JOIN_LEFT -> "Left ";
      case JOIN_RIGHT -> "Right ";
      case JOIN_FULL -> "Full ";
      case JOIN_SEMI -> "Semi ";
      case JOIN_ANTI -> "Anti ";
      default -> "";
    };
    String kind = join.getLeftKeysCount() == 0 ? "Nested Loop" : "Hash " + type + "Join";
    line(depth, "XN " + kind + " " + join.getDistribution());
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
    node(producer.root(), producer.root(), depth + 1);
  }

  private static String sortKeys(List<SortKey> keys) {
    return keys.stream().map(k -> "$" + k.getColumn() + (k.getDescending() ? " DESC" : ""))
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
