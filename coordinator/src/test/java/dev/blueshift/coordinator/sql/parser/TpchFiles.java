package dev.blueshift.coordinator.sql.parser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates /work/shared/tpch (a {@code shared/tpch} directory beside an ancestor of the cwd). */
public final class TpchFiles {
  private TpchFiles() {}

  public static Path dir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      for (Path candidate : new Path[] {p.resolve("shared/tpch"), p.resolveSibling("shared/tpch")}) {
        if (candidate != null && Files.isDirectory(candidate.resolve("queries"))) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException("no shared/tpch directory above " + Path.of("").toAbsolutePath());
  }

  public static String read(String relative) {
    try {
      return Files.readString(dir().resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
