package dev.blueshift.storage.segment;

import dev.blueshift.storage.format.proto.ZoneMapMeta;
import dev.blueshift.types.SqlType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/** Computes, merges and (de)serializes zone maps. */
final class ZoneMaps {
  private ZoneMaps() {}

  /** The zone map of a whole vector of the given SQL type. */
  static ZoneMap of(FieldVector vector, SqlType type) {
    int n = vector.getValueCount();
    int nulls = vector.getNullCount();
    if (nulls == n) {
      return new ZoneMap(null, null, nulls, n);
    }
    if (type.isLongLike()) {
      BaseFixedWidthVector v = (BaseFixedWidthVector) vector;
      ArrowBuf data = v.getDataBuffer();
      int width = v.getTypeWidth();
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int i = 0; i < n; i++) {
        if (nulls == 0 || !v.isNull(i)) {
          long x = VectorGather.getLong(data, width, i);
          min = Math.min(min, x);
          max = Math.max(max, x);
        }
      }
      return new ZoneMap(min, max, nulls, n);
    }
    switch (type.kind()) {
      case REAL, DOUBLE -> {
        BaseFixedWidthVector v = (BaseFixedWidthVector) vector;
        ArrowBuf data = v.getDataBuffer();
        int width = v.getTypeWidth();
        double min = Double.NaN;
        double max = Double.NaN;
        boolean first = true;
        for (int i = 0; i < n; i++) {
          if (nulls == 0 || !v.isNull(i)) {
            double x = VectorGather.getDouble(data, width, i);
            if (first) {
              min = x;
              max = x;
              first = false;
            } else {
              if (ZoneValues.compareDoubles(x, min) < 0) {
                min = x;
              }
              if (ZoneValues.compareDoubles(x, max) > 0) {
                max = x;
              }
            }
          }
        }
        // -0.0 and 0.0 are equal; store 0.0 so the bounds read naturally
        return new ZoneMap(min == 0.0 ? 0.0 : min, max == 0.0 ? 0.0 : max, nulls, n);
      }
      case BOOLEAN -> {
        BitVector v = (BitVector) vector;
        boolean anyTrue = false;
        boolean anyFalse = false;
        for (int i = 0; i < n; i++) {
          if (!v.isNull(i)) {
            if (v.get(i) != 0) {
              anyTrue = true;
            } else {
              anyFalse = true;
            }
          }
        }
        return new ZoneMap(!anyFalse, anyTrue, nulls, n);
      }
      case CHAR, VARCHAR -> {
        BaseVariableWidthVector v = (BaseVariableWidthVector) vector;
        ArrowBuf data = v.getDataBuffer();
        int minIdx = -1;
        int maxIdx = -1;
        for (int i = 0; i < n; i++) {
          if (v.isNull(i)) {
            continue;
          }
          long s = v.getStartOffset(i);
          long e = v.getEndOffset(i);
          if (minIdx < 0) {
            minIdx = i;
            maxIdx = i;
            continue;
          }
          if (ByteFunctionHelpers.compare(data, s, e, data, v.getStartOffset(minIdx), v.getEndOffset(minIdx)) < 0) {
            minIdx = i;
          }
          if (ByteFunctionHelpers.compare(data, s, e, data, v.getStartOffset(maxIdx), v.getEndOffset(maxIdx)) > 0) {
            maxIdx = i;
          }
        }
        return new ZoneMap(ZoneValues.lowerBound(string(v, minIdx)), ZoneValues.upperBound(string(v, maxIdx)),
            nulls, n);
      }
      default -> throw new IllegalStateException("no zone map for " + type);
    }
  }

  private static String string(BaseVariableWidthVector v, int index) {
    return new String(v.get(index), StandardCharsets.UTF_8);
  }

  /** The zone map covering all the given ones (of one column). */
  static ZoneMap merge(List<ZoneMap> maps) {
    Object min = null;
    Object max = null;
    long nulls = 0;
    long rows = 0;
    for (ZoneMap z : maps) {
      nulls += z.nullCount();
      rows += z.rowCount();
      if (z.min() != null && (min == null || ZoneValues.compare(z.min(), min) < 0)) {
        min = z.min();
      }
      if (z.max() != null && (max == null || ZoneValues.compare(z.max(), max) > 0)) {
        max = z.max();
      }
    }
    return new ZoneMap(min, max, nulls, rows);
  }

  static ZoneMapMeta toProto(ZoneMap z) {
    ZoneMapMeta.Builder b = ZoneMapMeta.newBuilder().setNullCount(z.nullCount()).setRowCount(z.rowCount());
    if (z.min() instanceof Long l) {
      b.setMinLong(l);
    } else if (z.min() instanceof Double d) {
      b.setMinDouble(d);
    } else if (z.min() instanceof Boolean x) {
      b.setMinBool(x);
    } else if (z.min() instanceof String s) {
      b.setMinString(s);
    }
    if (z.max() instanceof Long l) {
      b.setMaxLong(l);
    } else if (z.max() instanceof Double d) {
      b.setMaxDouble(d);
    } else if (z.max() instanceof Boolean x) {
      b.setMaxBool(x);
    } else if (z.max() instanceof String s) {
      b.setMaxString(s);
    }
    return b.build();
  }

  static ZoneMap fromProto(ZoneMapMeta m) {
    Object min = switch (m.getMinCase()) {
      case MIN_LONG -> m.getMinLong();
      case MIN_DOUBLE -> m.getMinDouble();
      case MIN_BOOL -> m.getMinBool();
      case MIN_STRING -> m.getMinString();
      case MIN_NOT_SET -> null;
    };
    Object max = switch (m.getMaxCase()) {
      case MAX_LONG -> m.getMaxLong();
      case MAX_DOUBLE -> m.getMaxDouble();
      case MAX_BOOL -> m.getMaxBool();
      case MAX_STRING -> m.getMaxString();
      case MAX_NOT_SET -> null;
    };
    return new ZoneMap(min, max, m.getNullCount(), m.getRowCount());
  }
}
