package dev.blueshift.coordinator.sql.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Transaction control: {@code BEGIN [TRANSACTION|WORK]} and {@code START TRANSACTION} (BEGIN),
 * {@code COMMIT}/{@code END [TRANSACTION|WORK]} (COMMIT), {@code ROLLBACK}/{@code ABORT
 * [TRANSACTION|WORK]} (ROLLBACK).
 */
public final class SqlTransaction extends SqlCall {
  /** What the statement does to the session's transaction. */
  public enum Kind { BEGIN, COMMIT, ROLLBACK }

  public final Kind kind;

  public SqlTransaction(SqlParserPos pos, Kind kind) {
    super(pos);
    this.kind = kind;
  }

  @Override public SqlOperator getOperator() {
    return DdlOperators.TRANSACTION;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of();
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(kind.name());
  }
}
