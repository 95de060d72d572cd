package dev.blueshift.coordinator.sql.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code EXPLAIN [VERBOSE] [ANALYZE] statement} (PostgreSQL/Redshift form; Calcite's own
 * {@code EXPLAIN PLAN FOR} still parses into {@link org.apache.calcite.sql.SqlExplain}). */
public final class SqlRedshiftExplain extends SqlCall {
  public final SqlNode query;
  public final boolean verbose;
  public final boolean analyze;

  public SqlRedshiftExplain(SqlParserPos pos, SqlNode query, boolean verbose, boolean analyze) {
    super(pos);
    this.query = query;
    this.verbose = verbose;
    this.analyze = analyze;
  }

  @Override public SqlOperator getOperator() {
    return DdlOperators.EXPLAIN;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(query);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("EXPLAIN");
    if (analyze) {
      writer.keyword("ANALYZE");
    }
    if (verbose) {
      writer.keyword("VERBOSE");
    }
    writer.newlineAndIndent();
    query.unparse(writer, 0, 0);
  }
}
