package dev.blueshift.storage.segment;

import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A predicate evaluated against zone maps to skip blocks (or whole segments).
 *
 * <p>Values are typed as in {@link ZoneMap}: Long for long-like columns (DECIMAL as the unscaled
 * value at the column's scale, DATE as epoch days, TIMESTAMP as epoch micros), Double for
 * REAL/DOUBLE, Boolean, String. Integer/Short values are accepted for long-like columns. A value of
 * an incomparable type makes the term conservatively true. SQL semantics: a comparison never
 * matches a NULL row; a NULL predicate value matches nothing.
 *
 * <p>{@link #mightMatch} is conservative: it returns false only when no row of the block can
 * satisfy the predicate.
 */
public sealed interface BlockPredicate {

  /** A predicate that every block might match. */
  BlockPredicate ALWAYS = new Always();

  /**
   * Whether a block whose zone map of column {@code c} is {@code zoneMapOfColumn.apply(c)} might
   * contain a row satisfying this predicate.
   */
  boolean mightMatch(IntFunction<ZoneMap> zoneMapOfColumn);

  /** Comparison operators. */
  enum Op { EQ, NE, LT, LE, GT, GE }

  /** {@code column op value}. */
  record Compare(int column, Op op, Object value) implements BlockPredicate {
    public Compare {
      Objects.requireNonNull(op, "op");
    }

    @Override
    public boolean mightMatch(IntFunction<ZoneMap> zoneMapOfColumn) {
      ZoneMap z = zoneMapOfColumn.apply(column);
      if (value == null || z.allNull()) {
        return false;
      }
      if (!z.hasMinMax()) {
        return true;
      }
      Integer cmpMin = ZoneValues.compare(z.min(), value);
      Integer cmpMax = ZoneValues.compare(z.max(), value);
      if (cmpMin == null || cmpMax == null) {
        return true;
      }
      return switch (op) {
        case EQ -> cmpMin <= 0 && cmpMax >= 0;
        case NE -> !(cmpMin == 0 && cmpMax == 0);
        case LT -> cmpMin < 0;
        case LE -> cmpMin <= 0;
        case GT -> cmpMax > 0;
        case GE -> cmpMax >= 0;
      };
    }
  }

  /** {@code column BETWEEN low AND high} (inclusive). */
  record Between(int column, Object low, Object high) implements BlockPredicate {
    @Override
    public boolean mightMatch(IntFunction<ZoneMap> zoneMapOfColumn) {
      return new Compare(column, Op.GE, low).mightMatch(zoneMapOfColumn)
          && new Compare(column, Op.LE, high).mightMatch(zoneMapOfColumn);
    }
  }

  /** {@code column IN (values...)}; null list elements never match. */
  record In(int column, List<?> values) implements BlockPredicate {
    public In {
      values = List.copyOf(values.stream().filter(Objects::nonNull).toList());
    }

    @Override
    public boolean mightMatch(IntFunction<ZoneMap> zoneMapOfColumn) {
      for (Object v : values) {
        if (new Compare(column, Op.EQ, v).mightMatch(zoneMapOfColumn)) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code column IS NULL}. */
  record IsNull(int column) implements BlockPredicate {
    @Override
    public boolean mightMatch(IntFunction<ZoneMap> zoneMapOfColumn) {
      return zoneMapOfColumn.apply(column).nullCount() > 0;
    }
  }

  /** {@code column IS NOT NULL}. */
  record IsNotNull(int column) implements BlockPredicate {
    @Override
    public boolean mightMatch(IntFunction<ZoneMap> zoneMapOfColumn) {
      ZoneMap z = zoneMapOfColumn.apply(column);
      return z.nullCount() < z.rowCount();
    }
  }

  /** Conjunction; an empty list is true. */
  record And(List<BlockPredicate> terms) implements BlockPredicate {
    public And {
      terms = List.copyOf(terms);
    }

    @Override
    public boolean mightMatch(IntFunction<ZoneMap> zoneMapOfColumn) {
      for (BlockPredicate t : terms) {
        if (!t.mightMatch(zoneMapOfColumn)) {
          return false;
        }
      }
      return true;
    }
  }

  /** Disjunction; an empty list is false. */
  record Or(List<BlockPredicate> terms) implements BlockPredicate {
    public Or {
      terms = List.copyOf(terms);
    }

    @Override
    public boolean mightMatch(IntFunction<ZoneMap> zoneMapOfColumn) {
      for (BlockPredicate t : terms) {
        if (t.mightMatch(zoneMapOfColumn)) {
          return true;
        }
      }
      return false;
    }
  }

  /** True for every block. */
  record Always() implements BlockPredicate {
    @Override
    public boolean mightMatch(IntFunction<ZoneMap> zoneMapOfColumn) {
      return true;
    }
  }

  static BlockPredicate and(BlockPredicate... terms) {
    return new And(List.of(terms));
  }

  static BlockPredicate or(BlockPredicate... terms) {
    return new Or(List.of(terms));
  }
}
