package dev.blueshift.storage.segment;

import dev.blueshift.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The non-codec encodings. Each chunk is a record batch with one field node (rows, nulls) whose
 * buffers are: the validity bitmap, a header of int/long parameters, then encoding-specific
 * buffers; all compressed with the fast codec (ZSTD level 1, see {@link
 * ChunkCodec#FAST_ZSTD_LEVEL}). Values are encoded for every slot: a null slot repeats the previous
 * slot's value (so it extends a run, adds a zero delta, reuses a dictionary index) and
 * the validity bitmap restores the nulls on decode.
 *
 * <ul>
 *   <li>DELTA/DELTA32K: header [first value, byte width]; zig-zag deltas of consecutive values in
 *       1/2/4 bytes. Not used (falls back to LZO) when deltas need as many bytes as the values.
 *   <li>MOSTLY8/16/32: header [exception count]; values narrowed to 1/2/4 bytes (0 where an
 *       exception), exception positions (int32), exception values (int64). Falls back when more
 *       than a quarter of the values are exceptions.
 *   <li>RUNLENGTH: header [run count]; run lengths (int32), run values (fixed width bytes, one byte
 *       per boolean, or int32 offsets + bytes for strings). Falls back when runs do not shrink the
 *       data.
 *   <li>BYTEDICT/TEXT255/TEXT32K: header [dictionary size, index width]; indices (1/2/4 bytes),
 *       dictionary values (fixed width bytes, or int32 offsets + bytes for strings). A value-level
 *       dictionary: BYTEDICT keeps at most 256 entries per block (as Redshift), TEXT255/TEXT32K at
 *       most 65,536 entries; beyond that the block falls back to LZO.
 * </ul>
 *
 * <p>Every encoding falls back to LZO for a block that is entirely null.
 */
final class EncodedBuffers {
  private static final int BYTEDICT_MAX_ENTRIES = 256;
  private static final int TEXT_DICT_MAX_ENTRIES = 65_536;

  private EncodedBuffers() {}

  /** The chunk in {@code encoding}, or null when the encoding does not pay off for this block. */
  static ChunkCodec.EncodedChunk encode(FieldVector vector, SqlType type, Encoding encoding, BufferAllocator allocator) {
    int n = vector.getValueCount();
    if (n == 0 || vector.getNullCount() == n) {
      return null;
    }
    List<ArrowBuf> owned = new ArrayList<>();
    try {
      boolean ok = switch (encoding) {
        case DELTA, DELTA32K -> type.isLongLike() && encodeDelta((BaseFixedWidthVector) vector, allocator, owned);
        case MOSTLY8 -> type.isLongLike() && encodeMostly((BaseFixedWidthVector) vector, 1, allocator, owned);
        case MOSTLY16 -> type.isLongLike() && encodeMostly((BaseFixedWidthVector) vector, 2, allocator, owned);
        case MOSTLY32 -> type.isLongLike() && encodeMostly((BaseFixedWidthVector) vector, 4, allocator, owned);
        case RUNLENGTH -> encodeRunLength(vector, allocator, owned);
        case BYTEDICT -> encodeDictionary(vector, BYTEDICT_MAX_ENTRIES, allocator, owned);
        case TEXT255, TEXT32K -> encodeDictionary(vector, TEXT_DICT_MAX_ENTRIES, allocator, owned);
        default -> false;
      };
      if (!ok) {
        return null;
      }
      List<ArrowBuf> buffers = new ArrayList<>(owned.size() + 1);
      buffers.add(vector.getValidityBuffer().slice(0, validityBytes(n)));
      buffers.addAll(owned);
      return new ChunkCodec.EncodedChunk(encoding, ChunkCodec.compress(n, vector.getNullCount(), buffers,
          ChunkCodec.fastCodec(), allocator));
    } finally {
      owned.forEach(ArrowBuf::close);
    }
  }

  static FieldVector decode(ArrowFieldNode node, List<ArrowBuf> buffers, Field field, SqlType type,
      Encoding encoding, BufferAllocator allocator) {
    int n = Math.toIntExact(node.getLength());
    FieldVector out = field.createVector(allocator);
    try {
      ArrowBuf validity = buffers.get(0);
      check(validity.writerIndex() >= validityBytes(n), "validity bitmap too short");
      switch (encoding) {
        case DELTA, DELTA32K -> decodeDelta(buffers, n, (BaseFixedWidthVector) out);
        case MOSTLY8, MOSTLY16, MOSTLY32 -> decodeMostly(buffers, n, (BaseFixedWidthVector) out);
        case RUNLENGTH -> decodeRunLength(buffers, n, validity, out);
        case BYTEDICT, TEXT255, TEXT32K -> decodeDictionary(buffers, n, validity, out);
        default -> throw new IllegalArgumentException("not an encoded-buffers encoding: " + encoding);
      }
      // fixed-width decoders wrote the data; install the validity bitmap
      ArrowBuf dstValidity = out.getValidityBuffer();
      dstValidity.setBytes(0, validity, 0, validityBytes(n));
      out.setValueCount(n);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- helpers

  static int validityBytes(int n) {
    return (n + 7) >>> 3;
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalArgumentException(what);
    }
  }

  private static ArrowBuf allocate(BufferAllocator allocator, long bytes, List<ArrowBuf> owned) {
    ArrowBuf b = allocator.buffer(Math.max(bytes, 1));
    owned.add(b);
    b.setZero(0, b.capacity());
    b.writerIndex(bytes);
    return b;
  }

  /** Bytes needed for an unsigned value with these bits: 1, 2, 4 or 8. */
  private static int byteWidthUnsigned(long bits) {
    int used = 64 - Long.numberOfLeadingZeros(bits);
    return used <= 8 ? 1 : used <= 16 ? 2 : used <= 32 ? 4 : 8;
  }

  private static long getUnsigned(ArrowBuf b, int width, long index) {
    return switch (width) {
      case 1 -> b.getByte(index) & 0xFFL;
      case 2 -> b.getShort(index * 2) & 0xFFFFL;
      case 4 -> b.getInt(index * 4) & 0xFFFFFFFFL;
      default -> b.getLong(index * 8);
    };
  }

  /** The value of slot i of a long-like vector, with null slots repeating the previous slot. */
  private static long[] slotLongs(BaseFixedWidthVector v) {
    int n = v.getValueCount();
    int width = v.getTypeWidth();
    ArrowBuf data = v.getDataBuffer();
    long[] values = new long[n];
    boolean hasNulls = v.getNullCount() > 0;
    long prev = 0;
    for (int i = 0; i < n; i++) {
      long x = hasNulls && v.isNull(i) ? prev : VectorGather.getLong(data, width, i);
      values[i] = x;
      prev = x;
    }
    return values;
  }

  private static void allocateFixed(BaseFixedWidthVector out, int n) {
    out.allocateNew(n);
  }

  // ---------------------------------------------------------------- DELTA

  private static boolean encodeDelta(BaseFixedWidthVector v, BufferAllocator allocator, List<ArrowBuf> owned) {
    long[] values = slotLongs(v);
    int n = values.length;
    long maxZig = 0;
    for (int i = 1; i < n; i++) {
      long d = values[i] - values[i - 1];
      maxZig |= (d << 1) ^ (d >> 63);
    }
    int bw = byteWidthUnsigned(maxZig);
    if (bw >= v.getTypeWidth() && n > 1) {
      return false;
    }
    ArrowBuf header = allocate(allocator, 16, owned);
    header.setLong(0, values[0]);
    header.setInt(8, bw);
    ArrowBuf deltas = allocate(allocator, (long) (n - 1) * bw, owned);
    for (int i = 1; i < n; i++) {
      long d = values[i] - values[i - 1];
      long z = (d << 1) ^ (d >> 63);
      switch (bw) {
        case 1 -> deltas.setByte(i - 1, (byte) z);
        case 2 -> deltas.setShort((long) (i - 1) * 2, (short) z);
        case 4 -> deltas.setInt((long) (i - 1) * 4, (int) z);
        default -> deltas.setLong((long) (i - 1) * 8, z);
      }
    }
    return true;
  }

  private static void decodeDelta(List<ArrowBuf> buffers, int n, BaseFixedWidthVector out) {
    check(buffers.size() == 3, "DELTA chunk needs 3 buffers");
    ArrowBuf header = buffers.get(1);
    ArrowBuf deltas = buffers.get(2);
    check(header.writerIndex() >= 12, "DELTA header too short");
    long value = header.getLong(0);
    int bw = header.getInt(8);
    check(bw == 1 || bw == 2 || bw == 4 || bw == 8, "bad DELTA width " + bw);
    check(deltas.writerIndex() >= (long) (n - 1) * bw, "DELTA deltas too short");
    allocateFixed(out, n);
    ArrowBuf data = out.getDataBuffer();
    int width = out.getTypeWidth();
    VectorGather.setLong(data, width, 0, value);
    for (int i = 1; i < n; i++) {
      long z = getUnsigned(deltas, bw, i - 1);
      value += (z >>> 1) ^ -(z & 1);
      VectorGather.setLong(data, width, i, value);
    }
  }

  // ---------------------------------------------------------------- MOSTLY

  private static boolean encodeMostly(BaseFixedWidthVector v, int nw, BufferAllocator allocator, List<ArrowBuf> owned) {
    if (nw >= v.getTypeWidth()) {
      return false;
    }
    long[] values = slotLongs(v);
    int n = values.length;
    long lo = -(1L << (nw * 8 - 1));
    long hi = (1L << (nw * 8 - 1)) - 1;
    int exceptions = 0;
    for (long x : values) {
      if (x < lo || x > hi) {
        exceptions++;
      }
    }
    if (exceptions > n / 4) {
      return false;
    }
    ArrowBuf header = allocate(allocator, 8, owned);
    header.setInt(0, exceptions);
    header.setInt(4, nw);
    ArrowBuf narrow = allocate(allocator, (long) n * nw, owned);
    ArrowBuf positions = allocate(allocator, (long) exceptions * 4, owned);
    ArrowBuf wide = allocate(allocator, (long) exceptions * 8, owned);
    int e = 0;
    for (int i = 0; i < n; i++) {
      long x = values[i];
      if (x < lo || x > hi) {
        positions.setInt((long) e * 4, i);
        wide.setLong((long) e * 8, x);
        e++;
      } else {
        VectorGather.setLong(narrow, nw, i, x);
      }
    }
    return true;
  }

  private static void decodeMostly(List<ArrowBuf> buffers, int n, BaseFixedWidthVector out) {
    check(buffers.size() == 5, "MOSTLY chunk needs 5 buffers");
    ArrowBuf header = buffers.get(1);
    check(header.writerIndex() >= 8, "MOSTLY header too short");
    int exceptions = header.getInt(0);
    int nw = header.getInt(4);
    check(nw == 1 || nw == 2 || nw == 4, "bad MOSTLY width " + nw);
    ArrowBuf narrow = buffers.get(2);
    ArrowBuf positions = buffers.get(3);
    ArrowBuf wide = buffers.get(4);
    check(exceptions >= 0 && exceptions <= n && narrow.writerIndex() >= (long) n * nw
        && positions.writerIndex() >= (long) exceptions * 4 && wide.writerIndex() >= (long) exceptions * 8,
        "MOSTLY buffers too short");
    allocateFixed(out, n);
    ArrowBuf data = out.getDataBuffer();
    int width = out.getTypeWidth();
    for (int i = 0; i < n; i++) {
      VectorGather.setLong(data, width, i, VectorGather.getLong(narrow, nw, i));
    }
    for (int e = 0; e < exceptions; e++) {
      int pos = positions.getInt((long) e * 4);
      check(pos >= 0 && pos < n, "MOSTLY exception position out of range");
      VectorGather.setLong(data, width, pos, wide.getLong((long) e * 8));
    }
  }

  // ---------------------------------------------------------------- RUNLENGTH

  private static boolean encodeRunLength(FieldVector vector, BufferAllocator allocator, List<ArrowBuf> owned) {
    int n = vector.getValueCount();
    boolean hasNulls = vector.getNullCount() > 0;
    int[] runStart = new int[n];
    int runs = 0;
    int prev = -1; // slot whose value the previous slot had
    for (int i = 0; i < n; i++) {
      if (prev >= 0 && (hasNulls && vector.isNull(i) || sameValue(vector, prev, i))) {
        continue; // extends the run (a null slot repeats the previous value)
      }
      runStart[runs++] = i;
      prev = i;
    }
    long valueBytes;
    if (vector instanceof BaseVariableWidthVector vw) {
      valueBytes = 4L * (runs + 1);
      for (int r = 0; r < runs; r++) {
        valueBytes += vw.getEndOffset(runStart[r]) - vw.getStartOffset(runStart[r]);
      }
      long plain = 4L * (n + 1) + vw.getEndOffset(n - 1) - vw.getStartOffset(0);
      if (4L * runs + valueBytes >= plain) {
        return false;
      }
    } else {
      int width = vector instanceof BitVector ? 1 : ((BaseFixedWidthVector) vector).getTypeWidth();
      valueBytes = (long) runs * width;
      long plain = vector instanceof BitVector ? validityBytes(n) : (long) n * width;
      if (4L * runs + valueBytes >= plain) {
        return false;
      }
    }
    ArrowBuf header = allocate(allocator, 4, owned);
    header.setInt(0, runs);
    ArrowBuf lengths = allocate(allocator, 4L * runs, owned);
    for (int r = 0; r < runs; r++) {
      int end = r + 1 < runs ? runStart[r + 1] : n;
      lengths.setInt(4L * r, end - runStart[r]);
    }
    writeValues(vector, runStart, runs, allocator, owned);
    return true;
  }

  /** Appends buffers holding the values of the given slots (the first non-null slot of each run). */
  private static void writeValues(FieldVector vector, int[] slots, int count, BufferAllocator allocator,
      List<ArrowBuf> owned) {
    if (vector instanceof BitVector bits) {
      ArrowBuf values = allocate(allocator, count, owned);
      for (int k = 0; k < count; k++) {
        values.setByte(k, bits.isNull(slots[k]) ? 0 : bits.get(slots[k]));
      }
    } else if (vector instanceof BaseFixedWidthVector fw) {
      int width = fw.getTypeWidth();
      ArrowBuf values = allocate(allocator, (long) count * width, owned);
      ArrowBuf data = fw.getDataBuffer();
      for (int k = 0; k < count; k++) {
        values.setBytes((long) k * width, data, (long) slots[k] * width, width);
      }
    } else {
      BaseVariableWidthVector vw = (BaseVariableWidthVector) vector;
      ArrowBuf offsets = allocate(allocator, 4L * (count + 1), owned);
      long bytes = 0;
      for (int k = 0; k < count; k++) {
        offsets.setInt(4L * k, (int) bytes);
        bytes += vw.isNull(slots[k]) ? 0 : vw.getEndOffset(slots[k]) - vw.getStartOffset(slots[k]);
      }
      offsets.setInt(4L * count, (int) bytes);
      ArrowBuf data = allocate(allocator, bytes, owned);
      ArrowBuf src = vw.getDataBuffer();
      for (int k = 0; k < count; k++) {
        if (!vw.isNull(slots[k])) {
          int start = vw.getStartOffset(slots[k]);
          data.setBytes(offsets.getInt(4L * k), src, start, vw.getEndOffset(slots[k]) - start);
        }
      }
    }
  }

  private static boolean sameValue(FieldVector v, int a, int b) {
    if (v instanceof BitVector bits) {
      return BitVectorHelper.get(bits.getDataBuffer(), a) == BitVectorHelper.get(bits.getDataBuffer(), b);
    }
    if (v instanceof BaseFixedWidthVector fw) {
      int w = fw.getTypeWidth();
      ArrowBuf d = fw.getDataBuffer();
      return ByteFunctionHelpers.equal(d, (long) a * w, (long) (a + 1) * w, d, (long) b * w, (long) (b + 1) * w) == 1;
    }
    BaseVariableWidthVector vw = (BaseVariableWidthVector) v;
    ArrowBuf d = vw.getDataBuffer();
    return ByteFunctionHelpers.equal(d, vw.getStartOffset(a), vw.getEndOffset(a), d, vw.getStartOffset(b),
        vw.getEndOffset(b)) == 1;
  }

  private static void decodeRunLength(List<ArrowBuf> buffers, int n, ArrowBuf validity, FieldVector out) {
    ArrowBuf header = buffers.get(1);
    check(header.writerIndex() >= 4, "RUNLENGTH header too short");
    int runs = header.getInt(0);
    ArrowBuf lengths = buffers.get(2);
    check(runs >= 0 && runs <= n && lengths.writerIndex() >= 4L * runs, "RUNLENGTH run lengths too short");
    int[] slotValue = new int[n]; // the run (value index) of every slot
    int pos = 0;
    for (int r = 0; r < runs; r++) {
      int len = lengths.getInt(4L * r);
      check(len > 0 && len <= n - pos, "RUNLENGTH runs do not add up to " + n + " rows");
      for (int k = 0; k < len; k++) {
        slotValue[pos++] = r;
      }
    }
    check(pos == n, "RUNLENGTH runs do not add up to " + n + " rows");
    readValues(buffers, 3, runs, slotValue, n, validity, out);
  }

  /**
   * Fills {@code out} with {@code values[index[i]]} for every slot i, where the values are the
   * buffers starting at {@code first} as written by {@link #writeValues}.
   */
  private static void readValues(List<ArrowBuf> buffers, int first, int count, int[] index, int n, ArrowBuf validity,
      FieldVector out) {
    if (out instanceof BitVector bits) {
      check(buffers.size() == first + 1, "wrong buffer count");
      ArrowBuf values = buffers.get(first);
      check(values.writerIndex() >= count, "values too short");
      bits.allocateNew(n);
      ArrowBuf data = bits.getDataBuffer();
      for (int i = 0; i < n; i++) {
        if (values.getByte(index[i]) != 0) {
          BitVectorHelper.setBit(data, i);
        }
      }
    } else if (out instanceof BaseFixedWidthVector fw) {
      check(buffers.size() == first + 1, "wrong buffer count");
      ArrowBuf values = buffers.get(first);
      int width = fw.getTypeWidth();
      check(values.writerIndex() >= (long) count * width, "values too short");
      fw.allocateNew(n);
      ArrowBuf data = fw.getDataBuffer();
      switch (width) {
        case 8 -> {
          for (int i = 0; i < n; i++) {
            data.setLong(8L * i, values.getLong(8L * index[i]));
          }
        }
        case 4 -> {
          for (int i = 0; i < n; i++) {
            data.setInt(4L * i, values.getInt(4L * index[i]));
          }
        }
        case 2 -> {
          for (int i = 0; i < n; i++) {
            data.setShort(2L * i, values.getShort(2L * index[i]));
          }
        }
        default -> {
          for (int i = 0; i < n; i++) {
            data.setBytes((long) i * width, values, (long) index[i] * width, width);
          }
        }
      }
    } else {
      check(buffers.size() == first + 2, "wrong buffer count");
      BaseVariableWidthVector vw = (BaseVariableWidthVector) out;
      ArrowBuf offsets = buffers.get(first);
      ArrowBuf values = buffers.get(first + 1);
      check(offsets.writerIndex() >= 4L * (count + 1), "value offsets too short");
      for (int k = 0; k < count; k++) {
        int s = offsets.getInt(4L * k);
        int e = offsets.getInt(4L * (k + 1));
        check(s >= 0 && s <= e && e <= values.writerIndex(), "bad value offsets");
      }
      long bytes = 0;
      for (int i = 0; i < n; i++) {
        if (BitVectorHelper.get(validity, i) != 0) {
          bytes += offsets.getInt(4L * index[i] + 4) - offsets.getInt(4L * index[i]);
        }
      }
      vw.allocateNew(Math.max(bytes, 1), n);
      ArrowBuf dstOffsets = vw.getOffsetBuffer();
      ArrowBuf dst = vw.getDataBuffer();
      int at = 0;
      dstOffsets.setInt(0, 0);
      for (int i = 0; i < n; i++) {
        if (BitVectorHelper.get(validity, i) != 0) {
          int s = offsets.getInt(4L * index[i]);
          int len = offsets.getInt(4L * index[i] + 4) - s;
          dst.setBytes(at, values, s, len);
          at += len;
        }
        dstOffsets.setInt(4L * (i + 1), at);
      }
      vw.setLastSet(n - 1);
    }
  }

  // ---------------------------------------------------------------- dictionary

  private static boolean encodeDictionary(FieldVector vector, int maxEntries, BufferAllocator allocator,
      List<ArrowBuf> owned) {
    int n = vector.getValueCount();
    boolean hasNulls = vector.getNullCount() > 0;
    int[] index = new int[n];
    int[] firstSlot = new int[Math.min(n, maxEntries)];
    int size = 0;
    // open addressing over slot numbers of the first occurrence of each distinct value
    int capacity = Integer.highestOneBit(Math.max(4, Math.min(n, maxEntries) * 2 - 1)) << 1;
    int[] table = new int[capacity];
    java.util.Arrays.fill(table, -1);
    int mask = capacity - 1;
    int prevIndex = 0;
    for (int i = 0; i < n; i++) {
      if (hasNulls && vector.isNull(i)) {
        index[i] = prevIndex;
        continue;
      }
      int h = mix(vector.hashCode(i)) & mask;
      int found = -1;
      while (table[h] >= 0) {
        int slot = firstSlot[table[h]];
        if (sameValue(vector, slot, i)) {
          found = table[h];
          break;
        }
        h = (h + 1) & mask;
      }
      if (found < 0) {
        if (size == maxEntries) {
          return false;
        }
        firstSlot[size] = i;
        table[h] = size;
        found = size++;
      }
      index[i] = found;
      prevIndex = found;
    }
    int iw = size <= 256 ? 1 : size <= 65_536 ? 2 : 4;
    ArrowBuf header = allocate(allocator, 8, owned);
    header.setInt(0, size);
    header.setInt(4, iw);
    ArrowBuf indices = allocate(allocator, (long) n * iw, owned);
    for (int i = 0; i < n; i++) {
      switch (iw) {
        case 1 -> indices.setByte(i, (byte) index[i]);
        case 2 -> indices.setShort(2L * i, (short) index[i]);
        default -> indices.setInt(4L * i, index[i]);
      }
    }
    writeValues(vector, firstSlot, size, allocator, owned);
    return true;
  }

  private static int mix(int h) {
    h *= 0x9E3779B1;
    return h ^ (h >>> 16);
  }

  private static void decodeDictionary(List<ArrowBuf> buffers, int n, ArrowBuf validity, FieldVector out) {
    ArrowBuf header = buffers.get(1);
    check(header.writerIndex() >= 8, "dictionary header too short");
    int size = header.getInt(0);
    int iw = header.getInt(4);
    check(size > 0 && (iw == 1 || iw == 2 || iw == 4), "bad dictionary header");
    ArrowBuf indices = buffers.get(2);
    check(indices.writerIndex() >= (long) n * iw, "dictionary indices too short");
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      int k = (int) getUnsigned(indices, iw, i);
      check(k < size, "dictionary index out of range");
      index[i] = k;
    }
    readValues(buffers, 3, size, index, n, validity, out);
  }
}
