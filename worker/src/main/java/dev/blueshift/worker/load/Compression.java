package dev.blueshift.worker.load;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * The compressions COPY reads and UNLOAD writes (Redshift's GZIP, ZSTD, BZIP2), each with its file
 * suffix: the one place that maps option names and suffixes to codecs. A compressed file is read
 * whole by one reader (it cannot be split into byte ranges).
 */
public enum Compression {
  NONE(""), GZIP(".gz"), ZSTD(".zst"), BZIP2(".bz2");

  private final String suffix;

  Compression(String suffix) {
    this.suffix = suffix;
  }

  /** The file name suffix UNLOAD appends and COPY recognises ({@code .gz}, {@code .zst}, {@code .bz2}). */
  public String suffix() {
    return suffix;
  }

  /** The codec for a COPY/UNLOAD option name, or null when the name is not a compression. */
  public static Compression ofOption(String name) {
    return switch (name.toUpperCase(Locale.ROOT)) {
      case "GZIP" -> GZIP;
      case "ZSTD" -> ZSTD;
      case "BZIP2" -> BZIP2;
      default -> null;
    };
  }

  /** The codec a file name's suffix implies ({@link #NONE} for any other name). */
  public static Compression ofFileName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (Compression c : values()) {
      if (c != NONE && n.endsWith(c.suffix)) {
        return c;
      }
    }
    return NONE;
  }

  /**
   * Opens {@code file} decompressed. A file that is not valid for the codec (corrupt, truncated,
   * or not compressed at all) fails naming the file; errors met later while reading surface as
   * {@link IOException}s from the stream, which callers report with the file name via {@link #readFailed}.
   */
  public InputStream open(Path file) {
    InputStream raw;
    try {
      raw = Files.newInputStream(file);
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot read " + file + ": " + describe(e), e);
    }
    try {
      return wrap(new BufferedInputStream(raw, 1 << 16));
    } catch (IOException | RuntimeException e) {
      try {
        raw.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw readFailed(file.toString(), e);
    }
  }

  /** Wraps an input stream in this codec's decompressor. */
  public InputStream wrap(InputStream in) throws IOException {
    return switch (this) {
      case NONE -> in;
      case GZIP -> new GZIPInputStream(in, 1 << 16);
      case ZSTD -> new ZstdInputStream(in);
      case BZIP2 -> new BZip2CompressorInputStream(in, true);
    };
  }

  /** Wraps an output stream in this codec's compressor (closing it finishes the compressed stream). */
  public OutputStream wrap(OutputStream out) throws IOException {
    return switch (this) {
      case NONE -> out;
      case GZIP -> new GZIPOutputStream(out, 1 << 16);
      case ZSTD -> new ZstdOutputStream(out, 3);
      case BZIP2 -> new BZip2CompressorOutputStream(out);
    };
  }

  /** The error for a file that could not be read or decompressed, naming the file and the codec. */
  public BlueshiftException readFailed(String file, Exception e) {
    String what = this == NONE ? "cannot read " + file : "cannot decompress " + file + " as " + name();
    return new BlueshiftException(this == NONE ? SqlState.IO_ERROR : SqlState.DATA_CORRUPTED, what + ": " + describe(e), e);
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
