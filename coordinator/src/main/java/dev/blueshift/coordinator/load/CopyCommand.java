package dev.blueshift.coordinator.load;

import dev.blueshift.coordinator.catalog.Catalog;
import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.cluster.ClusterClient;
import dev.blueshift.coordinator.sql.ddl.SqlCopy;
import dev.blueshift.coordinator.sql.ddl.SqlCopyOption;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.SegmentColumnSpec;
import dev.blueshift.protocol.WriteSegmentHeader;
import dev.blueshift.protocol.WriteSegmentResponse;
import dev.blueshift.protocol.catalog.ColumnDef;
import dev.blueshift.protocol.catalog.DistStyle;
import dev.blueshift.protocol.catalog.SegmentEntry;
import dev.blueshift.protocol.Column;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exchange.SliceHash;
import dev.blueshift.worker.exec.Batches;
import dev.blueshift.worker.exec.RowKeys;
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
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * {@code COPY table FROM 'path'}: parses the files, routes every row to its slice (DISTKEY hash,
 * round-robin for EVEN, every worker for ALL), has each slice's worker write and sync a segment,
 * then commits all of them in one catalog record — the table shows the whole load or none of it.
 */
public final class CopyCommand {
  private final Catalog catalog;
  private final ClusterClient cluster;
  private final BufferAllocator allocator;

  public CopyCommand(Catalog catalog, ClusterClient cluster, BufferAllocator allocator) {
    this.catalog = catalog;
    this.cluster = cluster;
    this.allocator = allocator;
  }

  /** Runs the COPY and returns the number of rows loaded. */
  public long execute(SqlCopy copy, TableSnapshot table) {
    if (copy.fromStdin) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "COPY FROM STDIN is not supported yet");
    }
    if (!copy.columns.isEmpty()) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "COPY with a column list is not supported yet");
    }
    LoadOptions options = options(copy);
    List<Path> files = expand(copy.from);
    List<String> names = new ArrayList<>();
    List<SqlType> types = new ArrayList<>();
    List<Boolean> notNull = new ArrayList<>();
    for (ColumnDef c : table.def().getColumnsList()) {
      names.add(c.getName());
      types.add(ProtoTypes.fromProto(c.getType()));
      notNull.add(c.getNotNull());
    }
    int slices = cluster.totalSlices();
    List<List<VectorSchemaRoot>> perSlice = new ArrayList<>();
    for (int s = 0; s < slices; s++) {
      perSlice.add(new ArrayList<>());
    }
    try {
      DelimitedTextParser parser = new DelimitedTextParser(names, types, notNull, options, allocator);
      List<LoadError> errors = new ArrayList<>();
      long[] rows = {0};
      int[] roundRobin = {0};
      for (Path file : files) {
        rows[0] += parser.parse(file, batch -> {
          try (batch) {
            route(table, batch, perSlice, roundRobin);
          }
        }, errors);
      }
      List<SegmentEntry> added = write(table, perSlice);
      catalog.commit(table, added, false);
      return rows[0];
    } finally {
      perSlice.forEach(list -> list.forEach(VectorSchemaRoot::close));
    }
  }

  private void route(TableSnapshot table, VectorSchemaRoot batch, List<List<VectorSchemaRoot>> perSlice, int[] roundRobin) {
    int n = batch.getRowCount();
    DistStyle style = table.def().getDistStyle();
    if (style == DistStyle.DIST_ALL) {
      for (int w = 0; w < cluster.workerCount(); w++) {
        perSlice.get(cluster.firstSliceOf(w)).add(Batches.slice(batch, 0, n, allocator));
      }
      return;
    }
    int slices = perSlice.size();
    int[][] rows = new int[slices][n];
    int[] counts = new int[slices];
    FieldVector[] key = style == DistStyle.DIST_KEY ? new FieldVector[] {batch.getVector(table.def().getDistKey())} : null;
    for (int i = 0; i < n; i++) {
      int s = key != null ? SliceHash.slice(RowKeys.hash(key, i), slices) : roundRobin[0]++ % slices;
      rows[s][counts[s]++] = i;
    }
    for (int s = 0; s < slices; s++) {
      if (counts[s] > 0) {
        perSlice.get(s).add(Batches.select(batch, rows[s], counts[s], allocator));
      }
    }
  }

  private List<SegmentEntry> write(TableSnapshot table, List<List<VectorSchemaRoot>> perSlice) {
    List<SegmentColumnSpec> columns = new ArrayList<>();
    for (ColumnDef c : table.def().getColumnsList()) {
      columns.add(SegmentColumnSpec.newBuilder()
          .setColumn(Column.newBuilder().setName(c.getName()).setType(c.getType()))
          .setEncoding(c.getEncoding()).build());
    }
    String batchId = UUID.randomUUID().toString().substring(0, 8);
    List<SegmentEntry> added = new ArrayList<>();
    for (int s = 0; s < perSlice.size(); s++) {
      if (perSlice.get(s).isEmpty()) {
        continue;
      }
      int worker = cluster.workerOfSlice(s);
      WriteSegmentHeader header = WriteSegmentHeader.newBuilder()
          .setTableId(table.id()).setSlice(s).addAllColumns(columns).addAllSortKey(table.def().getSortKeyList())
          .setSegmentName("v" + (table.version() + 1) + "-" + batchId).build();
      WriteSegmentResponse r = SegmentUploader.upload(cluster, worker, header, perSlice.get(s));
      added.add(SegmentEntry.newBuilder().setWorker(worker).setSlice(s).setPath(r.getPath())
          .setRowCount(r.getRowCount()).setBytes(r.getBytes()).addAllStats(r.getStatsList()).build());
    }
    return added;
  }

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
        case "GZIP", "COMPUPDATE", "STATUPDATE", "REGION", "IAM_ROLE", "CREDENTIALS", "ENCODING", "ACCEPTINVCHARS" -> { }
        default -> throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "COPY option " + o.name() + " is not supported yet");
      }
    }
    return new LoadOptions(delimiter, nullAs, ignoreHeader, emptyAsNull, blanksAsNull, truncate, csv, quote, maxErrors,
        fillRecord, trimBlanks);
  }

  private static char single(SqlCopyOption o) {
    String s = o.stringValue();
    if (s.length() != 1) {
      throw new BlueshiftException(SqlState.SYNTAX_ERROR, "COPY " + o.name() + " must be a single character, not '" + s + "'");
    }
    return s.charAt(0);
  }
}
