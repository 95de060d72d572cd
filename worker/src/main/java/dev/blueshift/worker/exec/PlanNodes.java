package dev.blueshift.worker.exec;

import dev.blueshift.protocol.PlanNode;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one numbering of a fragment's plan nodes that workers and the coordinator share: preorder,
 * inputs in the order they appear in the node. EXPLAIN ANALYZE matches operator statistics to plan
 * lines by it.
 */
public final class PlanNodes {
  private PlanNodes() {}

  /** The inputs of a node. */
  public static List<PlanNode> inputs(PlanNode node) {
    return switch (node.getNodeCase()) {
      case FILTER -> List.of(node.getFilter().getInput());
      case PROJECT -> List.of(node.getProject().getInput());
      case AGGREGATE -> List.of(node.getAggregate().getInput());
      case SORT -> List.of(node.getSort().getInput());
      case LIMIT -> List.of(node.getLimit().getInput());
      case JOIN -> List.of(node.getJoin().getLeft(), node.getJoin().getRight());
      case UNION_ALL -> node.getUnionAll().getInputsList();
      case WINDOW -> List.of(node.getWindow().getInput());
      case EXPAND -> List.of(node.getExpand().getInput());
      case SCAN, VALUES, EXCHANGE_SOURCE, NODE_NOT_SET -> List.of();
    };
  }

  /** Each node of the tree (by identity) with its preorder index. */
  public static Map<PlanNode, Integer> number(PlanNode root) {
    Map<PlanNode, Integer> out = new IdentityHashMap<>();
    number(root, out);
    return out;
  }

  private static void number(PlanNode node, Map<PlanNode, Integer> out) {
    out.put(node, out.size());
    for (PlanNode input : inputs(node)) {
      number(input, out);
    }
  }
}
