package dev.blueshift.coordinator.load;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The coordinator's record of COPY runs: every rejected row ({@code stl_load_errors}) and every
 * file a COPY read ({@code stl_load_commits}). Kept in memory, bounded to the newest
 * {@code limit} rows of each kind, and in an append-only text file in the coordinator's directory
 * so that it survives restarts; the file is rewritten to the bounded history when it grows to
 * twice the limit.
 */
public final class LoadHistory implements AutoCloseable {
  /** Redshift keeps a few days of STL rows; we keep a count instead. */
  public static final int DEFAULT_LIMIT = 100_000;
  private static final String FILE_NAME = "load-history.log";
  /** A history that keeps nothing, for planners without a coordinator (plan tests). */
  public static final LoadHistory EMPTY = new LoadHistory(null, 0);

  /** One rejected row, with stl_load_errors' columns. Times are microseconds since the epoch. */
  public record ErrorRow(int userId, int slice, long tableOid, long startMicros, int session, long query,
      String filename, long lineNumber, String colname, String type, String colLength, int position,
      String rawLine, String rawFieldValue, int errCode, String errReason) {}

  /** One file of one COPY: lines read, rows loaded, rows rejected, and how the COPY ended. */
  public record FileRow(int userId, long query, long tableOid, long endMicros, String filename, long linesScanned,
      long rows, long errors, String status) {}

  private final Path file;
  /** The COPYs running now (stv_load_state); not persisted. */
  private final LoadStates running = new LoadStates();
  private final int limit;
  private final Deque<ErrorRow> errors = new ArrayDeque<>();
  private final Deque<FileRow> files = new ArrayDeque<>();
  private long lastQuery;
  private long linesInFile;
  private Writer out;

  private LoadHistory(Path file, int limit) {
    this.file = file;
    this.limit = limit;
  }

  /** Opens (or creates) the history kept in {@code dir}. */
  public static LoadHistory open(Path dir, int limit) {
    LoadHistory h = new LoadHistory(dir.resolve(FILE_NAME), limit);
    try {
      Files.createDirectories(dir);
      if (Files.exists(h.file)) {
        for (String line : Files.readAllLines(h.file, StandardCharsets.UTF_8)) {
          h.linesInFile++;
          h.remember(line);
        }
      }
      h.out = Files.newBufferedWriter(h.file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      if (Files.size(h.file) > 0 && !endsWithNewline(h.file)) {
        h.out.write('\n'); // a torn last line (crash mid-write) stays a line of its own
        h.out.flush();
      }
      if (h.linesInFile > 2L * limit) {
        h.compact();
      }
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot open load history " + h.file + ": " + e.getMessage(), e);
    }
    return h;
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
      ch.read(last, ch.size() - 1);
      return last.get(0) == '\n';
    }
  }

  public static LoadHistory open(Path dir) {
    return open(dir, DEFAULT_LIMIT);
  }

  /** A new query id for a COPY (ids continue across restarts). */
  /** The COPYs running now and their progress (behind stv_load_state). */
  public LoadStates running() {
    return running;
  }

  public synchronized long nextQuery() {
    return ++lastQuery;
  }

  /** Records one COPY's rejected rows and files, durably, before the COPY reports its outcome. */
  public synchronized void record(List<ErrorRow> rejected, List<FileRow> loaded) {
    if (file == null) {
      return;
    }
    try {
      for (ErrorRow e : rejected) {
        append(LoadHistoryFormat.error(e));
      }
      for (FileRow f : loaded) {
        append(LoadHistoryFormat.file(f));
      }
      out.flush();
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.force(false);
      }
      if (linesInFile > 2L * limit) {
        compact();
      }
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot write load history " + file + ": " + e.getMessage(), e);
    }
  }

  public synchronized List<ErrorRow> errors() {
    return new ArrayList<>(errors);
  }

  public synchronized List<FileRow> files() {
    return new ArrayList<>(files);
  }

  private void append(String line) throws IOException {
    out.write(line);
    out.write('\n');
    linesInFile++;
    remember(line);
  }

  private void remember(String line) {
    Object row = LoadHistoryFormat.parse(line);
    if (row instanceof ErrorRow e) {
      errors.addLast(e);
      lastQuery = Math.max(lastQuery, e.query());
      if (errors.size() > limit) {
        errors.removeFirst();
      }
    } else if (row instanceof FileRow f) {
      files.addLast(f);
      lastQuery = Math.max(lastQuery, f.query());
      if (files.size() > limit) {
        files.removeFirst();
      }
    }
  }

  /** Rewrites the file to the rows still kept (write a copy, then rename over the old file). */
  private void compact() throws IOException {
    out.close();
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    List<String> lines = new ArrayList<>();
    errors.forEach(e -> lines.add(LoadHistoryFormat.error(e)));
    files.forEach(f -> lines.add(LoadHistoryFormat.file(f)));
    Files.write(tmp, lines, StandardCharsets.UTF_8);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    linesInFile = lines.size();
    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  @Override
  public synchronized void close() {
    if (file == null) {
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot close load history " + file + ": " + e.getMessage(), e);
    }
  }
}
