package dev.blueshift.coordinator.dml;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDateLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlTimestampLiteral;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Values of the constants that INSERT … VALUES mostly holds, read straight from the parse tree:
 * the fast path that keeps a one-row INSERT free of planning. Anything else is
 * {@link #NOT_CONSTANT} and gets evaluated by a query.
 */
final class Literals {
  /** Marks an expression that is not a plain constant. */
  static final Object NOT_CONSTANT = new Object();
  /** Marks the DEFAULT keyword. */
  static final Object DEFAULT = new Object();

  private Literals() {}

  /** The Java value (BigDecimal, Double, String, Boolean, LocalDate, LocalDateTime, null) or a marker. */
  static Object value(SqlNode node) {
    if (node.getKind() == SqlKind.DEFAULT) {
      return DEFAULT;
    }
    if (node instanceof SqlBasicCall call && call.operandCount() == 1
        && (call.getKind() == SqlKind.MINUS_PREFIX || call.getKind() == SqlKind.PLUS_PREFIX)) {
      Object v = value(call.operand(0));
      if (v instanceof BigDecimal d) {
        return call.getKind() == SqlKind.MINUS_PREFIX ? d.negate() : d;
      }
      if (v instanceof Double d) {
        return call.getKind() == SqlKind.MINUS_PREFIX ? -d : d;
      }
      return NOT_CONSTANT;
    }
    if (!(node instanceof SqlLiteral literal)) {
      return NOT_CONSTANT;
    }
    if (literal.getTypeName() == SqlTypeName.NULL) {
      return null;
    }
    if (literal instanceof SqlNumericLiteral n) {
      BigDecimal d = n.getValueAs(BigDecimal.class);
      return n.isExact() ? d : (Object) d.doubleValue();
    }
    if (literal instanceof SqlCharStringLiteral s) {
      return s.getValueAs(String.class);
    }
    if (literal.getTypeName() == SqlTypeName.BOOLEAN) {
      return literal.booleanValue();
    }
    if (literal instanceof SqlDateLiteral d) {
      return LocalDate.parse(d.getValueAs(org.apache.calcite.util.DateString.class).toString());
    }
    if (literal instanceof SqlTimestampLiteral t) {
      return LocalDateTime.parse(t.getValueAs(org.apache.calcite.util.TimestampString.class).toString().replace(' ', 'T'));
    }
    return NOT_CONSTANT;
  }
}
