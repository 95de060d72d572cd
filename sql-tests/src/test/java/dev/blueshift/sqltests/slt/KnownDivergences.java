package dev.blueshift.sqltests.slt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code ../shared/sqllogictest/known-divergences-pg15.tsv}: records PostgreSQL 15 fails too (SQLite-
 * only syntax, SQLite semantics). Blueshift, claiming {@code postgresql}, skips them.
 */
final class KnownDivergences {
  static final String FILE = "known-divergences-pg15.tsv";

  private KnownDivergences() {}

  /** {@code file:line} keys. */
  static Set<String> load(Path sqllogictestDir) throws IOException {
    return parse(Files.readString(sqllogictestDir.resolve(FILE)));
  }

  static Set<String> parse(String text) {
    return text.lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("file\t"))
        .map(l -> l.split("\t"))
        .map(cells -> cells[0] + ":" + Integer.parseInt(cells[1].strip()))
        .collect(Collectors.toUnmodifiableSet());
  }
}
