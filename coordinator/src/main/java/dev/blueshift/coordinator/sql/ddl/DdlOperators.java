package dev.blueshift.coordinator.sql.ddl;

import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;

/** The operators of Blueshift's statement nodes (they are never validated as expressions). */
final class DdlOperators {
  private DdlOperators() {}

  static final SqlOperator CREATE_TABLE = new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);
  static final SqlOperator CREATE_SCHEMA = new SqlSpecialOperator("CREATE SCHEMA", SqlKind.CREATE_SCHEMA);
  static final SqlOperator DROP_TABLE = new SqlSpecialOperator("DROP TABLE", SqlKind.DROP_TABLE);
  static final SqlOperator DROP_SCHEMA = new SqlSpecialOperator("DROP SCHEMA", SqlKind.DROP_SCHEMA);
  static final SqlOperator CREATE_INDEX = new SqlSpecialOperator("CREATE INDEX", SqlKind.CREATE_INDEX);
  static final SqlOperator DROP_INDEX = new SqlSpecialOperator("DROP INDEX", SqlKind.DROP_INDEX);
  static final SqlOperator TRUNCATE = new SqlSpecialOperator("TRUNCATE", SqlKind.TRUNCATE_TABLE);
  static final SqlOperator COLUMN_DECL = new SqlSpecialOperator("COLUMN_DECL", SqlKind.COLUMN_DECL);
  static final SqlOperator COPY = new SqlSpecialOperator("COPY", SqlKind.OTHER);
  static final SqlOperator UNLOAD = new SqlSpecialOperator("UNLOAD", SqlKind.OTHER);
  static final SqlOperator ANALYZE = new SqlSpecialOperator("ANALYZE", SqlKind.OTHER);
  static final SqlOperator VACUUM = new SqlSpecialOperator("VACUUM", SqlKind.OTHER);
  static final SqlOperator EXPLAIN = new SqlSpecialOperator("EXPLAIN", SqlKind.OTHER);
  static final SqlOperator SHOW = new SqlSpecialOperator("SHOW", SqlKind.OTHER);
  static final SqlOperator ALTER_TABLE = new SqlSpecialOperator("ALTER TABLE", SqlKind.ALTER_TABLE);
  static final SqlOperator TRANSACTION = new SqlSpecialOperator("TRANSACTION", SqlKind.OTHER);
}
