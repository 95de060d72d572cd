package dev.blueshift.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerFormatTest {
  @Test
  void decimalsWithAScaleRoundHalfUpToTwoPlaces() {
    assertThat(AnswerFormat.decimal(new BigDecimal("25.5775"))).isEqualTo("25.58");
    assertThat(AnswerFormat.decimal(new BigDecimal("0.005"))).isEqualTo("0.01");
    assertThat(AnswerFormat.decimal(new BigDecimal("12.00"))).isEqualTo("12.00");
    assertThat(AnswerFormat.decimal(new BigDecimal("1234"))).isEqualTo("1234");
  }

  @Test
  void differenceNamesTheFirstDifferingRowOrTheRowCounts() {
    assertThat(AnswerFormat.difference(List.of("a|1", "b|2"), List.of("a|1", "b|2"))).isNull();
    assertThat(AnswerFormat.difference(List.of("a|1", "b|2"), List.of("a|1", "b|3")))
        .isEqualTo("row 2: expected 'b|2' but got 'b|3'");
    assertThat(AnswerFormat.difference(List.of("a|1"), List.of("a|1", "b|2"))).isEqualTo("expected 1 rows but got 2");
  }
}
