package dev.blueshift.storage.segment;

import dev.blueshift.types.SqlType;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Computes the row order of a segment: compound sort key, ascending, nulls last, stable. Rows are
 * global ids numbered batch by batch; the comparison reads the Arrow buffers directly.
 */
final class RowSorter {
  private RowSorter() {}

  /** Compares two global row ids. */
  interface RowComparator {
    int compare(int a, int b);
  }

  /** The sorted permutation of global row ids 0..total-1. */
  static int[] sort(SegmentSchema schema, List<VectorSchemaRoot> batches, int[] batchOf, int[] rowOf) {
    int total = batchOf.length;
    int[] perm = new int[total];
    for (int i = 0; i < total; i++) {
      perm[i] = i;
    }
    if (schema.sortKey().isEmpty() || total < 2) {
      return perm;
    }
    RowComparator cmp = null;
    for (int k = schema.sortKey().size() - 1; k >= 0; k--) {
      int column = schema.sortKey().get(k);
      RowComparator keyCmp = keyComparator(schema.column(column).type(), column, batches, batchOf, rowOf);
      if (cmp == null) {
        cmp = keyCmp;
      } else {
        RowComparator rest = cmp;
        cmp = (a, b) -> {
          int c = keyCmp.compare(a, b);
          return c != 0 ? c : rest.compare(a, b);
        };
      }
    }
    mergeSort(perm, new int[total], cmp);
    return perm;
  }

  private static RowComparator keyComparator(SqlType type, int column, List<VectorSchemaRoot> batches,
      int[] batchOf, int[] rowOf) {
    int n = batchOf.length;
    boolean[] isNull = new boolean[n];
    if (type.isLongLike()) {
      long[] keys = new long[n];
      for (int g = 0; g < n; g++) {
        BaseFixedWidthVector v = (BaseFixedWidthVector) batches.get(batchOf[g]).getVector(column);
        int r = rowOf[g];
        if (v.isNull(r)) {
          isNull[g] = true;
        } else {
          keys[g] = VectorGather.getLong(v.getDataBuffer(), v.getTypeWidth(), r);
        }
      }
      return (a, b) -> isNull[a] ? (isNull[b] ? 0 : 1) : isNull[b] ? -1 : Long.compare(keys[a], keys[b]);
    }
    switch (type.kind()) {
      case REAL, DOUBLE -> {
        double[] keys = new double[n];
        for (int g = 0; g < n; g++) {
          BaseFixedWidthVector v = (BaseFixedWidthVector) batches.get(batchOf[g]).getVector(column);
          int r = rowOf[g];
          if (v.isNull(r)) {
            isNull[g] = true;
          } else {
            keys[g] = VectorGather.getDouble(v.getDataBuffer(), v.getTypeWidth(), r);
          }
        }
        return (a, b) -> isNull[a] ? (isNull[b] ? 0 : 1) : isNull[b] ? -1 : ZoneValues.compareDoubles(keys[a], keys[b]);
      }
      case BOOLEAN -> {
        byte[] keys = new byte[n];
        for (int g = 0; g < n; g++) {
          BitVector v = (BitVector) batches.get(batchOf[g]).getVector(column);
          int r = rowOf[g];
          if (v.isNull(r)) {
            isNull[g] = true;
          } else {
            keys[g] = (byte) v.get(r);
          }
        }
        return (a, b) -> isNull[a] ? (isNull[b] ? 0 : 1) : isNull[b] ? -1 : Byte.compare(keys[a], keys[b]);
      }
      case CHAR, VARCHAR -> {
        BaseVariableWidthVector[] vectors = new BaseVariableWidthVector[batches.size()];
        for (int b = 0; b < vectors.length; b++) {
          vectors[b] = (BaseVariableWidthVector) batches.get(b).getVector(column);
        }
        return (a, b) -> {
          BaseVariableWidthVector va = vectors[batchOf[a]];
          BaseVariableWidthVector vb = vectors[batchOf[b]];
          int ra = rowOf[a];
          int rb = rowOf[b];
          boolean na = va.isNull(ra);
          boolean nb = vb.isNull(rb);
          if (na || nb) {
            return na ? (nb ? 0 : 1) : -1;
          }
          ArrowBuf da = va.getDataBuffer();
          ArrowBuf db = vb.getDataBuffer();
          return ByteFunctionHelpers.compare(da, va.getStartOffset(ra), va.getEndOffset(ra),
              db, vb.getStartOffset(rb), vb.getEndOffset(rb));
        };
      }
      default -> throw new IllegalStateException("no sort order for " + type);
    }
  }

  /** Stable merge sort of ids with an insertion sort for short runs; no boxing. */
  static void mergeSort(int[] a, int[] tmp, RowComparator cmp) {
    sortRange(a, tmp, 0, a.length, cmp);
  }

  private static void sortRange(int[] a, int[] tmp, int lo, int hi, RowComparator cmp) {
    if (hi - lo <= 24) {
      for (int i = lo + 1; i < hi; i++) {
        int x = a[i];
        int j = i - 1;
        while (j >= lo && cmp.compare(a[j], x) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    sortRange(a, tmp, lo, mid, cmp);
    sortRange(a, tmp, mid, hi, cmp);
    if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
      return; // already ordered: common for pre-sorted input
    }
    System.arraycopy(a, lo, tmp, lo, hi - lo);
    int i = lo;
    int j = mid;
    int k = lo;
    while (i < mid && j < hi) {
      a[k++] = cmp.compare(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
    }
    while (i < mid) {
      a[k++] = tmp[i++];
    }
    while (j < hi) {
      a[k++] = tmp[j++];
    }
  }
}
