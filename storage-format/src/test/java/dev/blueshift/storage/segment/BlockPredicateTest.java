package dev.blueshift.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.storage.segment.BlockPredicate.Between;
import dev.blueshift.storage.segment.BlockPredicate.Compare;
import dev.blueshift.storage.segment.BlockPredicate.In;
import dev.blueshift.storage.segment.BlockPredicate.IsNotNull;
import dev.blueshift.storage.segment.BlockPredicate.IsNull;
import dev.blueshift.storage.segment.BlockPredicate.Op;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockPredicateTest {
  static boolean matches(BlockPredicate p, ZoneMap... columns) {
    return p.mightMatch(c -> columns[c]);
  }

  final ZoneMap longs = new ZoneMap(10L, 20L, 0, 100);
  final ZoneMap allNull = new ZoneMap(null, null, 5, 5);

  @Test
  void comparesLongs() {
    assertThat(matches(new Compare(0, Op.EQ, 10L), longs)).isTrue();
    assertThat(matches(new Compare(0, Op.EQ, 9L), longs)).isFalse();
    assertThat(matches(new Compare(0, Op.EQ, 21), longs)).isFalse(); // Integer accepted
    assertThat(matches(new Compare(0, Op.LT, 10L), longs)).isFalse();
    assertThat(matches(new Compare(0, Op.LE, 10L), longs)).isTrue();
    assertThat(matches(new Compare(0, Op.GT, 20L), longs)).isFalse();
    assertThat(matches(new Compare(0, Op.GE, 20L), longs)).isTrue();
    assertThat(matches(new Compare(0, Op.NE, 15L), longs)).isTrue();
    assertThat(matches(new Compare(0, Op.NE, 7L), new ZoneMap(7L, 7L, 0, 3))).isFalse();
    assertThat(matches(new Compare(0, Op.GT, 19.5), longs)).isTrue();
    assertThat(matches(new Compare(0, Op.GT, 20.5), longs)).isFalse();
    assertThat(matches(new Compare(0, Op.EQ, 15.5), new ZoneMap(15L, 15L, 0, 1))).isFalse();
    assertThat(matches(new Between(0, 21L, 30L), longs)).isFalse();
    assertThat(matches(new Between(0, 0L, 10L), longs)).isTrue();
    assertThat(matches(new In(0, Arrays.asList(1L, null, 30L)), longs)).isFalse();
    assertThat(matches(new In(0, List.of(1L, 12L)), longs)).isTrue();
    assertThat(matches(new Compare(0, Op.EQ, null), longs)).isFalse();
  }

  @Test
  void handlesNulls() {
    assertThat(matches(new IsNull(0), longs)).isFalse();
    assertThat(matches(new IsNull(0), allNull)).isTrue();
    assertThat(matches(new IsNotNull(0), allNull)).isFalse();
    assertThat(matches(new IsNotNull(0), longs)).isTrue();
    assertThat(matches(new Compare(0, Op.NE, 1L), allNull)).isFalse();
    assertThat(matches(new Compare(0, Op.EQ, 1L), new ZoneMap(null, null, 0, 0))).isFalse();
  }

  @Test
  void doublesTreatNanAsGreatestAndNegativeZeroAsZero() {
    ZoneMap z = new ZoneMap(0.0, 5.0, 0, 10);
    assertThat(matches(new Compare(0, Op.EQ, -0.0), z)).isTrue();
    assertThat(matches(new Compare(0, Op.LT, 0.0), z)).isFalse();
    assertThat(matches(new Compare(0, Op.EQ, Double.NaN), z)).isFalse();
    assertThat(matches(new Compare(0, Op.EQ, Double.NaN), new ZoneMap(1.0, Double.NaN, 0, 2))).isTrue();
    assertThat(matches(new Compare(0, Op.GT, 1e300), new ZoneMap(1.0, Double.NaN, 0, 2))).isTrue();
    assertThat(matches(new Compare(0, Op.EQ, 3L), z)).isTrue(); // Long against a double column
  }

  @Test
  void stringsCompareByCodePointAndTruncatedBoundsStayConservative() {
    String longMax = "b".repeat(100);
    String upper = ZoneValues.upperBound(longMax);
    assertThat(upper.codePointCount(0, upper.length())).isLessThanOrEqualTo(ZoneValues.MAX_STRING_PREFIX);
    assertThat(ZoneValues.compareStrings(upper, longMax)).isPositive();
    String lower = ZoneValues.lowerBound("a".repeat(100));
    ZoneMap z = new ZoneMap(lower, upper, 0, 2);
    assertThat(matches(new Compare(0, Op.EQ, longMax), z)).isTrue();
    assertThat(matches(new Compare(0, Op.EQ, "a".repeat(100)), z)).isTrue();
    assertThat(matches(new Compare(0, Op.EQ, "c"), z)).isFalse();
    // U+FFFF sorts below a supplementary character in code point (UTF-8) order
    assertThat(ZoneValues.compareStrings("\uFFFF", "\uD83D\uDE00")).isNegative();
    String maxCodePoints = new String(Character.toChars(Character.MAX_CODE_POINT)).repeat(70);
    assertThat(ZoneValues.upperBound(maxCodePoints)).isEqualTo(maxCodePoints);
    String edge = "a".repeat(63) + new String(Character.toChars(0xD7FF)) + "zz";
    assertThat(ZoneValues.compareStrings(ZoneValues.upperBound(edge), edge)).isPositive();
  }

  @Test
  void combinesTerms() {
    BlockPredicate yes = new Compare(0, Op.EQ, 15L);
    BlockPredicate no = new Compare(0, Op.EQ, 50L);
    assertThat(matches(BlockPredicate.and(yes, no), longs)).isFalse();
    assertThat(matches(BlockPredicate.or(no, yes), longs)).isTrue();
    assertThat(matches(BlockPredicate.or(), longs)).isFalse();
    assertThat(matches(BlockPredicate.and(), longs)).isTrue();
    assertThat(matches(BlockPredicate.ALWAYS, longs)).isTrue();
    assertThat(matches(new Compare(1, Op.EQ, true), longs, new ZoneMap(false, false, 0, 3))).isFalse();
    assertThat(matches(new Compare(0, Op.EQ, "x"), longs)).isTrue(); // incomparable: conservative
  }
}
