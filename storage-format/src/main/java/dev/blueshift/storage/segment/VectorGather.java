package dev.blueshift.storage.segment;

import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
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
        fw.allocateNew(n);
        int width = fw.getTypeWidth();
        ArrowBuf dst = fw.getDataBuffer();
        ArrowBuf dstValidity = fw.getValidityBuffer();
        for (int i = 0; i < n; i++) {
          int g = perm[from + i];
          BaseFixedWidthVector src = (BaseFixedWidthVector) batches.get(batchOf[g]).getVector(column);
          int r = rowOf[g];
          if (src.isNull(r)) {
            continue;
          }
          BitVectorHelper.setBit(dstValidity, i);
          ArrowBuf s = src.getDataBuffer();
          switch (width) {
            case 8 -> dst.setLong((long) i * 8, s.getLong((long) r * 8));
            case 4 -> dst.setInt((long) i * 4, s.getInt((long) r * 4));
            case 2 -> dst.setShort((long) i * 2, s.getShort((long) r * 2));
            default -> dst.setBytes((long) i * width, s, (long) r * width, width);
          }
        }
        fw.setValueCount(n);
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
