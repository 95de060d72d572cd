package dev.blueshift.coordinator.plan;

import dev.blueshift.protocol.Column;
import dev.blueshift.protocol.Expr;
import dev.blueshift.protocol.Literal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Readable text of a plan expression, with column names, for EXPLAIN. */
final class ExprText {
  private static final Set<String> INFIX = Set.of("=", "<>", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "||",
      "and", "or", "like", "ilike");

  private ExprText() {}

  static String of(Expr e, List<Column> columns) {
    return switch (e.getKindCase()) {
      case INPUT_REF -> e.getInputRef() < columns.size() ? columns.get(e.getInputRef()).getName() : "$" + e.getInputRef();
      case LITERAL -> literal(e.getLiteral());
      case CALL -> {
        String fn = e.getCall().getFunction();
        List<String> args = e.getCall().getOperandsList().stream().map(o -> of(o, columns)).collect(Collectors.toList());
        yield INFIX.contains(fn) && args.size() >= 2
            ? "(" + String.join(" " + fn + " ", args) + ")"
            : fn + "(" + String.join(", ", args) + ")";
      }
      default -> "?";
    };
  }

  private static String literal(Literal l) {
    if (l.getIsNull()) {
      return "NULL";
    }
    return switch (l.getValueCase()) {
      case STRING_VALUE -> "'" + l.getStringValue() + "'";
      case LONG_VALUE -> String.valueOf(l.getLongValue());
      case DOUBLE_VALUE -> String.valueOf(l.getDoubleValue());
      case BOOL_VALUE -> String.valueOf(l.getBoolValue());
      default -> "NULL";
    };
  }
}
