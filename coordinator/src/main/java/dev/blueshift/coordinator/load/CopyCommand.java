package dev.blueshift.coordinator.load;

import dev.blueshift.coordinator.catalog.Changes;
import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.cluster.ClusterClient;
import dev.blueshift.coordinator.sql.ddl.SqlCopy;
import dev.blueshift.coordinator.sql.ddl.SqlCopyOption;
import dev.blueshift.protocol.catalog.CatalogRecord;
import dev.blueshift.protocol.catalog.ColumnDef;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.load.DelimitedTextParser;
import dev.blueshift.worker.load.LoadError;
import dev.blueshift.worker.load.LoadFormats;
import dev.blueshift.worker.load.ParseResult;
import dev.blueshift.worker.load.LoadOption;
import dev.blueshift.worker.load.LoadOptions;
import dev.blueshift.worker.types.ProtoTypes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.apache.arrow.memory.BufferAllocator;

/**
 * {@code COPY table FROM 'path'}: has the workers parse the files in parallel and write the rows
 * into new, uncommitted segments of their slices ({@link DistributedLoad}); the caller commits all
 * of them in one catalog record — the table shows the whole load or none of it.
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
    List<LoadOption> optionList = optionList(copy);
    LoadOptions options = LoadOptions.parse(optionList);
    boolean noLoad = copy.hasOption("NOLOAD");
    List<Path> files = CopySources.expand(copy);
    CopyColumns columns = CopyColumns.of(copy, table, defaults);
    LoadRun run = new LoadRun(history, table, columnTypes(table));
    boolean compressedByOption = options.compression() != dev.blueshift.worker.load.Compression.NONE;
    DistributedLoad load = new DistributedLoad(cluster);
    List<LoadError> errors = List.of();
    List<Integer> errorSlices = List.of();
    try (LoadStates.Running progress = history.running().start(LoadRun.SESSION, run.query())) {
      List<DistributedLoad.Input> inputs = load.plan(files, LoadFormats.of(options).splittable(), compressedByOption);
      DistributedLoad.Outcome outcome = load.run(inputs, table.def(), columns.fileColumns(), columns.fixed(),
          optionList, noLoad, progress, compressedByOption || inputs.stream().anyMatch(i -> DistributedLoad.compressedName(i.file())));
      errors = outcome.errors();
      errorSlices = outcome.errorSlices();
      long rows = 0;
      for (int f = 0; f < files.size(); f++) {
        long lines = 0;
        long fileRows = 0;
        for (DistributedLoad.Input in : inputs) {
          if (in.fileIndex() == f) {
            lines += outcome.lines()[in.index()];
            fileRows += outcome.rows()[in.index()];
          }
        }
        run.file(files.get(f).toString(), new ParseResult(lines, fileRows, false));
        rows += fileRows;
      }
      if (outcome.stopped() || errors.size() > options.maxErrors()) {
        load.abort(table.def().getTableId());
        // workers stop on their own count; keep what a sequential load would have recorded
        int keep = (int) Math.min(errors.size(), options.maxErrors() + 1);
        errors = errors.subList(0, keep);
        errorSlices = errorSlices.subList(0, keep);
        run.finish(errors, errorSlices, "failed");
        throw DelimitedTextParser.loadFailed(errors, options.maxErrors());
      }
      if (noLoad) {
        run.finish(errors, errorSlices, "noload");
        return new Loaded(rows, null);
      }
      Loaded loaded = new Loaded(rows, Changes.append(table, outcome.segments()));
      run.finish(errors, errorSlices, "loaded");
      return loaded;
    } catch (RuntimeException e) {
      run.finish(errors, errorSlices, "failed");
      throw e;
    }
  }

  private static java.util.Map<String, SqlType> columnTypes(TableSnapshot table) {
    java.util.Map<String, SqlType> out = new java.util.HashMap<>();
    for (ColumnDef c : table.def().getColumnsList()) {
      out.put(c.getName(), ProtoTypes.fromProto(c.getType()));
    }
    return out;
  }

  /** What a COPY produced: its row count and the commit that publishes it (null after NOLOAD). */
  public record Loaded(long rows, CatalogRecord change) {}

  /** The files a COPY path names ({@link CopySources}: file, directory, prefix or glob). */
  static List<Path> expand(String from) {
    return CopySources.expand(from, false);
  }

  /**
   * The COPY's options as they travel to the workers (numbers checked here, where the parser
   * knows their position).
   */
  static List<LoadOption> optionList(SqlCopy copy) {
    List<LoadOption> out = new ArrayList<>();
    for (SqlCopyOption o : copy.options) {
      String name = o.name().toUpperCase(Locale.ROOT);
      String value = name.equals("IGNOREHEADER") || name.equals("MAXERROR") ? Long.toString(o.longValue()) : o.stringValue();
      out.add(new LoadOption(name, value));
    }
    return out;
  }

  /** The one mapping from option names to {@link LoadOptions} lives in {@link LoadOptions#parse}. */
  private static LoadOptions options(SqlCopy copy) {
    return LoadOptions.parse(optionList(copy));
  }

}
