package dev.blueshift.bench.tpch;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code ../shared} (TPC-H DDL, queries, answers beside the checkout) from a directory up. */
public final class SharedFiles {
  private SharedFiles() {}

  public static Path find(Path start) {
    for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared");
      if (Files.isDirectory(candidate.resolve("tpch/queries"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no shared/tpch directory found above " + start.toAbsolutePath()
        + " (expected ../shared beside the checkout; pass --shared DIR)");
  }
}
