package dev.blueshift.sqltests.slt;

/**
 * A record that did not pass: its line, a short reason (first line of the error, or "wrong
 * result") as written to the expected-failures list, and the details a developer needs.
 */
record RecordFailure(int line, String reason, String detail) {
  private static final int MAX_REASON = 160;

  RecordFailure {
    reason = shortReason(reason);
  }

  /** One line, no TABs, bounded: it is a TSV cell. */
  static String shortReason(String message) {
    String first = message == null || message.isBlank() ? "error without a message" : message.strip().lines()
        .findFirst().orElse("");
    first = first.replace('\t', ' ');
    // Calcite's syntax errors go on to list every token it could accept.
    int expecting = first.indexOf(" Was expecting");
    first = expecting > 0 ? first.substring(0, expecting) : first;
    return first.length() <= MAX_REASON ? first : first.substring(0, MAX_REASON - 1) + "…";
  }
}
