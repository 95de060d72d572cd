package dev.blueshift.worker.exec;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Builds a new vector from chosen rows of one source vector, with typed loops over the Arrow
 * buffers (no per-value virtual calls): the workhorse of joins, filters and exchanges.
 */
public final class Gather {
  private Gather() {}

  /**
   * A vector of {@code field} whose value k is {@code source[rows[k]]}, or NULL where
   * {@code rows[k] < 0} or {@code source} is null (the padded side of an outer join).
   */
  public static FieldVector gather(Field field, FieldVector source, int[] rows, int count, BufferAllocator allocator) {
    FieldVector out = field.createVector(allocator);
    try {
      if (out instanceof BitVector bits) {
        bits.allocateNew(Math.max(count, 1));
        BitVector src = (BitVector) source;
        for (int k = 0; k < count; k++) {
          int r = rows[k];
          if (src != null && r >= 0 && !src.isNull(r)) {
            bits.set(k, src.get(r));
          }
        }
      } else if (out instanceof BaseFixedWidthVector fw) {
        gatherFixed(fw, (BaseFixedWidthVector) source, rows, count);
      } else if (out instanceof BaseVariableWidthVector vw) {
        gatherVariable(vw, (BaseVariableWidthVector) source, rows, count);
      } else {
        throw new IllegalStateException("unsupported vector " + out.getClass().getSimpleName());
      }
      out.setValueCount(count);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  private static void gatherFixed(BaseFixedWidthVector out, BaseFixedWidthVector src, int[] rows, int count) {
    out.allocateNew(Math.max(count, 1));
    if (src == null) {
      return;
    }
    int width = out.getTypeWidth();
    ArrowBuf dst = out.getDataBuffer();
    ArrowBuf dstValidity = out.getValidityBuffer();
    ArrowBuf data = src.getDataBuffer();
    ArrowBuf validity = src.getValidityBuffer();
    for (int k = 0; k < count; k++) {
      int r = rows[k];
      if (r < 0 || BitVectorHelper.get(validity, r) == 0) {
        continue;
      }
      BitVectorHelper.setBit(dstValidity, k);
      switch (width) {
        case 8 -> dst.setLong((long) k * 8, data.getLong((long) r * 8));
        case 4 -> dst.setInt((long) k * 4, data.getInt((long) r * 4));
        case 2 -> dst.setShort((long) k * 2, data.getShort((long) r * 2));
        default -> dst.setBytes((long) k * width, data, (long) r * width, width);
      }
    }
  }

  private static void gatherVariable(BaseVariableWidthVector out, BaseVariableWidthVector src, int[] rows, int count) {
    if (src == null) {
      out.allocateNew(1, Math.max(count, 1));
      for (int k = 0; k < count; k++) {
        out.setNull(k);
      }
      return;
    }
    ArrowBuf offsets = src.getOffsetBuffer();
    ArrowBuf validity = src.getValidityBuffer();
    long bytes = 0;
    for (int k = 0; k < count; k++) {
      int r = rows[k];
      if (r >= 0 && BitVectorHelper.get(validity, r) != 0) {
        bytes += offsets.getInt((long) (r + 1) * 4) - offsets.getInt((long) r * 4);
      }
    }
    out.allocateNew(Math.max(bytes, 1), Math.max(count, 1));
    ArrowBuf data = src.getDataBuffer();
    ArrowBuf dstData = out.getDataBuffer();
    ArrowBuf dstOffsets = out.getOffsetBuffer();
    ArrowBuf dstValidity = out.getValidityBuffer();
    int end = 0;
    dstOffsets.setInt(0, 0);
    for (int k = 0; k < count; k++) {
      int r = rows[k];
      if (r >= 0 && BitVectorHelper.get(validity, r) != 0) {
        int start = offsets.getInt((long) r * 4);
        int len = offsets.getInt((long) (r + 1) * 4) - start;
        dstData.setBytes(end, data, start, len);
        end += len;
        BitVectorHelper.setBit(dstValidity, k);
      }
      dstOffsets.setInt((long) (k + 1) * 4, end);
    }
    out.setLastSet(count - 1);
  }
}
