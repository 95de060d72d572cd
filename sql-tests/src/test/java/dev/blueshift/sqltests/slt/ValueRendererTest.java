package dev.blueshift.sqltests.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ValueRendererTest {
  @Test
  void sqliteIntegerColumnsTruncateTowardZeroWhateverTheValueType() {
    assertThat(ValueRenderer.render(new BigDecimal("2.5000"), 'I', Dialect.SQLITE)).isEqualTo("2");
    assertThat(ValueRenderer.render(new BigDecimal("-2.5"), 'I', Dialect.SQLITE)).isEqualTo("-2");
    assertThat(ValueRenderer.render(-7.9d, 'I', Dialect.SQLITE)).isEqualTo("-7");
    assertThat(ValueRenderer.render(42L, 'I', Dialect.SQLITE)).isEqualTo("42");
    assertThat(ValueRenderer.render(true, 'I', Dialect.SQLITE)).isEqualTo("1");
    assertThat(ValueRenderer.render("17", 'I', Dialect.SQLITE)).isEqualTo("17");
    assertThat(ValueRenderer.render(null, 'I', Dialect.SQLITE)).isEqualTo("NULL");
  }

  @Test
  void sqliteRealColumnsPrintThreeDecimals() {
    assertThat(ValueRenderer.render(1.5d, 'R', Dialect.SQLITE)).isEqualTo("1.500");
    assertThat(ValueRenderer.render(2, 'R', Dialect.SQLITE)).isEqualTo("2.000");
    assertThat(ValueRenderer.render(new BigDecimal("-0.33333"), 'R', Dialect.SQLITE)).isEqualTo("-0.333");
  }

  @Test
  void sqliteTextColumnsMarkEmptyStringsAndMaskNonPrintableBytes() {
    assertThat(ValueRenderer.render("", 'T', Dialect.SQLITE)).isEqualTo("(empty)");
    assertThat(ValueRenderer.render("a\tb", 'T', Dialect.SQLITE)).isEqualTo("a@b");
    assertThat(ValueRenderer.render("é", 'T', Dialect.SQLITE)).isEqualTo("@@");
    assertThat(ValueRenderer.render(12, 'T', Dialect.SQLITE)).isEqualTo("12");
  }

  @Test
  void duckdbValuesPrintAsPostgresqlDoesRegardlessOfTheLetter() {
    assertThat(ValueRenderer.render(true, 'I', Dialect.DUCKDB)).isEqualTo("true");
    assertThat(ValueRenderer.render(new BigDecimal("1.50"), 'I', Dialect.DUCKDB)).isEqualTo("1.50");
    assertThat(ValueRenderer.render(4.0d, 'R', Dialect.DUCKDB)).isEqualTo("4");
    assertThat(ValueRenderer.render(0.1d, 'R', Dialect.DUCKDB)).isEqualTo("0.1");
    assertThat(ValueRenderer.render("", 'T', Dialect.DUCKDB)).isEqualTo("(empty)");
    assertThat(ValueRenderer.render("🦆", 'T', Dialect.DUCKDB)).isEqualTo("🦆");
    assertThat(ValueRenderer.render(Date.valueOf(LocalDate.of(1992, 1, 5)), 'T', Dialect.DUCKDB))
        .isEqualTo("1992-01-05");
    assertThat(ValueRenderer.render(Timestamp.valueOf(LocalDateTime.of(2001, 4, 20, 14, 42, 11, 123_000_000)), 'T',
        Dialect.DUCKDB)).isEqualTo("2001-04-20 14:42:11.123");
    assertThat(ValueRenderer.render(Timestamp.valueOf(LocalDateTime.of(2001, 4, 20, 14, 42, 11)), 'T',
        Dialect.DUCKDB)).isEqualTo("2001-04-20 14:42:11");
  }
}
