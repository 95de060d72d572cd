package dev.blueshift.worker.load;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One input of a load: a whole file ({@code start} 0, {@code end} -1), a byte range
 * {@code [start, end)} of an uncompressed file, or a client stream ({@code file} null,
 * {@code stream} set: COPY FROM STDIN). {@code name} is what stl_load_errors shows.
 *
 * <p>A range owns the lines that begin inside it: {@link #open()} skips to the first line start
 * at or after {@code start} (unless {@code start} is 0) and reads past {@code end} to finish the
 * last line, so ranges cut anywhere cover every line exactly once. Headers (IGNOREHEADER) are
 * only in the input that {@link #startsFile() starts the file}.
 */
public record LoadInput(String name, Path file, long start, long end, InputStream stream) {

  public static LoadInput wholeFile(Path file) {
    return new LoadInput(file.toString(), file, 0, -1, null);
  }

  public static LoadInput range(Path file, long start, long end) {
    return new LoadInput(file.toString(), file, start, end, null);
  }

  public static LoadInput stream(String name, InputStream stream) {
    return new LoadInput(name, null, 0, -1, stream);
  }

  /** True when this input begins at the file's first line (line numbers are the file's own). */
  public boolean startsFile() {
    return start == 0;
  }

  public boolean isRange() {
    return end >= 0;
  }

  /**
   * The input's bytes, decompressed when the file name's suffix says so ({@code .gz}, {@code .zst},
   * {@code .bz2}); for a range, exactly the lines it owns. The caller closes the stream.
   */
  public InputStream open() {
    return open(Compression.NONE);
  }

  /**
   * As {@link #open()}, decompressing with {@code compression} (the COPY's GZIP/ZSTD/BZIP2 option)
   * unless it is {@link Compression#NONE}, when the file name's suffix decides. A file that is not
   * valid for its codec fails naming the file (XX001).
   */
  public InputStream open(Compression compression) {
    if (stream != null) {
      return stream;
    }
    Compression codec = compression != Compression.NONE ? compression : Compression.ofFileName(name);
    if (isRange()) {
      if (codec != Compression.NONE) {
        throw new IllegalStateException("a compressed file cannot be read in ranges: " + name);
      }
      try {
        return new LineRangeStream(file, start, end);
      } catch (IOException e) {
        throw new BlueshiftException(SqlState.IO_ERROR, "cannot read " + name + ": " + e.getMessage(), e);
      }
    }
    return codec.open(file);
  }

  /** The codec {@link #open(Compression)} uses for this input. */
  public Compression compression(Compression option) {
    return option != Compression.NONE ? option : Compression.ofFileName(name);
  }

  /** The bytes of the lines beginning in {@code [start, end)} of an uncompressed file. */
  private static final class LineRangeStream extends InputStream {
    private final InputStream in;
    private final long end;
    private long pos;
    private boolean lastNewline = true;
    private boolean done;

    LineRangeStream(Path file, long start, long end) throws IOException {
      this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
      this.end = end;
      if (start > 0) {
        long skip = start - 1;
        while (skip > 0) {
          long s = in.skip(skip);
          if (s <= 0) {
            done = true;
            break;
          }
          skip -= s;
        }
        pos = start - 1;
        int b;
        while (!done && (b = in.read()) >= 0) {
          pos++;
          if (b == '\n') {
            break;
          }
        }
        if (!done && pos < start) {
          done = true; // the file ended before the range
        }
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (done || len == 0) {
        return done ? -1 : 0;
      }
      if (pos >= end && lastNewline) {
        done = true;
        return -1;
      }
      int n = in.read(buf, off, len);
      if (n < 0) {
        done = true;
        return -1;
      }
      int keep = (int) Math.max(0, Math.min(n, end - pos));
      if (keep == n) {
        pos += n;
        lastNewline = buf[off + n - 1] == '\n';
        return n;
      }
      boolean newlineBefore = keep > 0 ? buf[off + keep - 1] == '\n' : lastNewline;
      if (newlineBefore) {
        done = true;
        return keep > 0 ? keep : -1;
      }
      for (int i = keep; i < n; i++) {
        if (buf[off + i] == '\n') {
          done = true;
          return i + 1;
        }
      }
      pos += n;
      lastNewline = false;
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
