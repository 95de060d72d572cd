package dev.blueshift.coordinator.sql.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP TABLE [IF EXISTS] name [CASCADE | RESTRICT]}. */
public final class SqlDropTable extends SqlDrop {
  public final SqlIdentifier name;
  public final boolean cascade;

  public SqlDropTable(SqlParserPos pos, boolean ifExists, SqlIdentifier name, boolean cascade) {
    super(DdlOperators.DROP_TABLE, pos, ifExists);
    this.name = name;
    this.cascade = cascade;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DROP TABLE");
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
    if (cascade) {
      writer.keyword("CASCADE");
    }
  }
}
