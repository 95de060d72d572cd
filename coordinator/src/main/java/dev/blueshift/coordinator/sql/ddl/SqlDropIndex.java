package dev.blueshift.coordinator.sql.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP INDEX [IF EXISTS] name}: a no-op, as indexes are never created. */
public final class SqlDropIndex extends SqlDrop {
  public final SqlIdentifier name;

  public SqlDropIndex(SqlParserPos pos, boolean ifExists, SqlIdentifier name) {
    super(DdlOperators.DROP_INDEX, pos, ifExists);
    this.name = name;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DROP INDEX");
    name.unparse(writer, leftPrec, rightPrec);
  }
}
