package dev.blueshift.storage.segment;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;

/**
 * The file holding one version of a segment's {@link DeleteVector}. Every version is a new file
 * ({@link #path}); a file is never rewritten, so a reader pinned to an older version keeps reading
 * it until no committed version references it and it becomes garbage. Layout, little-endian:
 *
 * <pre>
 *   header  : "BDEL" + int32 format version                                    (8 bytes)
 *   body    : int64 segment row count, int64 deleted count, int8 layout, then
 *             layout 0 (bitmap): ceil(rows / 64) int64 words (bit r of word r/64 = row r deleted)
 *             layout 1 (sparse): the deleted row positions as ascending int32s
 *   trailer : int32 body length, int32 CRC32C of header + body, int32 version, "BDEL" (16 bytes)
 * </pre>
 *
 * The writer picks the smaller layout. A torn or corrupt file is reported with its path
 * (DATA_CORRUPTED), never read as a vector.
 */
public final class DeleteVectorFile {
  static final int FORMAT_VERSION = 1;
  private static final byte[] MAGIC = "BDEL".getBytes(StandardCharsets.US_ASCII);
  private static final int MAGIC_INT = 0x4c454442; // "BDEL" read as a little-endian int
  private static final int HEADER_BYTES = 8;
  private static final int TRAILER_BYTES = 16;
  private static final int FIXED_BODY_BYTES = 17;
  private static final byte BITMAP = 0;
  private static final byte SPARSE = 1;

  private DeleteVectorFile() {}

  /**
   * Path of version {@code version} of the delete vector of the segment at {@code segmentPath}
   * (works on relative and absolute paths alike), beside it: {@code <segment path>.<version>.del},
   * or {@code <segment path>.<version>-<token>.del} with a token. The token keeps the files of two
   * statements that both make version n (concurrent transactions, one of which cannot commit, or a
   * rolled-back one whose file is not yet collected) apart.
   */
  public static String path(String segmentPath, long version, String token) {
    if (version <= 0) {
      throw new IllegalArgumentException("delete vector versions start at 1: " + version);
    }
    if (!token.matches("[A-Za-z0-9]*")) {
      throw new IllegalArgumentException("delete vector token must be letters and digits: " + token);
    }
    return segmentPath + "." + version + (token.isEmpty() ? "" : "-" + token) + ".del";
  }

  /**
   * Writes a new delete-vector file (temporary name, fsync, atomic rename, fsync of the directory).
   * Refuses to replace an existing file: a new version is a new file.
   *
   * @throws BlueshiftException IO_ERROR when the file exists or cannot be written
   */
  public static long write(Path file, DeleteVector vector) {
    byte[] bytes = encode(vector);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      if (Files.exists(file)) {
        throw new FileAlreadyExistsException(file.toString(), null, "a delete vector version is never rewritten");
      }
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
          channel.write(b);
        }
        channel.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      SegmentWriter.syncDirectory(file.toAbsolutePath().getParent());
      return bytes.length;
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot write delete vector " + file + ": " + e, e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // best effort: the temporary file is garbage either way
      }
    }
  }

  /**
   * Reads and checks a delete-vector file.
   *
   * @throws BlueshiftException DATA_CORRUPTED naming the path when the file is torn or corrupt;
   *     IO_ERROR when it cannot be read
   */
  public static DeleteVector read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "delete vector " + file + " does not exist", e);
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot read delete vector " + file + ": " + e.getMessage(), e);
    }
    return decode(file, bytes);
  }

  static byte[] encode(DeleteVector vector) {
    long[] words = vector.words();
    long bitmapBytes = 8L * words.length;
    long sparseBytes = 4L * vector.deletedCount();
    byte layout = sparseBytes < bitmapBytes ? SPARSE : BITMAP;
    int bodyBytes = FIXED_BODY_BYTES + (int) (layout == SPARSE ? sparseBytes : bitmapBytes);
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + bodyBytes + TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putInt(FORMAT_VERSION);
    b.putLong(vector.rowCount()).putLong(vector.deletedCount()).put(layout);
    if (layout == SPARSE) {
      for (long r : vector.deletedRows()) {
        b.putInt((int) r);
      }
    } else {
      for (long w : words) {
        b.putLong(w);
      }
    }
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, b.position());
    b.putInt(bodyBytes).putInt((int) crc.getValue()).putInt(FORMAT_VERSION).put(MAGIC);
    return b.array();
  }

  static DeleteVector decode(Path file, byte[] bytes) {
    if (bytes.length < HEADER_BYTES + FIXED_BODY_BYTES + TRAILER_BYTES) {
      throw corrupt(file, "file is truncated (" + bytes.length + " bytes, a delete vector has at least "
          + (HEADER_BYTES + FIXED_BODY_BYTES + TRAILER_BYTES) + ")");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != MAGIC_INT) {
      throw corrupt(file, "bad magic at start of file: not a Blueshift delete vector");
    }
    int trailer = bytes.length - TRAILER_BYTES;
    if (b.getInt(trailer + 12) != MAGIC_INT) {
      throw corrupt(file, "bad magic in trailer: file is truncated or was not completely written");
    }
    int version = b.getInt(trailer + 8);
    if (version != FORMAT_VERSION || b.getInt(4) != version) {
      throw corrupt(file, "unsupported format version " + version + " (this build reads " + FORMAT_VERSION + ")");
    }
    int bodyBytes = b.getInt(trailer);
    if (bodyBytes != trailer - HEADER_BYTES) {
      throw corrupt(file, "body length " + bodyBytes + " does not fit in a file of " + bytes.length + " bytes");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, trailer);
    if ((int) crc.getValue() != b.getInt(trailer + 4)) {
      throw corrupt(file, "checksum mismatch");
    }
    b.position(HEADER_BYTES);
    long rows = b.getLong();
    long deleted = b.getLong();
    byte layout = b.get();
    if (rows < 0 || rows > Integer.MAX_VALUE || deleted < 0 || deleted > rows) {
      throw corrupt(file, deleted + " deleted of " + rows + " rows");
    }
    int dataBytes = bodyBytes - FIXED_BODY_BYTES;
    DeleteVector vector;
    try {
      if (layout == BITMAP && dataBytes == 8L * ((rows + 63) >>> 6)) {
        long[] words = new long[dataBytes / 8];
        for (int i = 0; i < words.length; i++) {
          words[i] = b.getLong();
        }
        vector = DeleteVector.fromWords(rows, words);
      } else if (layout == SPARSE && dataBytes == 4L * deleted) {
        long[] positions = new long[(int) deleted];
        int previous = -1;
        for (int i = 0; i < positions.length; i++) {
          int r = b.getInt();
          if (r <= previous) {
            throw new IllegalArgumentException("row positions not ascending at entry " + i);
          }
          positions[i] = previous = r;
        }
        vector = DeleteVector.of(rows, positions);
      } else {
        throw new IllegalArgumentException("layout " + layout + " with " + dataBytes + " data bytes for " + rows
            + " rows, " + deleted + " deleted");
      }
    } catch (IllegalArgumentException e) {
      throw corrupt(file, e.getMessage());
    }
    if (vector.deletedCount() != deleted) {
      throw corrupt(file, "header says " + deleted + " deleted rows, bitmap has " + vector.deletedCount());
    }
    return vector;
  }

  private static BlueshiftException corrupt(Path file, String what) {
    return new BlueshiftException(SqlState.DATA_CORRUPTED, "delete vector " + file + " is corrupt: " + what);
  }
}
