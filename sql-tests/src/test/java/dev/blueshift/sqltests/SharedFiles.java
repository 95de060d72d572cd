package dev.blueshift.sqltests;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code ../shared} (the peer test material beside the checkout) from the working directory. */
final class SharedFiles {
  private SharedFiles() {}

  static Path shared() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared");
      if (Files.isDirectory(candidate.resolve("tpch"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no shared/tpch directory beside the checkout (expected ../shared)");
  }
}
