package dev.blueshift.coordinator.unload;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Writes one part's lines to its files, starting the next file (same part, next sequence number)
 * once the current one holds MAXFILESIZE bytes; every file begins with the header when one is
 * asked for. Not thread-safe: one writer thread owns it.
 */
final class UnloadPartWriter implements AutoCloseable {
  private final UnloadOptions options;
  private final IntFunction<Path> fileName;
  private final byte[] header;
  private final List<Path> written = new ArrayList<>();
  private OutputStream out;
  /** Bytes written to the current file, before compression. */
  private long bytes;

  /** {@code fileName} gives the path of the part's n-th file. */
  UnloadPartWriter(UnloadOptions options, IntFunction<Path> fileName, String header) {
    this.options = options;
    this.fileName = fileName;
    this.header = header == null ? null : header.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Writes whole lines (each ending in a newline), never splitting a line across files; a file is
   * closed before it would pass MAXFILESIZE (counted before compression, so compressed files stay
   * well under it). A single line longer than the limit gets a file of its own.
   */
  void write(CharSequence lines) {
    byte[] b = lines.toString().getBytes(StandardCharsets.UTF_8);
    try {
      int off = 0;
      while (off < b.length) {
        if (out == null) {
          next();
        }
        long room = options.maxFileBytes() - bytes;
        int end = b.length;
        if (end - off > room) {
          end = lastLineEnd(b, off, (int) Math.max(off, off + room));
          if (end <= off) {
            if (bytes > headerBytes()) {
              next();
              continue;
            }
            end = nextLineEnd(b, off);
          }
        }
        out.write(b, off, end - off);
        bytes += end - off;
        off = end;
        if (off < b.length) {
          next();
        }
      }
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** The index just past the last newline in {@code [from, to)}, or {@code from} when there is none. */
  private static int lastLineEnd(byte[] b, int from, int to) {
    for (int i = Math.min(to, b.length) - 1; i >= from; i--) {
      if (b[i] == '\n') {
        return i + 1;
      }
    }
    return from;
  }

  private static int nextLineEnd(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == '\n') {
        return i + 1;
      }
    }
    return b.length;
  }

  private int headerBytes() {
    return header == null ? 0 : header.length;
  }

  /** Makes sure at least one (possibly empty) file exists, e.g. for a query with no rows. */
  void ensureFile() {
    if (out == null) {
      try {
        next();
      } catch (IOException e) {
        throw failed(e);
      }
    }
  }

  List<Path> files() {
    return written;
  }

  private void next() throws IOException {
    closeCurrent();
    Path file = fileName.apply(written.size());
    written.add(file);
    out = new BufferedOutputStream(options.compression().wrap(Files.newOutputStream(file)), 1 << 16);
    bytes = 0;
    if (header != null) {
      out.write(header);
      bytes = header.length;
    }
  }

  private void closeCurrent() throws IOException {
    if (out != null) {
      OutputStream o = out;
      out = null;
      o.close();
    }
  }

  private BlueshiftException failed(IOException e) {
    Path file = written.isEmpty() ? fileName.apply(0) : written.get(written.size() - 1);
    return new BlueshiftException(SqlState.IO_ERROR, "UNLOAD cannot write " + file + ": " + e.getMessage(), e);
  }

  @Override
  public void close() {
    try {
      closeCurrent();
    } catch (IOException e) {
      throw failed(e);
    }
  }
}
