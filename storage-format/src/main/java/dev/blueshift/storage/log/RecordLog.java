package dev.blueshift.storage.log;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only, checksummed record log (the catalog's commit log).
 *
 * <p>File layout: an 8-byte header ({@code "BSLG"} + int32 LE version), then records, each an
 * int32 LE payload length, an int32 LE CRC32C of those 4 length bytes (so a damaged length is
 * recognised as such instead of being followed), an int32 LE CRC32C of the payload, and the
 * payload.
 *
 * <p>{@link #open} recovers from a crash during an append: an incomplete record, a record whose
 * payload is corrupt and which ends exactly at the end of the file, or a tail of zero bytes is a
 * torn tail and is truncated away, with a warning. A corrupt record followed by more data cannot come from a torn append; it is reported as
 * DATA_CORRUPTED naming the path and offset, and nothing is truncated.
 */
public final class RecordLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RecordLog.class);
  private static final int MAGIC = 0x474c5342; // "BSLG" little-endian
  private static final int VERSION = 1;
  private static final int HEADER_BYTES = 8;
  private static final int RECORD_HEADER_BYTES = 12;
  /** Largest accepted record; anything bigger in a length field is corruption. */
  public static final int MAX_RECORD_BYTES = 256 << 20;

  private final Path path;
  private final FileChannel channel;
  private final List<byte[]> records;
  private long end;
  private boolean closed;

  private RecordLog(Path path, FileChannel channel, List<byte[]> records, long end) {
    this.path = path;
    this.channel = channel;
    this.records = records;
    this.end = end;
  }

  /**
   * Opens (creating if absent) a record log and reads all complete records, truncating a torn tail.
   *
   * @throws BlueshiftException DATA_CORRUPTED for a corrupt record before the tail or a foreign
   *     file, IO_ERROR when the file cannot be read or written
   */
  public static RecordLog open(Path file) {
    FileChannel channel = null;
    try {
      boolean existed = Files.exists(file);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      if (!existed) {
        syncDirectory(file);
      }
      long size = channel.size();
      if (size < HEADER_BYTES) {
        byte[] present = readAt(channel, 0, (int) size);
        byte[] header = header();
        for (int i = 0; i < present.length; i++) {
          if (present[i] != header[i]) {
            throw corrupt(file, 0, "not a Blueshift record log (bad magic)");
          }
        }
        if (size > 0) {
          LOG.warn("record log {}: torn header ({} bytes), rewriting it", file, size);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(header), 0);
        channel.force(true);
        return new RecordLog(file, channel, new ArrayList<>(), HEADER_BYTES);
      }
      ByteBuffer h = ByteBuffer.wrap(readAt(channel, 0, HEADER_BYTES)).order(ByteOrder.LITTLE_ENDIAN);
      if (h.getInt(0) != MAGIC) {
        throw corrupt(file, 0, "not a Blueshift record log (bad magic)");
      }
      if (h.getInt(4) != VERSION) {
        throw corrupt(file, 4, "unsupported record log version " + h.getInt(4));
      }
      List<byte[]> records = new ArrayList<>();
      long validEnd = recover(file, channel, size, records);
      if (validEnd < size) {
        LOG.warn("record log {}: truncating torn tail of {} bytes at offset {} after {} records", file,
            size - validEnd, validEnd, records.size());
        channel.truncate(validEnd);
        channel.force(true);
      }
      return new RecordLog(file, channel, records, validEnd);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot open record log " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** Reads records from the header on; returns the end of the last complete record. */
  private static long recover(Path file, FileChannel channel, long size, List<byte[]> records) throws IOException {
    long pos = HEADER_BYTES;
    ByteBuffer rh = ByteBuffer.allocate(RECORD_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    while (pos < size) {
      if (size - pos < RECORD_HEADER_BYTES) {
        return tail(file, channel, pos, size, true, "incomplete record header");
      }
      rh.clear();
      readFully(channel, rh, pos);
      int length = rh.getInt(0);
      if (rh.getInt(4) != lengthChecksum(length) || length < 0 || length > MAX_RECORD_BYTES) {
        return tail(file, channel, pos, size, false, "damaged record header");
      }
      int crc = rh.getInt(8);
      long recordEnd = pos + RECORD_HEADER_BYTES + length;
      if (recordEnd > size) {
        return tail(file, channel, pos, size, true, "record of " + length + " bytes runs past the end of the file");
      }
      byte[] payload = readAt(channel, pos + RECORD_HEADER_BYTES, length);
      if (crc != checksum(payload)) {
        return tail(file, channel, pos, size, recordEnd == size, "checksum mismatch");
      }
      records.add(payload);
      pos += RECORD_HEADER_BYTES + length;
    }
    return pos;
  }

  /**
   * Decides whether a bad record at {@code pos} is a torn tail (returns pos, to truncate there) or
   * corruption in the middle of the log (throws). It is a tail when the record, as far as it can be
   * read, reaches the end of the file or everything from it on is zero bytes (a file extended by a
   * crash before its data reached the disk).
   */
  private static long tail(Path file, FileChannel channel, long pos, long size, boolean reachesEnd, String what)
      throws IOException {
    if (reachesEnd || allZero(channel, pos, size)) {
      LOG.warn("record log {}: torn tail at offset {}: {}", file, pos, what);
      return pos;
    }
    throw corrupt(file, pos, what + ", followed by " + (size - pos) + " more bytes");
  }

  private static boolean allZero(FileChannel channel, long from, long to) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(64 * 1024);
    long pos = from;
    while (pos < to) {
      b.clear();
      b.limit((int) Math.min(b.capacity(), to - pos));
      readFully(channel, b, pos);
      for (int i = 0; i < b.limit(); i++) {
        if (b.get(i) != 0) {
          return false;
        }
      }
      pos += b.limit();
    }
    return true;
  }

  /** All complete records read at open, in order, plus those appended since. */
  public synchronized List<byte[]> records() {
    return Collections.unmodifiableList(new ArrayList<>(records));
  }

  /** The number of records. */
  public synchronized int size() {
    return records.size();
  }

  /** The file this log writes. */
  public Path path() {
    return path;
  }

  /**
   * Appends a record and fsyncs before returning.
   *
   * @throws BlueshiftException IO_ERROR when the write fails (the log is then closed: a partial
   *     append must be recovered by reopening)
   */
  public synchronized void append(byte[] record) {
    if (closed) {
      throw new IllegalStateException("record log " + path + " is closed");
    }
    if (record.length > MAX_RECORD_BYTES) {
      throw new IllegalArgumentException("record of " + record.length + " bytes exceeds " + MAX_RECORD_BYTES);
    }
    ByteBuffer b = ByteBuffer.allocate(RECORD_HEADER_BYTES + record.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(record.length).putInt(lengthChecksum(record.length)).putInt(checksum(record)).put(record).flip();
    try {
      long pos = end;
      while (b.hasRemaining()) {
        pos += channel.write(b, pos);
      }
      channel.force(false);
      end = pos;
      records.add(record.clone());
    } catch (IOException e) {
      close();
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot append to record log " + path + " at offset " + end
          + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot close record log " + path + ": " + e.getMessage(), e);
    }
  }

  private static int lengthChecksum(int length) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, length));
    return (int) crc.getValue();
  }

  private static int checksum(byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(payload);
    return (int) crc.getValue();
  }

  private static byte[] header() {
    return ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(MAGIC).putInt(VERSION).array();
  }

  private static byte[] readAt(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length);
    readFully(channel, b, position);
    return b.array();
  }

  private static void readFully(FileChannel channel, ByteBuffer b, long position) throws IOException {
    long pos = position;
    while (b.hasRemaining()) {
      int n = channel.read(b, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file at offset " + pos);
      }
      pos += n;
    }
  }

  private static void syncDirectory(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    }
  }

  private static BlueshiftException corrupt(Path file, long offset, String what) {
    return new BlueshiftException(SqlState.DATA_CORRUPTED, "record log " + file + " is corrupt at offset " + offset
        + ": " + what);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing
      }
    }
  }
}
