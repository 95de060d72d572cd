package dev.blueshift.coordinator.unload;

import dev.blueshift.coordinator.dml.StatementContext;
import dev.blueshift.coordinator.engine.ResultColumn;
import dev.blueshift.coordinator.engine.RowCursor;
import dev.blueshift.coordinator.plan.DistributedPlan;
import dev.blueshift.coordinator.sql.ddl.SqlUnload;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * {@code UNLOAD ('select …') TO 'prefix' [options]}: runs the query and writes its rows to files.
 * With PARALLEL ON (the default) the rows are dealt in chunks to one part per slice, each part
 * formatted, compressed and written by its own thread into {@code <prefix>NNNN_part_MM} (Redshift's
 * names); with PARALLEL OFF one file sequence {@code <prefix>000, 001, …} is written in the query's
 * order. Files are only started after the query has been planned; if writing fails, the files this
 * UNLOAD wrote are deleted.
 */
public final class UnloadStatement {
  private static final int CHUNK_ROWS = 4096;
  private static final AtomicInteger POOLS = new AtomicInteger();
  private static final List<Object[]> END = new ArrayList<>();

  private UnloadStatement() {}

  /** Writes the query's rows; returns how many were written. {@code slices} is the number of parallel parts. */
  public static long execute(StatementContext ctx, SqlUnload unload, int slices) {
    UnloadOptions options = UnloadOptions.of(unload);
    Destination prefix = destination(unload.to);
    DistributedPlan plan = ctx.plan(unload.query);
    checkDestination(prefix, options, unload.to);
    UnloadLineFormat format = new UnloadLineFormat(options);
    List<String> names = plan.columns().stream().map(ResultColumn::name).toList();
    String header = options.header() ? format.header(names) : null;
    int parts = options.parallel() ? Math.max(1, slices) : 1;
    List<UnloadPartWriter> writers = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      int part = p;
      writers.add(new UnloadPartWriter(options, n -> fileName(prefix, options, part, n), header));
    }
    try (RowCursor cursor = ctx.run(plan)) {
      long rows = parts == 1 ? writeSerial(cursor, format, writers.get(0)) : writeParallel(cursor, format, writers);
      if (rows == 0) {
        writers.get(0).ensureFile();
      }
      closeAll(writers);
      return rows;
    } catch (RuntimeException e) {
      closeQuietly(writers, e);
      for (UnloadPartWriter w : writers) {
        for (Path f : w.files()) {
          try {
            Files.deleteIfExists(f);
          } catch (IOException suppressed) {
            e.addSuppressed(suppressed);
          }
        }
      }
      throw e;
    }
  }

  private static long writeSerial(RowCursor cursor, UnloadLineFormat format, UnloadPartWriter writer) {
    long rows = 0;
    StringBuilder sb = new StringBuilder(1 << 16);
    List<Object[]> chunk;
    while (!(chunk = cursor.next(CHUNK_ROWS)).isEmpty()) {
      sb.setLength(0);
      for (Object[] row : chunk) {
        format.line(sb, row);
      }
      writer.write(sb);
      rows += chunk.size();
    }
    return rows;
  }

  /** Deals chunks of rows round-robin to one thread per part; each thread formats and writes its part. */
  private static long writeParallel(RowCursor cursor, UnloadLineFormat format, List<UnloadPartWriter> writers) {
    int parts = writers.size();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<BlockingQueue<List<Object[]>>> queues = new ArrayList<>();
    int pool = POOLS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "unload-" + pool + "-part-" + threads.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
    ExecutorService executor = Executors.newFixedThreadPool(parts, factory);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int p = 0; p < parts; p++) {
        BlockingQueue<List<Object[]>> queue = new ArrayBlockingQueue<>(2);
        queues.add(queue);
        UnloadPartWriter writer = writers.get(p);
        done.add(executor.submit(() -> {
          StringBuilder sb = new StringBuilder(1 << 16);
          try {
            List<Object[]> chunk;
            while ((chunk = queue.take()) != END) {
              sb.setLength(0);
              for (Object[] row : chunk) {
                format.line(sb, row);
              }
              writer.write(sb);
            }
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }));
      }
      long rows = 0;
      int next = 0;
      List<Object[]> chunk;
      while (!(chunk = cursor.next(CHUNK_ROWS)).isEmpty()) {
        put(queues.get(next), chunk, failure);
        next = (next + 1) % parts;
        rows += chunk.size();
      }
      for (BlockingQueue<List<Object[]>> q : queues) {
        put(q, END, failure);
      }
      for (Future<?> f : done) {
        f.get();
      }
      if (failure.get() != null) {
        throw failure.get();
      }
      return rows;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BlueshiftException(SqlState.QUERY_CANCELED, "UNLOAD interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new BlueshiftException(SqlState.INTERNAL_ERROR, "UNLOAD writer failed: " + e.getCause(), e.getCause());
    } finally {
      executor.shutdownNow();
    }
  }

  /** Hands a chunk to a part, giving up when a writer has failed (its queue may never drain). */
  private static void put(BlockingQueue<List<Object[]>> queue, List<Object[]> chunk,
      AtomicReference<RuntimeException> failure) throws InterruptedException {
    while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
      if (failure.get() != null) {
        throw failure.get();
      }
    }
  }

  /** Where the files go: a directory and the start of every file name (empty when the prefix names a directory). */
  record Destination(Path dir, String base) {}

  /** Redshift's names: {@code <prefix>0000_part_00} per slice with PARALLEL ON, {@code <prefix>000} with OFF. */
  static Path fileName(Destination to, UnloadOptions options, int part, int sequence) {
    String name = options.parallel()
        ? String.format(Locale.ROOT, "%04d_part_%02d", part, sequence)
        : String.format(Locale.ROOT, "%03d", sequence);
    return to.dir().resolve(to.base() + name + options.compression().suffix());
  }

  /** A prefix ending in '/' or naming an existing directory puts the files in it; else the last part starts each name. */
  static Destination destination(String to) {
    String location = to.startsWith("file://") ? to.substring("file://".length()) : to;
    if (location.isEmpty()) {
      throw new BlueshiftException(SqlState.SYNTAX_ERROR, "UNLOAD needs a path prefix");
    }
    Path path = Path.of(location).toAbsolutePath();
    if (location.endsWith("/") || Files.isDirectory(path)) {
      return new Destination(path, "");
    }
    return new Destination(path.getParent(), path.getFileName().toString());
  }

  /**
   * As Redshift, refuses to write where files with the prefix already exist unless ALLOWOVERWRITE;
   * creates the directory the files go to.
   */
  private static void checkDestination(Destination dest, UnloadOptions options, String to) {
    try {
      Files.createDirectories(dest.dir());
      if (!options.allowOverwrite()) {
        try (Stream<Path> s = Files.list(dest.dir())) {
          Path existing = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().startsWith(dest.base()))
              .sorted().findFirst().orElse(null);
          if (existing != null) {
            throw new BlueshiftException(SqlState.IO_ERROR, "UNLOAD destination '" + to
                + "' is not empty: " + existing + " exists (use ALLOWOVERWRITE to replace files)");
          }
        }
      }
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "UNLOAD cannot use '" + to + "': " + e.getMessage(), e);
    }
  }

  private static void closeAll(List<UnloadPartWriter> writers) {
    for (UnloadPartWriter w : writers) {
      w.close();
    }
  }

  private static void closeQuietly(List<UnloadPartWriter> writers, RuntimeException failure) {
    for (UnloadPartWriter w : writers) {
      try {
        w.close();
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
  }
}
