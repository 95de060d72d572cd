package dev.blueshift.dist;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The coordinator's {@code --workers}, remembered in its data directory. Worker i holds slices
 * i*N .. i*N+N-1 and at start the coordinator deletes every file on worker i that slice data of
 * worker i does not reference, so the same workers listed in another order would lose their data:
 * a changed list is refused.
 */
final class WorkerList {
  static final String FILE = "workers";

  private WorkerList() {}

  /** Records {@code workers} on the first start; later, refuses a list that differs from it. */
  static void checkOrRecord(Path dataDir, List<String> workers) throws IOException {
    Path file = dataDir.resolve(FILE);
    List<String> recorded = Files.exists(file) ? Files.readAllLines(file) : null;
    if (recorded == null) {
      Files.createDirectories(dataDir);
      Files.write(file, workers);
    } else if (!recorded.equals(workers)) {
      throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE, "this coordinator's workers are "
          + String.join(",", recorded) + ", not " + String.join(",", workers)
          + "; list them in the same order (if they moved to new addresses, keeping their data directories,"
          + " delete " + file + ")");
    }
  }
}
