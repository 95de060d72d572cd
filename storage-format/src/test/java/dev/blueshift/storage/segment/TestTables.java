package dev.blueshift.storage.segment;

import dev.blueshift.types.SqlType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** Builds batches from rows of Java values and reads them back (values typed as in ZoneMap). */
final class TestTables {
  private TestTables() {}

  static VectorSchemaRoot batch(SegmentSchema schema, List<Object[]> rows, BufferAllocator allocator) {
    List<Field> fields = SegmentWriter.fields(schema);
    VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
    for (FieldVector v : root.getFieldVectors()) {
      v.setInitialCapacity(Math.max(1, rows.size()));
    }
    root.allocateNew();
    for (int c = 0; c < fields.size(); c++) {
      FieldVector v = root.getVector(c);
      SqlType type = schema.column(c).type();
      for (int r = 0; r < rows.size(); r++) {
        Object x = rows.get(r)[c];
        set(v, type, r, x);
      }
      v.setValueCount(rows.size());
    }
    root.setRowCount(rows.size());
    return root;
  }

  static void set(FieldVector v, SqlType type, int r, Object x) {
    if (x == null) {
      return; // allocateNew cleared the validity bits
    }
    if (type.isLongLike()) {
      BaseFixedWidthVector fw = (BaseFixedWidthVector) v;
      while (fw.getValueCapacity() <= r) {
        fw.reAlloc();
      }
      VectorGather.setLong(fw.getDataBuffer(), fw.getTypeWidth(), r, (Long) x);
      org.apache.arrow.vector.BitVectorHelper.setBit(fw.getValidityBuffer(), r);
      return;
    }
    switch (type.kind()) {
      case REAL -> ((org.apache.arrow.vector.Float4Vector) v).setSafe(r, ((Double) x).floatValue());
      case DOUBLE -> ((org.apache.arrow.vector.Float8Vector) v).setSafe(r, (Double) x);
      case BOOLEAN -> ((BitVector) v).setSafe(r, ((Boolean) x) ? 1 : 0);
      case CHAR, VARCHAR -> ((VarCharVector) v).setSafe(r, ((String) x).getBytes(StandardCharsets.UTF_8));
      default -> throw new IllegalStateException();
    }
  }

  static Object get(FieldVector v, SqlType type, int r) {
    if (v.isNull(r)) {
      return null;
    }
    if (type.isLongLike()) {
      BaseFixedWidthVector fw = (BaseFixedWidthVector) v;
      return VectorGather.getLong(fw.getDataBuffer(), fw.getTypeWidth(), r);
    }
    return switch (type.kind()) {
      case REAL -> (double) ((org.apache.arrow.vector.Float4Vector) v).get(r);
      case DOUBLE -> ((org.apache.arrow.vector.Float8Vector) v).get(r);
      case BOOLEAN -> ((BitVector) v).get(r) != 0;
      case CHAR, VARCHAR -> new String(((VarCharVector) v).get(r), StandardCharsets.UTF_8);
      default -> throw new IllegalStateException();
    };
  }

  /** All rows of all blocks of a reader, all columns. */
  static List<Object[]> readAll(SegmentReader reader) {
    int cols = reader.schema().columnCount();
    int[] all = new int[cols];
    Arrays.setAll(all, i -> i);
    List<Object[]> out = new ArrayList<>();
    for (int b = 0; b < reader.blockCount(); b++) {
      try (VectorSchemaRoot root = reader.readBlock(b, all)) {
        for (int r = 0; r < root.getRowCount(); r++) {
          Object[] row = new Object[cols];
          for (int c = 0; c < cols; c++) {
            row[c] = get(root.getVector(c), reader.schema().column(c).type(), r);
          }
          out.add(row);
        }
      }
    }
    return out;
  }

  /** Compares one value (nulls last) in zone-map order. */
  static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    return ZoneValues.compare(a, b);
  }

  /** The expected order of rows: stable sort by the key columns. */
  static List<Object[]> sorted(List<Object[]> rows, List<Integer> sortKey) {
    List<Object[]> copy = new ArrayList<>(rows);
    Comparator<Object[]> cmp = (x, y) -> 0;
    for (int k : sortKey) {
      cmp = cmp.thenComparing((x, y) -> compareValues(x[k], y[k]));
    }
    copy.sort(cmp);
    return copy;
  }

  /** Value equality as a reader sees it (doubles bitwise, so NaN equals NaN). */
  static boolean sameValue(Object a, Object b) {
    if (a instanceof Double x && b instanceof Double y) {
      return Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
    }
    return java.util.Objects.equals(a, b);
  }

  static void assertSameRows(List<Object[]> actual, List<Object[]> expected) {
    org.assertj.core.api.Assertions.assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Object[] a = actual.get(i);
      Object[] e = expected.get(i);
      for (int c = 0; c < e.length; c++) {
        if (!sameValue(a[c], e[c])) {
          throw new AssertionError("row " + i + " column " + c + ": expected " + e[c] + " but was " + a[c]
              + "\nexpected row " + Arrays.toString(e) + "\nactual row   " + Arrays.toString(a));
        }
      }
    }
  }
}
