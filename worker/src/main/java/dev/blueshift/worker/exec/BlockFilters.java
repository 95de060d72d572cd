package dev.blueshift.worker.exec;

import dev.blueshift.protocol.Expr;
import dev.blueshift.storage.segment.BlockPredicate;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.expr.Evaluators;
import dev.blueshift.worker.types.ProtoTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a scan's filter expression into a zone-map predicate over table columns. Only terms that
 * can be checked exactly against zone maps are kept; anything else becomes "might match".
 */
public final class BlockFilters {
  private BlockFilters() {}

  /**
   * @param columns table ordinal of each scan output column
   * @param types SQL type of each scan output column
   */
  public static BlockPredicate fromExpr(Expr expr, int[] columns, List<SqlType> types) {
    if (expr == null || expr.getKindCase() != Expr.KindCase.CALL) {
      return BlockPredicate.ALWAYS;
    }
    String fn = expr.getCall().getFunction();
    List<Expr> ops = expr.getCall().getOperandsList();
    if (fn.equals("and")) {
      List<BlockPredicate> terms = new ArrayList<>();
      for (Expr e : ops) {
        BlockPredicate p = fromExpr(e, columns, types);
        if (p != BlockPredicate.ALWAYS) {
          terms.add(p);
        }
      }
      return terms.isEmpty() ? BlockPredicate.ALWAYS : new BlockPredicate.And(terms);
    }
    if (ops.size() == 1 && ops.get(0).getKindCase() == Expr.KindCase.INPUT_REF) {
      int column = columns[ops.get(0).getInputRef()];
      return switch (fn) {
        case "is_null" -> new BlockPredicate.IsNull(column);
        case "is_not_null" -> new BlockPredicate.IsNotNull(column);
        default -> BlockPredicate.ALWAYS;
      };
    }
    if (ops.size() != 2) {
      return BlockPredicate.ALWAYS;
    }
    BlockPredicate.Op op = switch (fn) {
      case "=" -> BlockPredicate.Op.EQ;
      case "<" -> BlockPredicate.Op.LT;
      case "<=" -> BlockPredicate.Op.LE;
      case ">" -> BlockPredicate.Op.GT;
      case ">=" -> BlockPredicate.Op.GE;
      default -> null;
    };
    if (op == null) {
      return BlockPredicate.ALWAYS;
    }
    Expr left = ops.get(0);
    Expr right = ops.get(1);
    if (left.getKindCase() == Expr.KindCase.LITERAL && right.getKindCase() == Expr.KindCase.INPUT_REF) {
      Expr t = left;
      left = right;
      right = t;
      op = switch (op) {
        case LT -> BlockPredicate.Op.GT;
        case LE -> BlockPredicate.Op.GE;
        case GT -> BlockPredicate.Op.LT;
        case GE -> BlockPredicate.Op.LE;
        default -> op;
      };
    }
    if (left.getKindCase() != Expr.KindCase.INPUT_REF || right.getKindCase() != Expr.KindCase.LITERAL) {
      return BlockPredicate.ALWAYS;
    }
    SqlType columnType = types.get(left.getInputRef());
    SqlType literalType = ProtoTypes.fromProto(right.getType());
    Object value = zoneValue(ProtoTypes.value(right.getLiteral()), literalType, columnType);
    return value == null ? BlockPredicate.ALWAYS : new BlockPredicate.Compare(columns[left.getInputRef()], op, value);
  }

  /** The literal in the column's zone-map representation, or null when not exactly representable. */
  private static Object zoneValue(Object literal, SqlType literalType, SqlType columnType) {
    if (literal == null) {
      return null;
    }
    if (columnType.isString() && literalType.isString()) {
      return literal;
    }
    if (columnType.isLongLike() && literalType.isLongLike()) {
      if (Evaluators.isDateTime(columnType) != Evaluators.isDateTime(literalType)
          || (Evaluators.isDateTime(columnType) && columnType.kind() != literalType.kind())) {
        return null;
      }
      int sc = Evaluators.scale(columnType);
      int sl = Evaluators.scale(literalType);
      long v = (Long) literal;
      if (sl == sc) {
        return v;
      }
      if (sl < sc) {
        try {
          return Math.multiplyExact(v, dev.blueshift.worker.exec.expr.Decimals.pow10(sc - sl));
        } catch (RuntimeException e) {
          return null;
        }
      }
      long p = dev.blueshift.worker.exec.expr.Decimals.pow10(sl - sc);
      return v % p == 0 ? v / p : null;
    }
    if (Evaluators.isFloating(columnType) && Evaluators.isFloating(literalType)) {
      return literal;
    }
    return null;
  }
}
