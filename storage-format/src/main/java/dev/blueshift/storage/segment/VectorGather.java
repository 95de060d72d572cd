package dev.blueshift.storage.segment;

import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/** Copies rows chosen by global row id out of a list of batches into one new vector. */
final class VectorGather {
  private VectorGather() {}

  static long getLong(ArrowBuf data, int width, int index) {
    return switch (width) {
      case 8 -> data.getLong((long) index * 8);
      case 4 -> data.getInt((long) index * 4);
      case 2 -> data.getShort((long) index * 2);
      case 1 -> data.getByte(index);
      default -> throw new IllegalStateException("width " + width);
    };
  }

  static void setLong(ArrowBuf data, int width, int index, long value) {
    switch (width) {
      case 8 -> data.setLong((long) index * 8, value);
      case 4 -> data.setInt((long) index * 4, (int) value);
      case 2 -> data.setShort((long) index * 2, (short) value);
      case 1 -> data.setByte(index, (byte) value);
      default -> throw new IllegalStateException("width " + width);
    }
  }

  static double getDouble(ArrowBuf data, int width, int index) {
    return width == 8 ? data.getDouble((long) index * 8) : data.getFloat((long) index * 4);
  }

  /**
   * A new vector of {@code field} holding rows {@code perm[from..to)}, where a global row id g is row
   * {@code rowOf[g]} of batch {@code batchOf[g]}.
   */
  static FieldVector gather(Field field, int column, List<VectorSchemaRoot> batches, int[] batchOf, int[] rowOf,
      int[] perm, int from, int to, BufferAllocator allocator) {
    int n = to - from;
    FieldVector out = field.createVector(allocator);
    try {
      if (out instanceof BitVector bits) {
        bits.allocateNew(n);
        for (int i = 0; i < n; i++) {
          int g = perm[from + i];
          BitVector src = (BitVector) batches.get(batchOf[g]).getVector(column);
          int r = rowOf[g];
          if (!src.isNull(r)) {
            bits.set(i, src.get(r));
          }
        }
        bits.setValueCount(n);
      } else if (out instanceof BaseFixedWidthVector fw) {
        // addresses resolved once per batch: the per-row loop does plain memory reads and writes
        int batchCount = batches.size();
        long[] srcData = new long[batchCount];
        long[] srcValidity = new long[batchCount];
        for (int b = 0; b < batchCount; b++) {
          BaseFixedWidthVector src = (BaseFixedWidthVector) batches.get(b).getVector(column);
          srcData[b] = src.getDataBuffer().memoryAddress();
          srcValidity[b] = src.getValidityBuffer().memoryAddress();
        }
        fw.allocateNew(n);
        int width = fw.getTypeWidth();
        long dst = fw.getDataBuffer().memoryAddress();
        long dstValidity = fw.getValidityBuffer().memoryAddress();
        for (int i = 0; i < n; i++) {
          int g = perm[from + i];
          int b = batchOf[g];
          int r = rowOf[g];
          if (((MemoryUtil.getByte(srcValidity[b] + (r >> 3)) >> (r & 7)) & 1) == 0) {
            continue;
          }
          long bit = dstValidity + (i >> 3);
          MemoryUtil.putByte(bit, (byte) (MemoryUtil.getByte(bit) | (1 << (i & 7))));
          switch (width) {
            case 8 -> MemoryUtil.putLong(dst + (long) i * 8, MemoryUtil.getLong(srcData[b] + (long) r * 8));
            case 4 -> MemoryUtil.putInt(dst + (long) i * 4, MemoryUtil.getInt(srcData[b] + (long) r * 4));
            case 2 -> MemoryUtil.putShort(dst + (long) i * 2, MemoryUtil.getShort(srcData[b] + (long) r * 2));
            default -> MemoryUtil.copyMemory(srcData[b] + (long) r * width, dst + (long) i * width, width);
          }
        }
        fw.setValueCount(n);
      } else if (out instanceof BaseVariableWidthVector vw && vw.getOffsetBuffer() != null
          && BaseVariableWidthVector.OFFSET_WIDTH == 4) {
        int batchCount = batches.size();
        long[] srcData = new long[batchCount];
        long[] srcOffsets = new long[batchCount];
        long[] srcValidity = new long[batchCount];
        for (int b = 0; b < batchCount; b++) {
          BaseVariableWidthVector src = (BaseVariableWidthVector) batches.get(b).getVector(column);
          srcData[b] = src.getDataBuffer().memoryAddress();
          srcOffsets[b] = src.getOffsetBuffer().memoryAddress();
          srcValidity[b] = src.getValidityBuffer().memoryAddress();
        }
        long bytes = 0;
        for (int i = 0; i < n; i++) {
          int g = perm[from + i];
          int b = batchOf[g];
          long o = srcOffsets[b] + (long) rowOf[g] * 4;
          bytes += MemoryUtil.getInt(o + 4) - MemoryUtil.getInt(o);
        }
        vw.allocateNew(Math.max(bytes, 1), n);
        long dstData = vw.getDataBuffer().memoryAddress();
        long dstOffsets = vw.getOffsetBuffer().memoryAddress();
        long dstValidity = vw.getValidityBuffer().memoryAddress();
        int end = 0;
        MemoryUtil.putInt(dstOffsets, 0);
        for (int i = 0; i < n; i++) {
          int g = perm[from + i];
          int b = batchOf[g];
          int r = rowOf[g];
          if (((MemoryUtil.getByte(srcValidity[b] + (r >> 3)) >> (r & 7)) & 1) != 0) {
            long o = srcOffsets[b] + (long) r * 4;
            int start = MemoryUtil.getInt(o);
            int len = MemoryUtil.getInt(o + 4) - start;
            MemoryUtil.copyMemory(srcData[b] + start, dstData + end, len);
            end += len;
            long bit = dstValidity + (i >> 3);
            MemoryUtil.putByte(bit, (byte) (MemoryUtil.getByte(bit) | (1 << (i & 7))));
          }
          MemoryUtil.putInt(dstOffsets + (long) (i + 1) * 4, end);
        }
        vw.setLastSet(n - 1);
        vw.setValueCount(n);
      } else if (out instanceof BaseVariableWidthVector vw) {
        long bytes = 0;
        for (int i = 0; i < n; i++) {
          int g = perm[from + i];
          BaseVariableWidthVector src = (BaseVariableWidthVector) batches.get(batchOf[g]).getVector(column);
          int r = rowOf[g];
          if (!src.isNull(r)) {
            bytes += src.getEndOffset(r) - src.getStartOffset(r);
          }
        }
        vw.allocateNew(Math.max(bytes, 1), n);
        for (int i = 0; i < n; i++) {
          int g = perm[from + i];
          vw.copyFromSafe(rowOf[g], i, batches.get(batchOf[g]).getVector(column));
        }
        vw.setValueCount(n);
      } else {
        throw new IllegalStateException("unsupported vector " + out.getClass().getSimpleName());
      }
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }
}
