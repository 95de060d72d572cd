package dev.blueshift.sqltests.slt;

import java.util.List;
import java.util.SortedMap;

/**
 * What running one file gave: counts of statement/query records run, passed and skipped, the
 * failures by line, and problems no expected-failures list may excuse (an unreadable file, a
 * cleanup that left tables behind).
 */
record FileOutcome(String file, int run, int passed, int skipped, SortedMap<Integer, RecordFailure> failures,
    List<String> problems) {}
