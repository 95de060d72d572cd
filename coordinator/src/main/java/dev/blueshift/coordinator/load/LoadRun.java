package dev.blueshift.coordinator.load;

import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.system.PgType;
import dev.blueshift.coordinator.system.PinnedCatalog;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.load.ParseResult;
import dev.blueshift.worker.load.LoadError;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One COPY as the load history sees it: its query id and start time, the files it read; at the end
 * it writes the rejected rows and the files, with the outcome, to the {@link LoadHistory} once.
 */
final class LoadRun {
  /** Local mode's only user ({@code admin}); Redshift's userid column. */
  private static final int USER_ID = 100;
  /** Redshift's stl_load_errors text columns hold at most this many characters. */
  private static final int RAW_LIMIT = 1024;
  /** Redshift's session is the backend process; here one process serves every session. */
  static final int SESSION = (int) ProcessHandle.current().pid();

  private final LoadHistory history;
  private final long query;
  private final long tableOid;
  private final long startMicros;
  private final Map<String, SqlType> columnTypes;
  private final List<LoadHistory.FileRow> files = new ArrayList<>();
  private final List<String> fileNames = new ArrayList<>();
  private final List<ParseResult> results = new ArrayList<>();
  private boolean finished;

  LoadRun(LoadHistory history, TableSnapshot table, Map<String, SqlType> columnTypes) {
    this.history = history;
    this.query = history.nextQuery();
    this.tableOid = PinnedCatalog.tableOid(table);
    this.startMicros = nowMicros();
    this.columnTypes = columnTypes == null ? Map.of() : columnTypes;
  }

  long query() {
    return query;
  }

  void file(String name, ParseResult result) {
    fileNames.add(name);
    results.add(result);
  }

  /** Records everything once, with the COPY's outcome ({@code loaded}, {@code failed}, {@code noload}). */
  void finish(List<LoadError> errors, String status) {
    finish(errors, List.of(), status);
  }

  /** As {@link #finish(List, String)}; {@code slices[i]} is the slice that rejected {@code errors[i]} (0 when absent). */
  void finish(List<LoadError> errors, List<Integer> slices, String status) {
    if (finished) {
      return;
    }
    finished = true;
    long end = nowMicros();
    for (int i = 0; i < fileNames.size(); i++) {
      String name = fileNames.get(i);
      long rejected = errors.stream().filter(e -> e.file().equals(name)).count();
      ParseResult r = results.get(i);
      files.add(new LoadHistory.FileRow(USER_ID, query, tableOid, end, clip(name, 256), r.lines(), r.rows(),
          rejected, status));
    }
    List<LoadHistory.ErrorRow> rows = new ArrayList<>(errors.size());
    for (int i = 0; i < errors.size(); i++) {
      LoadError e = errors.get(i);
      int slice = i < slices.size() ? slices.get(i) : 0;
      rows.add(new LoadHistory.ErrorRow(USER_ID, slice, tableOid, startMicros, SESSION, query, clip(e.file(), 256),
          e.line(), e.column(), typeName(e.column()), length(e.column()), e.position(), clip(e.rawLine(), RAW_LIMIT),
          clip(e.rawValue(), RAW_LIMIT), e.code(), clip(e.reason(), RAW_LIMIT)));
    }
    history.record(rows, files);
  }

  /** The column's PostgreSQL type name (int4, varchar, numeric…), as Redshift's type column shows. */
  private String typeName(String column) {
    SqlType t = column == null ? null : columnTypes.get(column);
    return t == null ? null : PgType.of(t).name();
  }

  /** The column's declared length, as Redshift shows it: n for CHAR/VARCHAR(n), "p,s" for DECIMAL. */
  private String length(String column) {
    SqlType t = column == null ? null : columnTypes.get(column);
    if (t == null) {
      return null;
    }
    return switch (t.kind()) {
      case CHAR, VARCHAR -> Integer.toString(t.length());
      case DECIMAL -> t.precision() + "," + t.scale();
      default -> null;
    };
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private static long nowMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }
}
