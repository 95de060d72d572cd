package dev.blueshift.coordinator.load;

import dev.blueshift.coordinator.catalog.Changes;
import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.cluster.ClusterClient;
import dev.blueshift.coordinator.sql.ddl.SqlCopy;
import dev.blueshift.coordinator.sql.ddl.SqlCopyOption;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.catalog.CatalogRecord;
import dev.blueshift.protocol.catalog.ColumnDef;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.load.DateTimeFormat;
import dev.blueshift.worker.load.DelimitedTextParser;
import dev.blueshift.worker.load.LoadError;
import dev.blueshift.worker.load.LoadOptions;
import dev.blueshift.worker.types.ProtoTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;

/**
 * {@code COPY table FROM 'path'}: parses the files and writes the rows through a {@link TableWriter}
 * (routed to slices, one segment per slice); the caller commits all of them in one catalog record —
 * the table shows the whole load or none of it.
 */
public final class CopyCommand {
  private final ClusterClient cluster;
  private final BufferAllocator allocator;
  private final LoadHistory history;

  public CopyCommand(ClusterClient cluster, BufferAllocator allocator) {
    this(cluster, allocator, LoadHistory.EMPTY);
  }

  /** {@code history} receives every rejected row and every file read, whether the COPY succeeds or not. */
  public CopyCommand(ClusterClient cluster, BufferAllocator allocator, LoadHistory history) {
    this.cluster = cluster;
    this.allocator = allocator;
    this.history = history;
  }

  /**
   * Loads the files into new, uncommitted segments and returns the catalog change that makes them
   * visible, with the number of rows loaded; the caller commits it.
   */
  public Loaded execute(SqlCopy copy, TableSnapshot table) {
    return execute(copy, table, column -> null);
  }

