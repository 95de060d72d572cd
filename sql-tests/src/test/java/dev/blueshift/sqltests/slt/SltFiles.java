package dev.blueshift.sqltests.slt;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the sqllogictest files are: {@code -Dslt.dir}, else {@code shared/sqllogictest} beside the checkout. */
final class SltFiles {
  private SltFiles() {}

  static Path root() {
    String configured = System.getProperty("slt.dir");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("sqllogictest");
      if (Files.isRegularFile(candidate.resolve(KnownDivergences.FILE))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no shared/sqllogictest beside the checkout (expected ../shared; or set -Dslt.dir)");
  }
}
