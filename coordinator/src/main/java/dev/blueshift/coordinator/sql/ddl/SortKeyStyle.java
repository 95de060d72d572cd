package dev.blueshift.coordinator.sql.ddl;

/** How the columns of a {@code SORTKEY} combine. */
public enum SortKeyStyle {
  /** Lexicographic order on the key columns, first column most significant (the default). */
  COMPOUND,
  /** Equal weight to every key column (z-order). */
  INTERLEAVED
}
