package dev.blueshift.storage.segment;

/**
 * Min/max of a block or a whole segment.
 *
 * <p>Values: {@code Long} for long-like SqlTypes (SMALLINT/INTEGER/BIGINT/DECIMAL unscaled/DATE
 * epoch days/TIMESTAMP micros), {@code Double} for REAL/DOUBLE (NaN sorts above every number, and
 * -0.0 equals 0.0), {@code Boolean} for BOOLEAN (false &lt; true), {@code String} for CHAR/VARCHAR
 * compared by code point (= UTF-8 byte order). Strings are bounded prefixes: a truncated min is a
 * prefix of the true min, a truncated max is a string greater than or equal to the true max. min
 * and max are null when the block has no non-null value.
 */
public record ZoneMap(Object min, Object max, long nullCount, long rowCount) {

  /** True when every row is null (or there are no rows). */
  public boolean allNull() {
    return nullCount == rowCount;
  }

  /** True when min and max are known. */
  public boolean hasMinMax() {
    return min != null && max != null;
  }
}
