package dev.blueshift.bench.micro;

import dev.blueshift.storage.segment.ColumnSpec;
import dev.blueshift.storage.segment.Encoding;
import dev.blueshift.storage.segment.SegmentSchema;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Vectors;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Eleven lineitem-shaped columns with TPC-H's value distributions (order keys ascending four lines
 * an order, part keys over 200k, quantities 1–50, prices, discounts 0–10 %, taxes 0–8 %, ship dates
 * over 1992–1998, the flags, seven ship modes, 10–43 character comments of TPC-H-like words), from a
 * fixed seed, for the segment write/scan benchmarks and the compression report. Each encoding is
 * measured on the columns whose type it accepts.
 */
public final class LineitemSegmentData {
  public static final List<String> NAMES = List.of("l_orderkey", "l_partkey", "l_quantity", "l_extendedprice",
      "l_discount", "l_tax", "l_shipdate", "l_returnflag", "l_linestatus", "l_shipmode", "l_comment");
  public static final List<SqlType> TYPES = List.of(SqlType.BIGINT, SqlType.INTEGER, SqlType.decimal(15, 2),
      SqlType.decimal(15, 2), SqlType.decimal(15, 2), SqlType.decimal(15, 2), SqlType.DATE, SqlType.character(1),
      SqlType.character(1), SqlType.varchar(10), SqlType.varchar(44));
  /** Every encoding but AUTO (which is one of the others per type). */
  public static final List<Encoding> ENCODINGS = List.of(Encoding.values()).stream()
      .filter(e -> e != Encoding.AUTO).toList();

  private static final long FIRST_DAY = LocalDate.of(1992, 1, 2).toEpochDay();
  private static final byte[][] FLAGS = bytes("A", "N", "R");
  private static final byte[][] STATUS = bytes("F", "O");
  private static final byte[][] MODES = bytes("AIR", "FOB", "MAIL", "RAIL", "REG AIR", "SHIP", "TRUCK");
  private static final String[] WORDS = {"furiously", "carefully", "final", "pending", "deposits", "accounts",
      "ironic", "regular", "requests", "quickly", "blithely", "slyly", "express", "packages", "bold", "even",
      "theodolites", "instructions", "fluffily", "special", "unusual", "asymptotes", "dolphins", "pinto", "beans"};

  private LineitemSegmentData() {}

  /** Ordinals (into {@link #NAMES}) of the columns {@code encoding} applies to. */
  public static int[] columnsFor(Encoding encoding) {
    return java.util.stream.IntStream.range(0, NAMES.size())
        .filter(c -> encoding.isApplicable(TYPES.get(c))).toArray();
  }

  /** A segment schema of the chosen columns, all with {@code encoding}, and no sort key. */
  public static SegmentSchema schema(int[] columns, Encoding encoding) {
    List<ColumnSpec> specs = new ArrayList<>();
    for (int c : columns) {
      specs.add(new ColumnSpec(NAMES.get(c), TYPES.get(c), encoding));
    }
    return new SegmentSchema(specs, List.of());
  }

  /** {@code rows} rows of the chosen columns in batches of {@link ExecContext#BATCH_ROWS}; the caller closes them. */
  public static List<VectorSchemaRoot> batches(int rows, int[] columns, BufferAllocator allocator) {
    SplittableRandom random = new SplittableRandom(19920102);
    List<VectorSchemaRoot> batches = new ArrayList<>();
    Object[] row = new Object[NAMES.size()];
    StringBuilder comment = new StringBuilder();
    for (int start = 0; start < rows; start += ExecContext.BATCH_ROWS) {
      int n = Math.min(ExecContext.BATCH_ROWS, rows - start);
      List<FieldVector> vectors = new ArrayList<>();
      List<Field> fields = new ArrayList<>();
      for (int c : columns) {
        FieldVector v = Vectors.allocate(NAMES.get(c), TYPES.get(c), n, allocator);
        vectors.add(v);
        fields.add(v.getField());
      }
      for (int i = 0; i < n; i++) {
        long quantity = 1 + random.nextInt(50);
        row[0] = (long) (start + i) / 4 + 1;
        row[1] = 1L + random.nextInt(200_000);
        row[2] = quantity * 100;
        row[3] = quantity * (90_000 + random.nextInt(110_000));
        row[4] = (long) random.nextInt(11);
        row[5] = (long) random.nextInt(9);
        row[6] = FIRST_DAY + random.nextInt(2_526);
        row[7] = FLAGS[random.nextInt(FLAGS.length)];
        row[8] = STATUS[random.nextInt(STATUS.length)];
        row[9] = MODES[random.nextInt(MODES.length)];
        comment.setLength(0);
        int length = 10 + random.nextInt(34);
        while (comment.length() < length) {
          comment.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        comment.setLength(length);
        row[10] = comment.toString().getBytes(StandardCharsets.UTF_8);
        for (int k = 0; k < columns.length; k++) {
          Object value = row[columns[k]];
          if (value instanceof Long l) {
            Vectors.setLong(vectors.get(k), i, l);
          } else {
            Vectors.setString(vectors.get(k), i, (byte[]) value);
          }
        }
      }
      vectors.forEach(v -> v.setValueCount(n));
      batches.add(new VectorSchemaRoot(fields, vectors, n));
    }
    return batches;
  }

  /** Bytes of the plain (decoded) Arrow buffers of one column over all batches: validity, offsets, data. */
  public static long rawBytes(List<VectorSchemaRoot> batches, int column) {
    long bytes = 0;
    for (VectorSchemaRoot b : batches) {
      FieldVector v = b.getVector(column);
      bytes += v.getBufferSizeFor(v.getValueCount());
    }
    return bytes;
  }

  /** {@link #rawBytes(List, int)} over every column. */
  public static long rawBytes(List<VectorSchemaRoot> batches) {
    long bytes = 0;
    for (int c = 0; c < batches.get(0).getFieldVectors().size(); c++) {
      bytes += rawBytes(batches, c);
    }
    return bytes;
  }

  private static byte[][] bytes(String... values) {
    byte[][] b = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      b[i] = values[i].getBytes(StandardCharsets.UTF_8);
    }
    return b;
  }
}
