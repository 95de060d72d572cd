package dev.blueshift.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ValueTextTest {

  @Test
  void valuesReadLikePsql() {
    assertThat(ValueText.of(null, "integer")).isNull();
    assertThat(ValueText.of(true, "boolean")).isEqualTo("t");
    assertThat(ValueText.of(false, "boolean")).isEqualTo("f");
    assertThat(ValueText.of(new BigDecimal("12.00"), "numeric(15,2)")).isEqualTo("12.00");
    assertThat(ValueText.of(new BigDecimal("1E+3"), "numeric(15,0)")).isEqualTo("1000");
    assertThat(ValueText.of((short) -12, "smallint")).isEqualTo("-12");
    assertThat(ValueText.of(2.5d, "double precision")).isEqualTo("2.5");
    assertThat(ValueText.of(3.0d, "double precision")).isEqualTo("3");
    assertThat(ValueText.of(1e20, "double precision")).isEqualTo("1e+20");
    assertThat(ValueText.of(1.5e-7, "double precision")).isEqualTo("1.5e-07");
    assertThat(ValueText.of(0.1f, "real")).isEqualTo("0.1");
    assertThat(ValueText.of(Double.NaN, "double precision")).isEqualTo("NaN");
    assertThat(ValueText.of(Date.valueOf("1998-12-01"), "date")).isEqualTo("1998-12-01");
    assertThat(ValueText.of(Timestamp.valueOf(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 120_000_000)),
        "timestamp without time zone")).isEqualTo("2024-02-29 13:45:30.12");
    assertThat(ValueText.of(Timestamp.valueOf(LocalDateTime.of(2024, 1, 2, 3, 4, 5)),
        "timestamp with time zone")).isEqualTo("2024-01-02 03:04:05+00");
  }

  @Test
  void columnKinds() {
    assertThat(ValueText.kind(Types.DECIMAL)).isEqualTo(TableColumn.Kind.NUMBER);
    assertThat(ValueText.kind(Types.BOOLEAN)).isEqualTo(TableColumn.Kind.BOOLEAN);
    assertThat(ValueText.kind(Types.VARCHAR)).isEqualTo(TableColumn.Kind.TEXT);
    assertThat(ValueText.kind(Types.DATE)).isEqualTo(TableColumn.Kind.TEXT);
  }
}
