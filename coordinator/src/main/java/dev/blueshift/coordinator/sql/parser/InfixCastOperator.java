package dev.blueshift.coordinator.sql.parser;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The PostgreSQL/Redshift cast operator {@code expr::type}. It exists only while the parser
 * builds an expression tree: {@link #createCall} returns a standard {@code CAST(expr AS type)},
 * so nothing after the parser ever sees "::".
 *
 * <p>Precedence 94 (as PostgreSQL, and Calcite's Babel parser): tighter than arithmetic and unary
 * minus, so {@code -x::int} is {@code -(CAST(x AS INT))}, looser than member access.
 */
public final class InfixCastOperator extends SqlBinaryOperator {
  public static final InfixCastOperator INSTANCE = new InfixCastOperator();

  private InfixCastOperator() {
    super("::", SqlKind.CAST, 94, true, null, null, null);
  }

  @Override public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos,
      SqlNode... operands) {
    return SqlStdOperatorTable.CAST.createCall(pos, operands);
  }
}
