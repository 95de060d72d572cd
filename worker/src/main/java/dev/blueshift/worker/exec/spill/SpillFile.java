package dev.blueshift.worker.exec.spill;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One spill file: an Arrow IPC stream (schema, record batches, end-of-stream marker) in the
 * spill directory. Written once, then read back any number of times; {@link #close} deletes it,
 * so an operator that closes its files on success, failure and cancel leaves nothing behind.
 */
public final class SpillFile implements AutoCloseable {
  /** Buffer of the file streams: small, since an operator may have a partition file per bucket open. */
  public static final int BUFFER_BYTES = 16 * 1024;
  private static final java.util.concurrent.atomic.AtomicLong CREATED = new java.util.concurrent.atomic.AtomicLong();

  private final Path path;
  private final Schema schema;
  private OutputStream stream;
  private WriteChannel out;
  private long rows;
  private boolean finished;

  private SpillFile(Path path, Schema schema) throws IOException {
    this.path = path;
    this.schema = schema;
    this.stream = new BufferedOutputStream(Files.newOutputStream(path), BUFFER_BYTES);
    this.out = new WriteChannel(Channels.newChannel(stream));
    MessageSerializer.serialize(out, schema);
  }

  /** A new empty spill file for batches of {@code schema} in {@code directory} (created if missing). */
  public static SpillFile create(Path directory, String prefix, Schema schema) {
    try {
      Files.createDirectories(directory);
      Path path = Files.createTempFile(directory, prefix + "-", ".arrows");
      CREATED.incrementAndGet();
      try {
        return new SpillFile(path, schema);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(path);
        throw e;
      }
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot create a spill file in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** Spill files created in this process so far (for tests and monitoring: did a query spill?). */
  public static long filesCreated() {
    return CREATED.get();
  }

  public Path path() {
    return path;
  }

  public Schema schema() {
    return schema;
  }

  /** Rows written so far. */
  public long rows() {
    return rows;
  }

  /** Appends a batch (the caller keeps ownership). Empty batches are skipped. */
  public void write(VectorSchemaRoot batch) {
    if (finished) {
      throw new IllegalStateException("spill file " + path + " is already finished");
    }
    if (batch.getRowCount() == 0) {
      return;
    }
    try (ArrowRecordBatch record = new VectorUnloader(batch).getRecordBatch()) {
      MessageSerializer.serialize(out, record);
      rows += batch.getRowCount();
    } catch (IOException e) {
      throw ioError("write", e);
    }
  }

  /** Ends the stream and closes the file for writing; reading may start. */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    try {
      ArrowStreamWriter.writeEndOfStream(out, IpcOption.DEFAULT);
      stream.close();
    } catch (IOException e) {
      throw ioError("write", e);
    } finally {
      stream = null;
      out = null;
    }
  }

  /** A reader of the batches, in the order written (finishes writing first). */
  public Reader open(BufferAllocator allocator) {
    finish();
    try {
      return new Reader(new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES), allocator);
    } catch (IOException e) {
      throw ioError("read", e);
    }
  }

  private BlueshiftException ioError(String what, IOException e) {
    return new BlueshiftException(SqlState.IO_ERROR, "cannot " + what + " spill file " + path + ": " + e.getMessage(), e);
  }

  /** Closes and deletes the file. */
  @Override
  public void close() {
    try {
      if (stream != null) {
        stream.close();
        stream = null;
      }
    } catch (IOException ignored) {
      // the file is deleted next; nothing in it matters any more
    } finally {
      finished = true;
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        throw ioError("delete", e);
      }
    }
  }

  /** Reads the batches back; each {@link #next} batch is owned by the caller. */
  public final class Reader implements AutoCloseable {
    private final ArrowStreamReader reader;
    private final BufferAllocator allocator;

    private Reader(InputStream in, BufferAllocator allocator) {
      this.reader = new ArrowStreamReader(in, allocator);
      this.allocator = allocator;
    }

    /** The next batch, or null at the end. */
    public VectorSchemaRoot next() {
      try {
        if (!reader.loadNextBatch()) {
          return null;
        }
        VectorSchemaRoot loaded = reader.getVectorSchemaRoot();
        List<Field> fields = schema.getFields();
        List<FieldVector> vectors = new ArrayList<>(fields.size());
        for (int c = 0; c < fields.size(); c++) {
          FieldVector target = fields.get(c).createVector(allocator);
          loaded.getVector(c).makeTransferPair(target).transfer();
          vectors.add(target);
        }
        return new VectorSchemaRoot(fields, vectors, loaded.getRowCount());
      } catch (IOException e) {
        throw ioError("read", e);
      }
    }

    @Override
    public void close() {
      try {
        reader.close();
      } catch (IOException e) {
        throw ioError("read", e);
      }
    }
  }
}
