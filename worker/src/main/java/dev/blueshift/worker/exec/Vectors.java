package dev.blueshift.worker.exec;

import dev.blueshift.types.SqlType;
import dev.blueshift.worker.types.ArrowSchemas;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Typed access to Arrow vectors by SQL type: allocation, reading a value as a long / double /
 * string, writing one, and converting to the Java objects JDBC clients receive.
 */
public final class Vectors {
  private Vectors() {}

  /** A new vector of the SQL type with room for {@code capacity} values. */
  public static FieldVector allocate(String name, SqlType type, int capacity, BufferAllocator allocator) {
    FieldVector v = ArrowSchemas.field(name, type).createVector(allocator);
    if (type.isString()) {
      ((VarCharVector) v).allocateNew(Math.max(capacity, 1) * 16L, Math.max(capacity, 1));
    } else {
      v.setInitialCapacity(Math.max(capacity, 1));
      v.allocateNew();
    }
    return v;
  }

  /** Reads a long-like value (integers, DECIMAL unscaled, DATE days, TIMESTAMP micros, BOOLEAN 0/1). */
  public static long getLong(FieldVector v, int i) {
    if (v instanceof BigIntVector b) {
      return b.get(i);
    } else if (v instanceof IntVector b) {
      return b.get(i);
    } else if (v instanceof DateDayVector b) {
      return b.get(i);
    } else if (v instanceof SmallIntVector b) {
      return b.get(i);
    } else if (v instanceof TimeStampMicroVector b) {
      return b.get(i);
    } else if (v instanceof TimeStampMicroTZVector b) {
      return b.get(i);
    } else if (v instanceof BitVector b) {
      return b.get(i); // BOOLEAN as 0/1, so MIN/MAX and keys order false before true
    }
    throw new IllegalStateException("not a long-like vector: " + v.getClass().getSimpleName());
  }

  /** Writes a long-like value; the vector must already have room (use setSafe semantics). */
  public static void setLong(FieldVector v, int i, long value) {
    if (v instanceof BigIntVector b) {
      b.setSafe(i, value);
    } else if (v instanceof IntVector b) {
      b.setSafe(i, (int) value);
    } else if (v instanceof DateDayVector b) {
      b.setSafe(i, (int) value);
    } else if (v instanceof SmallIntVector b) {
      b.setSafe(i, (short) value);
    } else if (v instanceof TimeStampMicroVector b) {
      b.setSafe(i, value);
    } else if (v instanceof TimeStampMicroTZVector b) {
      b.setSafe(i, value);
    } else if (v instanceof BitVector b) {
      b.setSafe(i, value != 0 ? 1 : 0);
    } else {
      throw new IllegalStateException("not a long-like vector: " + v.getClass().getSimpleName());
    }
  }

  public static double getDouble(FieldVector v, int i) {
    if (v instanceof Float8Vector f) {
      return f.get(i);
    } else if (v instanceof Float4Vector f) {
      return f.get(i);
    }
    throw new IllegalStateException("not a floating vector: " + v.getClass().getSimpleName());
  }

  public static void setDouble(FieldVector v, int i, double value) {
    if (v instanceof Float8Vector f) {
      f.setSafe(i, value);
    } else if (v instanceof Float4Vector f) {
      f.setSafe(i, (float) value);
    } else {
      throw new IllegalStateException("not a floating vector: " + v.getClass().getSimpleName());
    }
  }

  public static void setNull(FieldVector v, int i) {
    if (v instanceof VarCharVector s) {
      s.setNull(i);
    } else if (v instanceof org.apache.arrow.vector.BaseFixedWidthVector f) {
      while (i >= f.getValueCapacity()) {
        f.reAlloc();
      }
      f.setNull(i);
    } else {
      throw new IllegalStateException("unsupported vector " + v.getClass().getSimpleName());
    }
  }

  public static void setString(FieldVector v, int i, byte[] utf8) {
    ((VarCharVector) v).setSafe(i, utf8);
  }

  public static void setBoolean(FieldVector v, int i, boolean value) {
    ((BitVector) v).setSafe(i, value ? 1 : 0);
  }

  /** Converts one value to its JDBC-facing Java object (see RowCursor's contract). */
  public static Object toJava(FieldVector v, SqlType type, int i) {
    if (v.isNull(i)) {
      return null;
    }
    return switch (type.kind()) {
      case SMALLINT -> (short) getLong(v, i);
      case INTEGER -> (int) getLong(v, i);
      case BIGINT -> getLong(v, i);
      case DECIMAL -> BigDecimal.valueOf(getLong(v, i), type.scale());
      case REAL -> (float) getDouble(v, i);
      case DOUBLE -> getDouble(v, i);
      case BOOLEAN -> ((BitVector) v).get(i) == 1;
      case CHAR, VARCHAR -> new String(((VarCharVector) v).get(i), StandardCharsets.UTF_8);
      case DATE -> LocalDate.ofEpochDay(getLong(v, i));
      case TIMESTAMP -> micros(getLong(v, i));
      case TIMESTAMPTZ -> micros(getLong(v, i)).atOffset(ZoneOffset.UTC);
    };
  }

  private static LocalDateTime micros(long micros) {
    long seconds = Math.floorDiv(micros, 1_000_000L);
    int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
    return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
  }

  /** Sets the value count of every vector of a freshly filled output. */
  public static void setValueCount(Iterable<FieldVector> vectors, int count) {
    for (FieldVector v : vectors) {
      v.setValueCount(count);
    }
  }

  /** Epoch micros of a timestamp with time zone (for literal conversion). */
  public static long micros(OffsetDateTime t) {
    return t.toEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }
}
