package dev.blueshift.sqltests.slt;

import java.util.List;

/**
 * One record of a sqllogictest file: what the runner does with it and the line it starts on (the
 * first non-comment line, condition lines included, as in {@code known-divergences-pg15.tsv}).
 */
sealed interface SltRecord {
  int line();

  Conditions conditions();

  /** {@code statement ok} or {@code statement error}; the expected message (after {@code ----}) is compared, as a fragment, only in Blueshift's own files. */
  record Statement(int line, Conditions conditions, boolean expectError, String sql, String expectedError)
      implements SltRecord {}

  /** {@code query <types> [<sort>] [<label>]}, its SQL and the expected lines after {@code ----}. */
  record Query(int line, Conditions conditions, String types, SortMode sort, String label, String sql,
      List<String> expected) implements SltRecord {}

  /** {@code hash-threshold N}; the runner decides by the expected result's shape, so this is informational. */
  record HashThreshold(int line, Conditions conditions, int threshold) implements SltRecord {}

  /** {@code halt}: stop reading the file. */
  record Halt(int line, Conditions conditions) implements SltRecord {}

  /** DuckDB's {@code mode skip} / {@code mode unskip}. */
  record Mode(int line, Conditions conditions, boolean skip) implements SltRecord {}

  /** DuckDB's {@code require <extension>}: the file needs something Blueshift does not have, skip it. */
  record Require(int line, Conditions conditions, String what) implements SltRecord {}
}
