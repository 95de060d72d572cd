package dev.blueshift.coordinator.system;

import static dev.blueshift.coordinator.system.PinnedCatalog.PG_CATALOG;

import dev.blueshift.coordinator.load.LoadHistory;
import dev.blueshift.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * Redshift's load logs: {@code stl_load_errors} (every row a COPY rejected, with file, line,
 * column, raw line and value, code and reason) and {@code stl_load_commits} (every file a COPY
 * read, with lines scanned, rows loaded, errors and how the COPY ended). Rows come from the
 * coordinator's {@link LoadHistory}, not from the pinned catalog: they describe loads, not tables.
 */
final class StlLoadTables {
  private StlLoadTables() {}

  private static final SqlType FILENAME = SqlType.varchar(256);
  private static final SqlType RAW = SqlType.varchar(1024);

  static final SystemTableDefinition STL_LOAD_ERRORS = new SystemTableDefinition(PG_CATALOG, "stl_load_errors",
      SystemTableDefinition.define().integer("userid", "slice", "tbl").add(SqlType.TIMESTAMP, false, "starttime")
          .integer("session").bigint("query").add(FILENAME, false, "filename").bigint("line_number")
          .nullableName("colname").nullableText("type", "col_length").integer("position")
          .add(RAW, true, "raw_line", "raw_field_value").integer("err_code").add(RAW, false, "err_reason").build(),
      StlLoadTables::errors);

  static final SystemTableDefinition STL_LOAD_COMMITS = new SystemTableDefinition(PG_CATALOG, "stl_load_commits",
      SystemTableDefinition.define().integer("userid").bigint("query").integer("tbl")
          .add(FILENAME, false, "filename").bigint("lines_scanned", "rows", "errors")
          .add(SqlType.TIMESTAMP, false, "curtime").text("status").build(),
      StlLoadTables::commits);

  static final List<SystemTableDefinition> ALL = List.of(STL_LOAD_ERRORS, STL_LOAD_COMMITS);

  private static List<Object[]> errors(PinnedCatalog catalog) {
    List<Object[]> out = new ArrayList<>();
    for (LoadHistory.ErrorRow e : catalog.loads().errors()) {
      out.add(new Object[] {e.userId(), e.slice(), e.tableOid(), e.startMicros(), e.session(), e.query(),
          e.filename(), e.lineNumber(), e.colname(), e.type(), e.colLength(), e.position(), e.rawLine(),
          e.rawFieldValue(), e.errCode(), e.errReason()});
    }
    return out;
  }

  private static List<Object[]> commits(PinnedCatalog catalog) {
    List<Object[]> out = new ArrayList<>();
    for (LoadHistory.FileRow f : catalog.loads().files()) {
      out.add(new Object[] {f.userId(), f.query(), f.tableOid(), f.filename(), f.linesScanned(), f.rows(),
          f.errors(), f.endMicros(), f.status()});
    }
    return out;
  }
}
