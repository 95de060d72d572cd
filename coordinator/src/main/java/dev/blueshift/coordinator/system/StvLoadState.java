package dev.blueshift.coordinator.system;

import static dev.blueshift.coordinator.system.PinnedCatalog.PG_CATALOG;

import dev.blueshift.coordinator.load.LoadStates;
import dev.blueshift.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * Redshift's {@code stv_load_state}: one row per slice of every COPY running now, with the bytes
 * and lines it has read, its files done and the file it is reading. Rows come from the workers'
 * progress reports (a few times a second), so a second session sees a load advance.
 */
final class StvLoadState {
  private StvLoadState() {}

  static final SystemTableDefinition STV_LOAD_STATE = new SystemTableDefinition(PG_CATALOG, "stv_load_state",
      SystemTableDefinition.define().integer("session", "query", "slice", "pid").add(SqlType.TIMESTAMP, false, "recordtime")
          .bigint("bytes_to_load", "bytes_loaded", "bytes_to_load_compressed", "bytes_loaded_compressed", "lines")
          .integer("num_files", "num_files_complete").add(SqlType.varchar(256), false, "current_file")
          .integer("pct_complete").build(),
      StvLoadState::rows);

  static final List<SystemTableDefinition> ALL = List.of(STV_LOAD_STATE);

  private static List<Object[]> rows(PinnedCatalog catalog) {
    List<Object[]> out = new ArrayList<>();
    for (LoadStates.SliceState s : catalog.loads().running().rows()) {
      out.add(new Object[] {s.session(), s.query(), s.slice(), s.pid(), s.recordMicros(), s.bytesToLoad(),
          s.bytesLoaded(), s.bytesToLoadCompressed(), s.bytesLoadedCompressed(), s.lines(), s.numFiles(),
          s.numFilesComplete(), s.currentFile(), s.pctComplete()});
    }
    return out;
  }
}
