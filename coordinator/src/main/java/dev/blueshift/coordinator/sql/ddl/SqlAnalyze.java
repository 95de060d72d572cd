package dev.blueshift.coordinator.sql.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/** {@code ANALYZE [VERBOSE] [table [(column, …)]]}: refresh statistics of one table or all. */
public final class SqlAnalyze extends SqlCall {
  /** The table, or null for every table. */
  public final SqlIdentifier table;
  /** Columns to analyze; empty means all. */
  public final List<SqlIdentifier> columns;
  public final boolean verbose;

  public SqlAnalyze(SqlParserPos pos, SqlIdentifier table, List<SqlIdentifier> columns, boolean verbose) {
    super(pos);
    this.table = table;
    this.columns = List.copyOf(columns);
    this.verbose = verbose;
  }

  @Override public SqlOperator getOperator() {
    return DdlOperators.ANALYZE;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(table);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ANALYZE");
    if (verbose) {
      writer.keyword("VERBOSE");
    }
    if (table != null) {
      table.unparse(writer, 0, 0);
      if (!columns.isEmpty()) {
        SqlCreateTable.identifierList(writer, columns);
      }
    }
  }
}
