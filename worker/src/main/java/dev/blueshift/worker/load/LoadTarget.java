package dev.blueshift.worker.load;

import dev.blueshift.types.SqlType;
import dev.blueshift.worker.types.ArrowSchemas;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The table a load fills: every column's name, type and NOT NULL flag in table order; which column
 * each input field fills ({@code fileColumns}, for {@code COPY t (c1, c3)}), and the value of each
 * column the input does not fill ({@code fixed}: its DEFAULT as an execution value, or null).
 */
public record LoadTarget(List<String> names, List<SqlType> types, List<Boolean> notNull, int[] fileColumns,
    Object[] fixed) {

  /** All columns, in table order, filled from the input. */
  public static LoadTarget allColumns(List<String> names, List<SqlType> types, List<Boolean> notNull) {
    return new LoadTarget(names, types, notNull, java.util.stream.IntStream.range(0, types.size()).toArray(),
        new Object[types.size()]);
  }

  /** The Arrow schema of the batches a parser produces (table order). */
  public Schema schema() {
    return ArrowSchemas.schema(names, types);
  }
}
