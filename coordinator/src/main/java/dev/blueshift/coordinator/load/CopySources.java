package dev.blueshift.coordinator.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blueshift.coordinator.sql.ddl.SqlCopy;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files a COPY reads, in a stable (sorted) order. {@code FROM 'x'} names a file, a directory
 * (every file below it), a prefix (as Redshift's S3 key prefix: every file whose path starts with
 * it, also inside directories that do), or a glob ({@code *}, {@code ?}, {@code [..]}, {@code **});
 * {@code file://} is accepted before a path. With {@code MANIFEST}, {@code x} is a JSON manifest
 * {@code {"entries": [{"url": "path or file://path", "mandatory": true|false}, …]}}: a missing
 * mandatory file is an error naming it, a missing optional one is skipped. {@code stdin://TOKEN}
 * names data a client uploaded for {@code COPY … FROM STDIN} ({@link StdinStaging}).
 */
public final class CopySources {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CopySources() {}

  /** The files of a COPY statement (its FROM and MANIFEST option). */
  public static List<Path> expand(SqlCopy copy) {
    if (copy.fromStdin) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "COPY FROM STDIN needs the data from the client: "
          + "the blueshift shell's \\copy sends a local file (plain JDBC clients cannot stream STDIN)");
    }
    return expand(copy.from, copy.hasOption("MANIFEST"));
  }

  /** The files {@code from} names (see the class comment). */
  public static List<Path> expand(String from, boolean manifest) {
    if (from.startsWith(StdinStaging.SCHEME)) {
      return List.of(StdinStaging.file(from));
    }
    if (manifest) {
      return manifest(localPath(from, "COPY"), from);
    }
    String location = stripScheme(from, "COPY");
    List<Path> files = isGlob(location) ? glob(location, from) : prefix(Path.of(location), from);
    if (files.isEmpty()) {
      throw new BlueshiftException(SqlState.IO_ERROR, "COPY: no file found at '" + from + "'");
    }
    return files;
  }

  private static List<Path> prefix(Path path, String from) {
    try {
      if (Files.isRegularFile(path)) {
        return List.of(path);
      }
      if (Files.isDirectory(path)) {
        return below(path);
      }
      Path parent = path.toAbsolutePath().getParent();
      if (parent == null || !Files.isDirectory(parent)) {
        return List.of();
      }
      String start = path.getFileName().toString();
      List<Path> out = new ArrayList<>();
      try (Stream<Path> s = Files.list(parent)) {
        for (Path p : s.filter(p -> p.getFileName().toString().startsWith(start)).sorted().toList()) {
          if (Files.isRegularFile(p)) {
            out.add(p);
          } else if (Files.isDirectory(p)) {
            out.addAll(below(p));
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "COPY cannot list '" + from + "': " + e.getMessage(), e);
    }
  }

  /** Every regular file below a directory, sorted by path. */
  private static List<Path> below(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static boolean isGlob(String location) {
    return location.indexOf('*') >= 0 || location.indexOf('?') >= 0 || location.indexOf('[') >= 0
        || location.indexOf('{') >= 0;
  }

  /** Files matching a glob, searched from the deepest directory of the pattern without wildcards. */
  private static List<Path> glob(String location, String from) {
    Path pattern = Path.of(location).toAbsolutePath();
    Path root = pattern.getRoot();
    for (Path part : pattern) {
      if (isGlob(part.toString())) {
        break;
      }
      root = root.resolve(part);
    }
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> Files.isRegularFile(p) && matcher.matches(p)).sorted().toList();
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "COPY cannot list '" + from + "': " + e.getMessage(), e);
    }
  }

  private static List<Path> manifest(Path manifest, String from) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(manifest));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "COPY: manifest '" + from + "' does not exist", e);
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE, "COPY: manifest '" + from + "' is not valid JSON: "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
    JsonNode entries = root == null ? null : root.get("entries");
    if (entries == null || !entries.isArray()) {
      throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE,
          "COPY: manifest '" + from + "' needs an \"entries\" array of {\"url\": …, \"mandatory\": …}");
    }
    List<Path> out = new ArrayList<>();
    int n = 0;
    for (JsonNode entry : entries) {
      n++;
      JsonNode url = entry.get("url");
      if (url == null || !url.isTextual()) {
        throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE,
            "COPY: manifest '" + from + "' entry " + n + " has no \"url\" string");
      }
      JsonNode mandatory = entry.get("mandatory");
      Path file = manifest.toAbsolutePath().getParent().resolve(localPath(url.asText(), "COPY manifest"));
      if (Files.isRegularFile(file)) {
        out.add(file);
      } else if (mandatory != null && mandatory.asBoolean(false)) {
        throw new BlueshiftException(SqlState.IO_ERROR, "COPY: mandatory file '" + url.asText() + "' of manifest '"
            + from + "' does not exist");
      }
    }
    if (out.isEmpty()) {
      throw new BlueshiftException(SqlState.IO_ERROR, "COPY: manifest '" + from + "' names no existing file");
    }
    return out;
  }

  private static Path localPath(String url, String what) {
    return Path.of(stripScheme(url, what));
  }

  private static String stripScheme(String url, String what) {
    if (url.startsWith("file://")) {
      return url.substring("file://".length());
    }
    int colon = url.indexOf("://");
    if (colon > 0) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, what + " reads local files only (or file:// URLs), not '"
          + url.substring(0, colon).toLowerCase(Locale.ROOT) + "://' locations");
    }
    return url;
  }
}
