package dev.blueshift.sqltests.slt;

import java.util.List;
import java.util.Locale;

/** The {@code skipif <db>} / {@code onlyif <db>} lines in front of a record. */
record Conditions(List<String> skipIf, List<String> onlyIf) {
  static final Conditions NONE = new Conditions(List.of(), List.of());

  Conditions {
    skipIf = skipIf.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    onlyIf = onlyIf.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
  }

  /** Skipped if any skipif names this engine or any onlyif names another one. */
  boolean appliesTo(String engine) {
    String e = engine.toLowerCase(Locale.ROOT);
    return !skipIf.contains(e) && onlyIf.stream().allMatch(e::equals);
  }
}
