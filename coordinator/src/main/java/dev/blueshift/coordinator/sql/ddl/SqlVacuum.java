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
 * {@code VACUUM [FULL | SORT ONLY | DELETE ONLY | REINDEX] [table [TO n PERCENT]]}: re-sort and
 * reclaim deleted rows of one table or all.
 */
public final class SqlVacuum extends SqlCall {
  /** What the vacuum does. */
  public enum Mode { FULL, SORT_ONLY, DELETE_ONLY, REINDEX }

  /** The table, or null for every table. */
  public final SqlIdentifier table;
  public final Mode mode;
  /** {@code TO n PERCENT} threshold, or null (Redshift default 95). */
  public final Integer toPercent;

  public SqlVacuum(SqlParserPos pos, SqlIdentifier table, Mode mode, Integer toPercent) {
    super(pos);
    this.table = table;
    this.mode = mode == null ? Mode.FULL : mode;
    this.toPercent = toPercent;
  }

  @Override public SqlOperator getOperator() {
    return DdlOperators.VACUUM;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(table);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("VACUUM");
    writer.keyword(mode.name().replace('_', ' '));
    if (table != null) {
      table.unparse(writer, 0, 0);
      if (toPercent != null) {
        writer.keyword("TO");
        writer.print(toPercent + " ");
        writer.keyword("PERCENT");
      }
    }
  }
}
