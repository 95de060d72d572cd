package dev.blueshift.storage.segment;

/**
 * The one ordering of zone-map values, shared by the writer (computing min/max), the sort and
 * {@link BlockPredicate}: longs numerically, doubles numerically with NaN greatest and -0.0 == 0.0,
 * false &lt; true, strings by code point (which is UTF-8 byte order).
 */
final class ZoneValues {
  /** Longest string prefix (in code points) kept in a zone map. */
  static final int MAX_STRING_PREFIX = 64;

  private ZoneValues() {}

  /** Orders doubles as SQL does: NaN above everything, -0.0 equal to 0.0. */
  static int compareDoubles(double a, double b) {
    if (a < b) {
      return -1;
    }
    if (a > b) {
      return 1;
    }
    boolean an = Double.isNaN(a);
    boolean bn = Double.isNaN(b);
    return an == bn ? 0 : (an ? 1 : -1);
  }

  /** Code point order of two strings (UTF-16 compareTo differs for supplementary characters). */
  static int compareStrings(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /**
   * Compares a zone-map value with a predicate value, or returns {@code null} when they are not
   * comparable (the caller must then be conservative). Integral predicate values of any boxed type
   * compare with Long zone values; any Number compares with Double zone values.
   */
  static Integer compare(Object zoneValue, Object value) {
    if (zoneValue instanceof Long z) {
      if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
        return Long.compare(z, ((Number) value).longValue());
      }
      if (value instanceof Double || value instanceof Float) {
        double d = ((Number) value).doubleValue();
        if (Double.isNaN(d)) {
          return -1;
        }
        // exact comparison of a long with a double: compare the floor first
        double f = Math.floor(d);
        if (f >= 0x1p63) {
          return -1;
        }
        if (f < -0x1p63) {
          return 1;
        }
        int c = Long.compare(z, (long) f);
        if (c != 0) {
          return c;
        }
        return f == d ? 0 : -1;
      }
      return null;
    }
    if (zoneValue instanceof Double z) {
      if (value instanceof Number n) {
        if (value instanceof Long l && Math.abs(l) > (1L << 53)) {
          return null;
        }
        return compareDoubles(z, n.doubleValue());
      }
      return null;
    }
    if (zoneValue instanceof Boolean z) {
      return value instanceof Boolean b ? Boolean.compare(z, b) : null;
    }
    if (zoneValue instanceof String z) {
      return value instanceof String s ? compareStrings(z, s) : null;
    }
    return null;
  }

  /** A lower bound of {@code s} no longer than {@link #MAX_STRING_PREFIX} code points. */
  static String lowerBound(String s) {
    if (s.codePointCount(0, s.length()) <= MAX_STRING_PREFIX) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, MAX_STRING_PREFIX));
  }

  /**
   * An upper bound of {@code s} no longer than {@link #MAX_STRING_PREFIX} code points: the prefix
   * with its last incrementable code point incremented, or {@code s} itself when none can be.
   */
  static String upperBound(String s) {
    if (s.codePointCount(0, s.length()) <= MAX_STRING_PREFIX) {
      return s;
    }
    int[] cps = s.codePoints().limit(MAX_STRING_PREFIX).toArray();
    for (int k = cps.length - 1; k >= 0; k--) {
      int next = cps[k] + 1;
      if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
        next = Character.MAX_SURROGATE + 1;
      }
      if (next <= Character.MAX_CODE_POINT) {
        cps[k] = next;
        return new String(cps, 0, k + 1);
      }
    }
    return s;
  }
}
