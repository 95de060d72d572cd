package dev.blueshift.coordinator.plan;

import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.util.SqlOperatorTables;

/** Redshift functions that neither Calcite's standard nor its PostgreSQL/Redshift libraries declare. */
final class RedshiftFunctions {
  private RedshiftFunctions() {}

  /** {@code LEN(s)} and {@code LENGTH(s)}: characters in a string (CHAR's trailing blanks excluded). */
  /** Lower-case names: the parser folds unquoted function names, and this table matches them exactly. */
  private static SqlFunction length(String name) {
    return new SqlFunction(name, SqlKind.OTHER_FUNCTION, ReturnTypes.INTEGER_NULLABLE, null, OperandTypes.CHARACTER,
        SqlFunctionCategory.STRING);
  }

  static final SqlOperatorTable TABLE = SqlOperatorTables.of(length("len"), length("length"));
}
