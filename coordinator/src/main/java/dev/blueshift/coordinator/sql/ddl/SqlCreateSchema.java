package dev.blueshift.coordinator.sql.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/** {@code CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION user]}. */
public final class SqlCreateSchema extends SqlCreate {
  public final SqlIdentifier name;
  /** The {@code AUTHORIZATION} owner, or null. */
  public final SqlIdentifier authorization;

  public SqlCreateSchema(SqlParserPos pos, boolean replace, boolean ifNotExists, SqlIdentifier name,
      SqlIdentifier authorization) {
    super(DdlOperators.CREATE_SCHEMA, pos, replace, ifNotExists);
    if (replace) {
      throw SqlErrors.syntax(pos, "CREATE OR REPLACE SCHEMA is not supported");
    }
    this.name = name;
    this.authorization = authorization;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, authorization);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE SCHEMA");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
    if (authorization != null) {
      writer.keyword("AUTHORIZATION");
      authorization.unparse(writer, leftPrec, rightPrec);
    }
  }
}
