package dev.blueshift.bench.micro;

import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Vectors;
import dev.blueshift.worker.types.ArrowSchemas;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Lineitem-shaped batches with TPC-H's value distributions (quantity 1–50, discount 0.00–0.10,
 * ship dates over 1992–1998, 4 return-flag/line-status groups), made from a fixed seed so every
 * run of a micro-benchmark sees the same data.
 */
public final class LineitemColumns {
  public static final List<String> NAMES =
      List.of("l_orderkey", "l_quantity", "l_extendedprice", "l_discount", "l_shipdate", "l_returnflag", "l_linestatus");
  public static final List<SqlType> TYPES = List.of(SqlType.INTEGER, SqlType.decimal(15, 2), SqlType.decimal(15, 2),
      SqlType.decimal(15, 2), SqlType.DATE, SqlType.character(1), SqlType.character(1));
  public static final int ORDERKEY = 0;
  public static final int QUANTITY = 1;
  public static final int EXTENDEDPRICE = 2;
  public static final int DISCOUNT = 3;
  public static final int SHIPDATE = 4;
  public static final int RETURNFLAG = 5;
  public static final int LINESTATUS = 6;

  private static final long FIRST_DAY = LocalDate.of(1992, 1, 2).toEpochDay();
  private static final byte[][] FLAGS = {bytes("A"), bytes("N"), bytes("R")};
  private static final byte[][] STATUS = {bytes("F"), bytes("O")};

  private LineitemColumns() {}

  public static Schema schema() {
    return ArrowSchemas.schema(NAMES, TYPES);
  }

  /** {@code rows} rows in batches of {@link ExecContext#BATCH_ROWS}; the caller closes them. */
  public static List<VectorSchemaRoot> batches(int rows, BufferAllocator allocator) {
    SplittableRandom random = new SplittableRandom(19920102);
    List<VectorSchemaRoot> batches = new ArrayList<>();
    for (int start = 0; start < rows; start += ExecContext.BATCH_ROWS) {
      int n = Math.min(ExecContext.BATCH_ROWS, rows - start);
      List<FieldVector> vectors = new ArrayList<>();
      for (int c = 0; c < NAMES.size(); c++) {
        vectors.add(Vectors.allocate(NAMES.get(c), TYPES.get(c), n, allocator));
      }
      for (int i = 0; i < n; i++) {
        int row = start + i;
        long quantity = 1 + random.nextInt(50);
        Vectors.setLong(vectors.get(ORDERKEY), i, row / 4 + 1);
        Vectors.setLong(vectors.get(QUANTITY), i, quantity * 100);
        Vectors.setLong(vectors.get(EXTENDEDPRICE), i, quantity * (90_000 + random.nextInt(110_000)));
        Vectors.setLong(vectors.get(DISCOUNT), i, random.nextInt(11));
        Vectors.setLong(vectors.get(SHIPDATE), i, FIRST_DAY + random.nextInt(2_526));
        Vectors.setString(vectors.get(RETURNFLAG), i, FLAGS[random.nextInt(FLAGS.length)]);
        Vectors.setString(vectors.get(LINESTATUS), i, STATUS[random.nextInt(STATUS.length)]);
      }
      vectors.forEach(v -> v.setValueCount(n));
      batches.add(new VectorSchemaRoot(schema().getFields(), vectors, n));
    }
    return batches;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
