package dev.blueshift.sqltests.slt;

import java.util.Locale;
import java.util.Optional;

/** How a query's rendered values are ordered before comparing. */
enum SortMode {
  /** The engine's order. */
  NOSORT,
  /** Whole rows sorted, column by column, on the rendered strings. */
  ROWSORT,
  /** All values sorted as one flat list. */
  VALUESORT;

  static Optional<SortMode> parse(String token) {
    return switch (token.toLowerCase(Locale.ROOT)) {
      case "nosort" -> Optional.of(NOSORT);
      case "rowsort" -> Optional.of(ROWSORT);
      case "valuesort" -> Optional.of(VALUESORT);
      default -> Optional.empty();
    };
  }
}
