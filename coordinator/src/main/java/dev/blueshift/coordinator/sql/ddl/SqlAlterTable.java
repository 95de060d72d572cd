package dev.blueshift.coordinator.sql.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * {@code ALTER TABLE name} with one action: {@code RENAME TO new}, {@code RENAME [COLUMN] a TO b},
 * {@code ADD [COLUMN] declaration}, {@code DROP [COLUMN] c [CASCADE|RESTRICT]}.
 */
public final class SqlAlterTable extends SqlCall {
  /** The action. */
  public enum Action { RENAME_TABLE, RENAME_COLUMN, ADD_COLUMN, DROP_COLUMN }

  public final SqlIdentifier name;
  public final Action action;
  /** RENAME_TABLE: the new name; RENAME_COLUMN and DROP_COLUMN: the column; else null. */
  public final SqlIdentifier target;
  /** RENAME_COLUMN: the new column name; else null. */
  public final SqlIdentifier newName;
  /** ADD_COLUMN: the column declared; else null. */
  public final SqlColumnDeclaration column;

  private SqlAlterTable(SqlParserPos pos, SqlIdentifier name, Action action, SqlIdentifier target,
      SqlIdentifier newName, SqlColumnDeclaration column) {
    super(pos);
    this.name = name;
    this.action = action;
    this.target = target;
    this.newName = newName;
    this.column = column;
  }

  public static SqlAlterTable renameTable(SqlParserPos pos, SqlIdentifier name, SqlIdentifier newName) {
    return new SqlAlterTable(pos, name, Action.RENAME_TABLE, newName, null, null);
  }

  public static SqlAlterTable renameColumn(SqlParserPos pos, SqlIdentifier name, SqlIdentifier column,
      SqlIdentifier newName) {
    return new SqlAlterTable(pos, name, Action.RENAME_COLUMN, column, newName, null);
  }

  public static SqlAlterTable addColumn(SqlParserPos pos, SqlIdentifier name, SqlColumnDeclaration column) {
    return new SqlAlterTable(pos, name, Action.ADD_COLUMN, null, null, column);
  }

  public static SqlAlterTable dropColumn(SqlParserPos pos, SqlIdentifier name, SqlIdentifier column) {
    return new SqlAlterTable(pos, name, Action.DROP_COLUMN, column, null, null);
  }

  @Override public SqlOperator getOperator() {
    return DdlOperators.ALTER_TABLE;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, target, newName, column);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ALTER TABLE");
    name.unparse(writer, 0, 0);
    switch (action) {
      case RENAME_TABLE -> {
        writer.keyword("RENAME TO");
        target.unparse(writer, 0, 0);
      }
      case RENAME_COLUMN -> {
        writer.keyword("RENAME COLUMN");
        target.unparse(writer, 0, 0);
        writer.keyword("TO");
        newName.unparse(writer, 0, 0);
      }
      case ADD_COLUMN -> {
        writer.keyword("ADD COLUMN");
        column.unparse(writer, 0, 0);
      }
      case DROP_COLUMN -> {
        writer.keyword("DROP COLUMN");
        target.unparse(writer, 0, 0);
      }
    }
  }
}
