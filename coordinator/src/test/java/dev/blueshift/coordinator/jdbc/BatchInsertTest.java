package dev.blueshift.coordinator.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.Test;

class BatchInsertTest {

  private static List<TypedValue> row(Object... values) {
    List<TypedValue> out = new ArrayList<>();
    for (Object v : values) {
      out.add(v == null ? TypedValue.ofLocal(ColumnMetaData.Rep.OBJECT, null)
          : v instanceof Integer i ? TypedValue.ofLocal(ColumnMetaData.Rep.INTEGER, i)
          : TypedValue.ofLocal(ColumnMetaData.Rep.STRING, v));
    }
    return out;
  }

  @Test
  void oneRowTemplateBecomesOneMultiRowInsert() {
    BatchInsert insert = BatchInsert.of("insert into t (a, b) values (?, upper(?)) ;");
    assertThat(insert).isNotNull();
    assertThat(insert.statements(List.of(row(1, "x"), row(2, "it's"), row(null, null)))).containsExactly(
        "insert into t (a, b) values \n(1, upper('x')),\n(2, upper('it''s')),\n(NULL, upper(NULL))");
    assertThat(insert.firstRowLine()).isEqualTo(2);
  }

  @Test
  void bigBatchesAreCutByValues() {
    BatchInsert insert = BatchInsert.of("INSERT INTO t VALUES (?, ?)");
    List<List<TypedValue>> rows = new ArrayList<>();
    for (int i = 0; i < 450_000; i++) {
      rows.add(row(i, i));
    }
    assertThat(insert.rowsPerStatement()).isEqualTo(200_000);
    assertThat(insert.statements(rows)).hasSize(3);
  }

  @Test
  void otherStatementsRunRowByRow() {
    assertThat(BatchInsert.of("INSERT INTO t VALUES (?), (?)")).isNull();
    assertThat(BatchInsert.of("INSERT INTO t SELECT * FROM u WHERE k = ?")).isNull();
    assertThat(BatchInsert.of("UPDATE t SET a = ? WHERE b = ?")).isNull();
    assertThat(BatchInsert.of("INSERT INTO t (a) VALUES (?) RETURNING a")).isNull();
    assertThat(BatchInsert.of("INSERT INTO \"values\" VALUES (?)")).isNotNull();
  }
}
