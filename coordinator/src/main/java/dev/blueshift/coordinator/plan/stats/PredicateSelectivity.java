package dev.blueshift.coordinator.plan.stats;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The fraction of a table's rows a predicate over its columns keeps, from the table's statistics:
 * equality by distinct count, ranges by where the bound falls between the column's min and max,
 * IS NULL by the null count; what statistics cannot judge falls back to Calcite's guesses.
 */
final class PredicateSelectivity {
  private final TableStatistics stats;
  private final RexBuilder rexBuilder;

  PredicateSelectivity(TableStatistics stats, RexBuilder rexBuilder) {
    this.stats = stats;
    this.rexBuilder = rexBuilder;
  }

  double of(@Nullable RexNode predicate) {
    if (predicate == null || predicate.isAlwaysTrue()) {
      return 1.0;
    }
    if (predicate.isAlwaysFalse()) {
      return 0.0;
    }
    return clamp(estimate(predicate));
  }

  private double estimate(RexNode node) {
    if (node.getKind() == SqlKind.SEARCH) {
      return estimate(RexUtil.expandSearch(rexBuilder, null, node));
    }
    if (!(node instanceof RexCall call)) {
      return RelMdUtil.guessSelectivity(node);
    }
    List<RexNode> ops = call.getOperands();
    switch (call.getKind()) {
      case AND: {
        double s = 1.0;
        for (RexNode op : ops) {
          s *= clamp(estimate(op));
        }
        return s;
      }
      case OR: {
        double keep = 1.0;
        for (RexNode op : ops) {
          keep *= 1.0 - clamp(estimate(op));
        }
        return 1.0 - keep;
      }
      case NOT:
        return 1.0 - clamp(estimate(ops.get(0)));
      case IS_NULL:
        return nullFraction(ops.get(0), RelMdUtil.guessSelectivity(node));
      case IS_NOT_NULL:
        return 1.0 - nullFraction(ops.get(0), 1.0 - RelMdUtil.guessSelectivity(node));
      case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL:
        return comparison(call);
      default:
        return RelMdUtil.guessSelectivity(node);
    }
  }

  private double nullFraction(RexNode operand, double fallback) {
    if (!(operand instanceof RexInputRef ref) || stats.rowCount() <= 0) {
      return fallback;
    }
    return stats.column(ref.getIndex()).nullCount() / stats.rowCount();
  }

  /** {@code column op literal} (either way round); anything else is guessed. */
  private double comparison(RexCall call) {
    RexNode a = call.getOperands().get(0);
    RexNode b = call.getOperands().get(1);
    SqlKind kind = call.getKind();
    if (a instanceof RexLiteral && !(b instanceof RexLiteral)) {
      RexNode t = a;
      a = b;
      b = t;
      kind = kind.reverse();
    }
    a = stripCast(a);
    if (!(a instanceof RexInputRef ref) || !(b instanceof RexLiteral literal)) {
      return RelMdUtil.guessSelectivity(call);
    }
    TableStatistics.ColumnStatistics column = stats.column(ref.getIndex());
    double nonNull = stats.rowCount() <= 0 ? 1.0 : 1.0 - column.nullCount() / stats.rowCount();
    if (kind == SqlKind.EQUALS || kind == SqlKind.NOT_EQUALS) {
      if (!column.hasDistinct()) {
        return RelMdUtil.guessSelectivity(call);
      }
      double eq = nonNull / Math.max(1.0, column.distinct());
      Double v = number(literal);
      if (v != null && column.hasRange() && (v < column.min() || v > column.max())) {
        eq = 0.0;
      }
      return kind == SqlKind.EQUALS ? eq : nonNull - eq;
    }
    Double v = number(literal);
    if (v == null || !column.hasRange()) {
      return RelMdUtil.guessSelectivity(call);
    }
    double width = column.max() - column.min();
    double below = width <= 0 ? (v >= column.max() ? 1.0 : 0.0) : (v - column.min()) / width;
    below = clamp(below);
    boolean less = kind == SqlKind.LESS_THAN || kind == SqlKind.LESS_THAN_OR_EQUAL;
    return nonNull * (less ? below : 1.0 - below);
  }

  private static RexNode stripCast(RexNode node) {
    while (node.getKind() == SqlKind.CAST) {
      node = ((RexCall) node).getOperands().get(0);
    }
    return node;
  }

  /** The literal on the scale of {@link TableStatistics.ColumnStatistics}, or null for text. */
  private static Double number(RexLiteral literal) {
    try {
      return switch (literal.getTypeName()) {
        case DATE -> (double) literal.getValueAs(DateString.class).getDaysSinceEpoch();
        case TIMESTAMP -> literal.getValueAs(TimestampString.class).getMillisSinceEpoch() * 1000.0;
        case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, FLOAT, DOUBLE ->
            literal.getValueAs(BigDecimal.class).doubleValue();
        default -> null;
      };
    } catch (RuntimeException e) {
      return null; // a NULL literal
    }
  }

  private static double clamp(double s) {
    return Double.isNaN(s) ? 0.5 : Math.max(0.0, Math.min(1.0, s));
  }
}
