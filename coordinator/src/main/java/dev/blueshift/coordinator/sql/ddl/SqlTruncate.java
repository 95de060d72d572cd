package dev.blueshift.coordinator.sql.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code TRUNCATE [TABLE] name}. */
public final class SqlTruncate extends org.apache.calcite.sql.SqlTruncate {
  public final SqlIdentifier name;

  public SqlTruncate(SqlParserPos pos, SqlIdentifier name) {
    super(DdlOperators.TRUNCATE, pos);
    this.name = name;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("TRUNCATE TABLE");
    name.unparse(writer, leftPrec, rightPrec);
  }
}
