package dev.blueshift.coordinator.load;

import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.sql.ddl.SqlCopy;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.util.function.IntFunction;
import org.apache.calcite.sql.SqlIdentifier;

/**
 * Which table column each field of an input line fills ({@code COPY t (c1, c3)}; all columns in
 * table order without a list), and the value of every column the list leaves out: its DEFAULT, or
 * NULL. A left-out NOT NULL column without a DEFAULT fails the COPY before any file is read.
 */
record CopyColumns(int[] fileColumns, Object[] fixed) {

  static CopyColumns of(SqlCopy copy, TableSnapshot table, IntFunction<Object> defaults) {
    int n = table.columnCount();
    Object[] fixed = new Object[n];
    if (copy.columns.isEmpty()) {
      int[] all = new int[n];
      java.util.Arrays.setAll(all, i -> i);
      return new CopyColumns(all, fixed);
    }
    int[] fileColumns = new int[copy.columns.size()];
    boolean[] listed = new boolean[n];
    for (int i = 0; i < fileColumns.length; i++) {
      SqlIdentifier id = copy.columns.get(i);
      String name = id.names.get(id.names.size() - 1);
      int c = table.columnIndex(name);
      if (c < 0) {
        throw new BlueshiftException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \""
            + table.name() + "\" does not exist", id.getParserPosition().getLineNum(),
            id.getParserPosition().getColumnNum(), null);
      }
      if (listed[c]) {
        throw new BlueshiftException(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" specified more than once",
            id.getParserPosition().getLineNum(), id.getParserPosition().getColumnNum(), null);
      }
      listed[c] = true;
      fileColumns[i] = c;
    }
    for (int c = 0; c < n; c++) {
      if (!listed[c]) {
        fixed[c] = defaults.apply(c);
        if (fixed[c] == null && table.def().getColumns(c).getNotNull()) {
          throw new BlueshiftException(SqlState.NOT_NULL_VIOLATION, "COPY: column \"" + table.columnName(c)
              + "\" is NOT NULL without a DEFAULT and is not in the column list");
        }
      }
    }
    return new CopyColumns(fileColumns, fixed);
  }
}
