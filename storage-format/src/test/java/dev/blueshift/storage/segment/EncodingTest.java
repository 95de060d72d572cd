package dev.blueshift.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.types.SqlType;
import org.junit.jupiter.api.Test;

class EncodingTest {
  @Test
  void parsesCaseInsensitively() {
    assertThat(Encoding.parse("az64")).isEqualTo(Encoding.AZ64);
    assertThat(Encoding.parse("Text32k")).isEqualTo(Encoding.TEXT32K);
    assertThat(Encoding.parse(" zstd ")).isEqualTo(Encoding.ZSTD);
    assertThat(Encoding.parse("none")).isEqualTo(Encoding.RAW);
  }

  @Test
  void rejectsUnknownNames() {
    assertThatThrownBy(() -> Encoding.parse("snappy"))
        .isInstanceOfSatisfying(BlueshiftException.class,
            e -> assertThat(e.state()).isEqualTo(SqlState.INVALID_TABLE_DEFINITION))
        .hasMessage("unknown encoding \"snappy\"");
  }

  @Test
  void checksApplicabilityLikeRedshift() {
    assertThatThrownBy(() -> Encoding.TEXT255.checkApplicable("l_quantity", SqlType.INTEGER))
        .isInstanceOfSatisfying(BlueshiftException.class,
            e -> assertThat(e.state()).isEqualTo(SqlState.INVALID_TABLE_DEFINITION))
        .hasMessageContaining("l_quantity").hasMessageContaining("TEXT255").hasMessageContaining("integer");
    assertThatThrownBy(() -> new ColumnSpec("b", SqlType.BOOLEAN, Encoding.AZ64))
        .isInstanceOf(BlueshiftException.class);
    assertThat(Encoding.AZ64.isApplicable(SqlType.varchar(10))).isFalse();
    assertThat(Encoding.MOSTLY32.isApplicable(SqlType.INTEGER)).isFalse();
    assertThat(Encoding.MOSTLY32.isApplicable(SqlType.decimal(18, 2))).isTrue();
    assertThat(Encoding.BYTEDICT.isApplicable(SqlType.BOOLEAN)).isFalse();
    assertThat(Encoding.LZO.isApplicable(SqlType.DOUBLE)).isFalse();
    for (SqlType t : SegmentRoundTripTest.TYPES) {
      Encoding.RAW.checkApplicable("c", t);
      Encoding.ZSTD.checkApplicable("c", t);
      Encoding.AUTO.checkApplicable("c", t);
      Encoding.RUNLENGTH.checkApplicable("c", t);
      assertThat(Encoding.AUTO.resolve(t).isApplicable(t)).isTrue();
    }
  }

  @Test
  void autoResolvesPerType() {
    assertThat(Encoding.AUTO.resolve(SqlType.BIGINT)).isEqualTo(Encoding.AZ64);
    assertThat(Encoding.AUTO.resolve(SqlType.DATE)).isEqualTo(Encoding.AZ64);
    assertThat(Encoding.AUTO.resolve(SqlType.varchar(5))).isEqualTo(Encoding.LZO);
    assertThat(Encoding.AUTO.resolve(SqlType.DOUBLE)).isEqualTo(Encoding.RAW);
    assertThat(Encoding.AUTO.resolve(SqlType.BIGINT, true)).isEqualTo(Encoding.RAW);
    assertThat(Encoding.ZSTD.resolve(SqlType.BIGINT)).isEqualTo(Encoding.ZSTD);
  }
}
