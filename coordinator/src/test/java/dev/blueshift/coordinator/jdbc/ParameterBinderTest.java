package dev.blueshift.coordinator.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.error.BlueshiftException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.Test;

class ParameterBinderTest {

  @Test
  void placeholdersOutsideQuotesAndComments() {
    String sql = "select ?, '?', \"?\", 'it''s ?' -- ?\n /* ? */ from t where a = ?";
    assertThat(ParameterBinder.placeholders(sql)).containsExactly(7, sql.lastIndexOf('?'));
  }

  @Test
  void literalsByType() {
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    List<TypedValue> values = Arrays.asList(
        TypedValue.ofLocal(Rep.STRING, "o'clock"),
        TypedValue.ofLocal(Rep.BOOLEAN, true),
        TypedValue.ofLocal(Rep.NUMBER, new BigDecimal("12.50")),
        TypedValue.ofLocal(Rep.LONG, 9_000_000_000L),
        TypedValue.ofLocal(Rep.DOUBLE, 2.5),
        TypedValue.ofJdbc(Rep.JAVA_SQL_TIMESTAMP,
            new Timestamp(1_709_214_330_123L), utc),
        TypedValue.ofLocal(Rep.OBJECT, null));
    assertThat(ParameterBinder.bind("values (?, ?, ?, ?, ?, ?, ?)", values)).isEqualTo(
        "values ('o''clock', TRUE, 12.50, 9000000000, 2.5, TIMESTAMP '2024-02-29 13:45:30.123', NULL)");
  }

  @Test
  void wrongNumberOfValuesIsAnError() {
    assertThatThrownBy(() -> ParameterBinder.bind("select ?, ?", List.of(TypedValue.ofLocal(Rep.INTEGER, 1))))
        .isInstanceOf(BlueshiftException.class)
        .hasMessage("statement has 2 parameters but 1 values were bound");
  }
}
