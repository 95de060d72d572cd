package dev.blueshift.coordinator.sql.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code CREATE [UNIQUE] INDEX name ON table (columns)}: checked against the table, then ignored. */
public final class SqlCreateIndex extends SqlCreate {
  public final boolean unique;
  public final SqlIdentifier name;
  public final SqlIdentifier table;
  public final SqlNodeList columns;

  public SqlCreateIndex(SqlParserPos pos, boolean ifNotExists, boolean unique, SqlIdentifier name,
      SqlIdentifier table, SqlNodeList columns) {
    super(DdlOperators.CREATE_INDEX, pos, false, ifNotExists);
    this.unique = unique;
    this.name = name;
    this.table = table;
    this.columns = columns;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(name, table, columns);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(unique ? "CREATE UNIQUE INDEX" : "CREATE INDEX");
    name.unparse(writer, leftPrec, rightPrec);
    writer.keyword("ON");
    table.unparse(writer, leftPrec, rightPrec);
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode c : columns) {
      writer.sep(",");
      c.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }
}