  /**
   * As {@link #execute(SqlCopy, TableSnapshot)}; with a column list, {@code defaults} gives the value
   * of each column the list leaves out (its DEFAULT, or null). With NOLOAD the rows are only
   * checked: nothing is written and the returned change is null.
   */
  public Loaded execute(SqlCopy copy, TableSnapshot table, IntFunction<Object> defaults) {
    if (copy.fromStdin) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "COPY FROM STDIN is not supported yet");
    }
    LoadOptions options = options(copy);
    boolean noLoad = copy.hasOption("NOLOAD");
    List<Path> files = expand(copy.from);
    List<String> names = new ArrayList<>();
    List<SqlType> types = new ArrayList<>();
    List<Boolean> notNull = new ArrayList<>();
    for (ColumnDef c : table.def().getColumnsList()) {
      names.add(c.getName());
      types.add(ProtoTypes.fromProto(c.getType()));
      notNull.add(c.getNotNull());
    }
    CopyColumns columns = CopyColumns.of(copy, table, defaults);
    LoadRun run = new LoadRun(history, table, columnsByName(names, types));
    List<LoadError> errors = new ArrayList<>();
    try (TableWriter writer = new TableWriter(cluster, allocator, table.def(), table.version() + 1)) {
      DelimitedTextParser parser = new DelimitedTextParser(names, types, notNull, options, allocator,
          columns.fileColumns(), columns.fixed());
      long rows = 0;
      for (Path file : files) {
        DelimitedTextParser.FileResult result = parser.parse(file, batch -> {
          try (batch) {
            if (!noLoad) {
              writer.add(batch);
            }
          }
        }, errors);
        run.file(file.toString(), result);
        rows += result.rows();
        if (result.stopped()) {
          run.finish(errors, "failed");
          throw parser.loadFailed(errors);
        }
      }
      if (noLoad) {
        run.finish(errors, "noload");
        return new Loaded(rows, null);
      }
      Loaded loaded = new Loaded(rows, Changes.append(table, writer.write()));
      run.finish(errors, "loaded");
      return loaded;
    } catch (RuntimeException e) {
      run.finish(errors, "failed");
      throw e;
    }
  }

  private static java.util.Map<String, SqlType> columnsByName(List<String> names, List<SqlType> types) {
    java.util.Map<String, SqlType> out = new java.util.HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), types.get(i));
    }
    return out;
  }

  /** What a COPY produced: its row count and the commit that publishes it (null after NOLOAD). */
  public record Loaded(long rows, CatalogRecord change) {}

  /** The files a COPY path names: one file, every file of a directory, or the files with a prefix. */
  static List<Path> expand(String from) {
    String location = from.startsWith("file://") ? from.substring("file://".length()) : from;
    Path path = Path.of(location);
    try {
      if (Files.isRegularFile(path)) {
        return List.of(path);
      }
      if (Files.isDirectory(path)) {
        try (Stream<Path> s = Files.list(path)) {
          List<Path> files = s.filter(Files::isRegularFile).sorted().toList();
          if (!files.isEmpty()) {
            return files;
          }
        }
      } else if (path.getParent() != null && Files.isDirectory(path.getParent())) {
        String prefix = path.getFileName().toString();
        try (Stream<Path> s = Files.list(path.getParent())) {
          List<Path> files = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().startsWith(prefix)).sorted().toList();
          if (!files.isEmpty()) {
            return files;
          }
        }
      }
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot list '" + from + "': " + e.getMessage(), e);
    }
    throw new BlueshiftException(SqlState.IO_ERROR, "COPY: no file found at '" + from + "'");
  }

  private static LoadOptions options(SqlCopy copy) {
    LoadOptions d = LoadOptions.defaults();
    char delimiter = d.delimiter();
    String nullAs = d.nullAs();
    int ignoreHeader = 0;
    boolean csv = false;
    char quote = d.quote();
    long maxErrors = 0;
    boolean emptyAsNull = false;
    boolean blanksAsNull = false;
    boolean truncate = false;
    boolean fillRecord = false;
    boolean trimBlanks = false;
    DateTimeFormat dateFormat = null;
    DateTimeFormat timeFormat = null;
    boolean acceptAnyDate = false;
    boolean removeQuotes = false;
    boolean json = false;
    boolean jsonIgnoreCase = false;
    for (SqlCopyOption o : copy.options) {
      switch (o.name().toUpperCase(Locale.ROOT)) {
        case "DELIMITER" -> delimiter = single(o);
        case "NULL" -> nullAs = o.stringValue();
        case "IGNOREHEADER" -> ignoreHeader = (int) o.longValue();
        case "CSV" -> {
          csv = true;
          delimiter = delimiter == '|' ? ',' : delimiter;
        }
        case "FORMAT" -> {
          String f = o.value() == null ? "" : o.stringValue().toUpperCase(Locale.ROOT);
          if (f.equals("CSV")) {
            csv = true;
            delimiter = delimiter == '|' ? ',' : delimiter;
          } else if (f.equals("JSON")) {
            json = true;
          } else {
            throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "COPY FORMAT " + f + " is not supported yet");
          }
        }
        case "QUOTE" -> quote = single(o);
        case "MAXERROR" -> maxErrors = o.longValue();
        case "EMPTYASNULL" -> emptyAsNull = true;
        case "BLANKSASNULL" -> blanksAsNull = true;
        case "TRUNCATECOLUMNS" -> truncate = true;
        case "FILLRECORD" -> fillRecord = true;
        case "TRIMBLANKS" -> trimBlanks = true;
        case "DATEFORMAT" -> dateFormat = DateTimeFormat.of(o.stringValue());
        case "TIMEFORMAT" -> timeFormat = DateTimeFormat.of(o.stringValue());
        case "ACCEPTANYDATE" -> acceptAnyDate = true;
        case "REMOVEQUOTES" -> removeQuotes = true;
        case "JSON" -> {
          json = true;
          String arg = o.value() == null ? "auto" : o.stringValue().strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
          if (arg.equals("auto ignorecase")) {
            jsonIgnoreCase = true;
          } else if (!arg.equals("auto")) {
            throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED,
                "COPY JSON '" + o.stringValue() + "': only 'auto' and 'auto ignorecase' are supported yet (no jsonpaths files)");
          }
        }
        case "NOLOAD" -> { }
        case "GZIP", "COMPUPDATE", "STATUPDATE", "REGION", "IAM_ROLE", "CREDENTIALS", "ENCODING", "ACCEPTINVCHARS" -> { }
        default -> throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "COPY option " + o.name() + " is not supported yet");
      }
    }
    if (removeQuotes && csv) {
      throw new BlueshiftException(SqlState.SYNTAX_ERROR, "COPY: REMOVEQUOTES cannot be used with CSV");
    }
    return new LoadOptions(delimiter, nullAs, ignoreHeader, emptyAsNull, blanksAsNull, truncate, csv, quote, maxErrors,
        fillRecord, trimBlanks, dateFormat, timeFormat, acceptAnyDate, removeQuotes, json, jsonIgnoreCase);
  }

  private static char single(SqlCopyOption o) {
    String s = o.stringValue();
    if (s.length() != 1) {
      throw new BlueshiftException(SqlState.SYNTAX_ERROR, "COPY " + o.name() + " must be a single character, not '" + s + "'");
    }
    return s.charAt(0);
  }
}
