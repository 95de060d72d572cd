package dev.blueshift.worker.load;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;

/**
 * One COPY option as it travels to the workers: its canonical upper-case name and its value as
 * text (null for flags). The coordinator's parser has checked names and value kinds already.
 */
public record LoadOption(String name, String value) {

  /** The value as an integer (IGNOREHEADER, MAXERROR). */
  public long longValue() {
    try {
      return Long.parseLong(value.strip());
    } catch (RuntimeException e) {
      throw new BlueshiftException(SqlState.SYNTAX_ERROR, "option " + name + " needs an integer, got " + value);
    }
  }

  /** The value as one character (DELIMITER, QUOTE); the two characters {@code \t} mean a tab. */
  public char single() {
    if ("\\t".equals(value)) {
      return '\t'; // DELIMITER '\t', as Redshift documents for tab-separated files
    }
    if (value == null || value.length() != 1) {
      throw new BlueshiftException(SqlState.SYNTAX_ERROR, "COPY " + name + " must be a single character, not '" + value + "'");
    }
    return value.charAt(0);
  }
}
