package dev.blueshift.coordinator.load;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Client-side data for {@code COPY … FROM STDIN}: the shell's {@code \copy} streams a local file to
 * the coordinator's HTTP port ({@code POST /copy/stdin}, chunked, never held in memory), gets back
 * a name {@code stdin://ID[.gz|.zst|.bz2]}, runs {@code COPY t FROM 'stdin://ID' …} (one COPY, so
 * the load is atomic), then deletes the data ({@code DELETE /copy/stdin/ID}). The data is staged
 * in one temporary directory of the coordinator process, which workers reading local paths can
 * read as they read any other COPY path.
 */
public final class StdinStaging {
  /** How a COPY names uploaded data. */
  public static final String SCHEME = "stdin://";
  /** The HTTP path of uploads (POST) and deletes (DELETE {@code PATH/ID}). */
  public static final String PATH = "/copy/stdin";
  private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}(\\.gz|\\.zst|\\.bz2)?");
  private static Path dir;

  private StdinStaging() {}

  private static synchronized Path dir() throws IOException {
    if (dir == null || !Files.isDirectory(dir)) {
      dir = Files.createTempDirectory("blueshift-stdin-");
      dir.toFile().deleteOnExit();
    }
    return dir;
  }

  /**
   * Stores an upload and returns its COPY name. {@code suffix} (the local file's compression suffix,
   * or empty) is kept so COPY detects the compression as for any file.
   */
  public static String stage(InputStream body, String suffix) {
    String s = suffix == null ? "" : suffix;
    if (!s.isEmpty() && !ID.matcher("00000000-0000-0000-0000-000000000000" + s).matches()) {
      throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE, "COPY FROM STDIN: unknown file suffix '" + s + "'");
    }
    String id = UUID.randomUUID() + s;
    try {
      Path file = dir().resolve(id);
      Path partial = dir().resolve(id + ".partial");
      try {
        Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "COPY FROM STDIN: cannot store the uploaded data: " + e.getMessage(), e);
    }
    return SCHEME + id;
  }

  /** The staged file of {@code stdin://ID}; an error when there is no such upload. */
  public static Path file(String name) {
    String id = name.substring(SCHEME.length());
    try {
      if (ID.matcher(id).matches()) {
        Path f = dir().resolve(id);
        if (Files.isRegularFile(f)) {
          return f;
        }
      }
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "COPY FROM STDIN: " + e.getMessage(), e);
    }
    throw new BlueshiftException(SqlState.IO_ERROR, "COPY: no uploaded data '" + name
        + "' (COPY FROM STDIN data is sent by the shell's \\copy and can be used once)");
  }

  /** Deletes an upload; true when it existed. */
  public static boolean delete(String id) {
    if (!ID.matcher(id).matches()) {
      return false;
    }
    try {
      return Files.deleteIfExists(dir().resolve(id));
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "COPY FROM STDIN: cannot delete " + id + ": " + e.getMessage(), e);
    }
  }

  /** An HTTP answer: status and plain-text body. */
  public record Reply(int status, String text) {}

  /**
   * Serves {@code POST /copy/stdin?suffix=.gz} (200 with the COPY name as the body) and
   * {@code DELETE /copy/stdin/ID}.
   */
  public static Reply serve(String method, String target, String suffix, InputStream body) {
    try {
      if ("POST".equals(method) && target.equals(PATH)) {
        return new Reply(200, stage(body, suffix));
      }
      if ("DELETE".equals(method) && target.startsWith(PATH + "/")) {
        boolean existed = delete(target.substring(PATH.length() + 1));
        return new Reply(existed ? 200 : 404, existed ? "deleted" : "no such upload");
      }
      return new Reply(405, "use POST " + PATH + " or DELETE " + PATH + "/ID");
    } catch (BlueshiftException e) {
      return new Reply(400, e.getMessage());
    }
  }
}
