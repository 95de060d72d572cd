package dev.blueshift.bench.tpch;

import dev.blueshift.dist.TpchGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The TPC-H .tbl files of one scale factor, generated once by io.trino.tpch (through
 * {@link TpchGenerator}) and kept in a cache directory between runs. A directory counts as
 * complete only once its marker file exists, so an interrupted generation is redone.
 */
public final class TpchDataset {
  /** Load order: dimensions first, the two big tables last. */
  public static final List<String> TABLES =
      List.of("region", "nation", "supplier", "part", "partsupp", "customer", "orders", "lineitem");
  private static final String COMPLETE = ".complete";

  private final double scaleFactor;
  private final Path dir;

  private TpchDataset(double scaleFactor, Path dir) {
    this.scaleFactor = scaleFactor;
    this.dir = dir;
  }

  /** The cached files of this scale factor, generating them first when missing. */
  public static TpchDataset prepare(double scaleFactor, Path cacheRoot) throws IOException {
    Path dir = cacheRoot.resolve("sf" + label(scaleFactor));
    if (!Files.exists(dir.resolve(COMPLETE))) {
      Path partial = cacheRoot.resolve("sf" + label(scaleFactor) + ".partial");
      deleteTree(partial);
      TpchGenerator.generate(scaleFactor, partial);
      Files.createFile(partial.resolve(COMPLETE));
      deleteTree(dir);
      Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
    }
    return new TpchDataset(scaleFactor, dir);
  }

  /** A scale factor as written in file names and reports: 1, 0.1, 0.01. */
  public static String label(double scaleFactor) {
    return BigDecimal.valueOf(scaleFactor).stripTrailingZeros().toPlainString();
  }

  public double scaleFactor() {
    return scaleFactor;
  }

  public Path dir() {
    return dir;
  }

  public Path file(String table) {
    return dir.resolve(table + ".tbl");
  }

  /** Bytes of all .tbl files: the input of every engine's load. */
  public long totalBytes() throws IOException {
    long total = 0;
    for (String table : TABLES) {
      total += Files.size(file(table));
    }
    return total;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
