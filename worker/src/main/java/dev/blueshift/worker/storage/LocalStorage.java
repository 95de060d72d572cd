package dev.blueshift.worker.storage;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/** A node's data directory: where its segment files live, by table and slice. */
public final class LocalStorage {
  private final Path root;

  public LocalStorage(Path root) {
    this.root = root.toAbsolutePath();
    try {
      Files.createDirectories(this.root.resolve("tables"));
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot create data directory " + root + ": " + e.getMessage(), e);
    }
  }

  public Path root() {
    return root;
  }

  /** Path, relative to the data directory, of a new segment. */
  public static String segmentPath(long tableId, int slice, String name) {
    return "tables/t" + tableId + "/s" + slice + "/" + name + ".seg";
  }

  /** Resolves a relative segment path, refusing paths that leave the data directory. */
  public Path resolve(String relative) {
    Path p = root.resolve(relative).normalize();
    if (!p.startsWith(root)) {
      throw new BlueshiftException(SqlState.INTERNAL_ERROR, "segment path outside the data directory: " + relative);
    }
    return p;
  }

  /** Resolves the path of a segment about to be written, creating its directory. */
  public Path prepareNewSegment(String relative) {
    Path p = resolve(relative);
    try {
      Files.createDirectories(p.getParent());
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot create " + p.getParent() + ": " + e.getMessage(), e);
    }
    return p;
  }

  /** Deletes every segment file not in {@code live} (relative paths); returns how many. */
  public int deleteAllBut(Set<String> live) {
    Path tables = root.resolve("tables");
    int[] deleted = {0};
    try (Stream<Path> files = Files.walk(tables)) {
      files.filter(Files::isRegularFile).forEach(f -> {
        String rel = root.relativize(f).toString().replace('\\', '/');
        if (!live.contains(rel)) {
          try {
            Files.deleteIfExists(f);
            deleted[0]++;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      });
    } catch (IOException | UncheckedIOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "garbage collection in " + root + " failed: " + e.getMessage(), e);
    }
    return deleted[0];
  }
}
