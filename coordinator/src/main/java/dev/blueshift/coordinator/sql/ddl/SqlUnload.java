package dev.blueshift.coordinator.sql.ddl;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Redshift {@code UNLOAD ('select …') TO 'path' option …}: writes a query's result to files.
 * The query stays text, as in Redshift; the engine parses it with the same parser.
 */
public final class SqlUnload extends SqlCall {
  public final String query;
  public final String to;
  public final List<SqlCopyOption> options;

  public SqlUnload(SqlParserPos pos, String query, String to, List<SqlCopyOption> options) {
    super(pos);
    this.query = query;
    this.to = to;
    this.options = List.copyOf(options);
  }

  /** The option with this canonical (upper-case) name, if given. */
  public Optional<SqlCopyOption> option(String name) {
    return options.stream().filter(o -> o.name().equals(name)).findFirst();
  }

  @Override public SqlOperator getOperator() {
    return DdlOperators.UNLOAD;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of();
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("UNLOAD");
    SqlWriter.Frame frame = writer.startList("(", ")");
    SqlLiteral.createCharString(query, SqlParserPos.ZERO).unparse(writer, 0, 0);
    writer.endList(frame);
    writer.keyword("TO");
    SqlLiteral.createCharString(to, SqlParserPos.ZERO).unparse(writer, 0, 0);
    SqlCopyOption.unparseAll(writer, options);
  }
}
