package dev.blueshift.worker.exchange;

import org.apache.arrow.memory.ArrowBuf;

/**
 * The one hash function of Blueshift's data placement: DISTKEY routing in COPY and INSERT, HASH
 * exchanges and hash tables all use it, so co-located rows meet without moving.
 */
public final class SliceHash {
  private SliceHash() {}

  /** Hash of a long-like value (integers, DECIMAL unscaled, dates): murmur3's 64-bit finalizer. */
  public static int hashLong(long v) {
    long h = v;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h;
  }

  /** Hash of UTF-8 bytes [start, end) of a buffer. */
  public static int hashBytes(ArrowBuf buf, long start, long end) {
    long h = 0x9E3779B97F4A7C15L;
    long i = start;
    for (; i + 8 <= end; i += 8) {
      h = (h ^ buf.getLong(i)) * 0x100000001b3L;
      h = Long.rotateLeft(h, 29);
    }
    for (; i < end; i++) {
      h = (h ^ buf.getByte(i)) * 0x100000001b3L;
    }
    return hashLong(h ^ (end - start));
  }

  /** Hash of UTF-8 bytes held in a Java array (same value as {@link #hashBytes(ArrowBuf, long, long)}). */
  public static int hashBytes(byte[] bytes) {
    long h = 0x9E3779B97F4A7C15L;
    int i = 0;
    for (; i + 8 <= bytes.length; i += 8) {
      long w = 0;
      for (int k = 7; k >= 0; k--) {
        w = (w << 8) | (bytes[i + k] & 0xffL);
      }
      h = (h ^ w) * 0x100000001b3L;
      h = Long.rotateLeft(h, 29);
    }
    for (; i < bytes.length; i++) {
      h = (h ^ bytes[i]) * 0x100000001b3L;
    }
    return hashLong(h ^ bytes.length);
  }

  /** The slice of a row hash among {@code totalSlices} slices. */
  public static int slice(int rowHash, int totalSlices) {
    return Math.floorMod(rowHash, totalSlices);
  }
}
