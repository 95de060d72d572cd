package dev.blueshift.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * COPY is atomic under kill -9: the whole cluster (coordinator and both workers, separate
 * processes) is killed at three points of a large COPY — while the files are being parsed, just
 * after the load's first segment file reached a worker's disk, and when most bytes are read — and
 * restarted on the same directories. Each time the table is at its old version and no segment file
 * of the dead load is left on any worker.
 */
class CopyKillTest {
  private static final String PASSWORD = "Admin1234";
  private static final int FILES = 4;
  private static final int LINES_PER_FILE = 2_000_000; // about 4 × 50 MB
  private static final long OLD_ROWS = 1000;

  @TempDir
  Path dir;

  private final List<NodeProcess> nodes = new ArrayList<>();
  private String address0;
  private String address1;

  @AfterEach
  void stopAll() throws InterruptedException {
    for (NodeProcess node : nodes) {
      node.close();
    }
  }

  @Test
  // A guard against a hang, not a timing assertion.
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void aKilledClusterRestartsAtTheOldVersionWithoutTheDeadLoadsSegments() throws Exception {
    Path data = Files.createDirectories(dir.resolve("input"));
    long bytes = 0;
    for (int f = 0; f < FILES; f++) {
      Path file = data.resolve("part" + f + ".tbl");
      try (BufferedWriter w = Files.newBufferedWriter(file)) {
        for (int i = 0; i < LINES_PER_FILE; i++) {
          long k = (long) f * LINES_PER_FILE + i;
          w.write(k + "|name-" + k + "|1998-0" + (1 + i % 9) + "-1" + (i % 10) + "\n");
        }
      }
      bytes += Files.size(file);
    }
    Path old = data.resolve("../old.tbl");
    try (BufferedWriter w = Files.newBufferedWriter(old)) {
      for (int i = 0; i < OLD_ROWS; i++) {
        w.write(i + "|old|2000-01-01\n");
      }
    }
    long total = bytes;

    String url = startCluster(true);
    Set<String> committed;
    try (Connection c = DriverManager.getConnection(url, "admin", PASSWORD); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (k BIGINT, v VARCHAR(30), d DATE) DISTKEY(k)");
      st.execute("COPY t FROM '" + old + "'");
      assertThat(count(st)).isEqualTo(OLD_ROWS);
      committed = segmentFiles();
      assertThat(committed).isNotEmpty();
    }

    List<Predicate<Progress>> killPoints = List.of(
        p -> p.bytesLoaded() > 0,                                      // parsing
        p -> !newSegments(committed).isEmpty(),                        // the dead load's first segment is on disk
        p -> p.bytesLoaded() >= total * 9 / 10);                       // most of the input read
    for (int round = 0; round < killPoints.size(); round++) {
      Predicate<Progress> killPoint = killPoints.get(round);
      Connection copying = DriverManager.getConnection(url, "admin", PASSWORD);
      Connection watching = DriverManager.getConnection(url, "admin", PASSWORD);
      try {
        Statement watch = watching.createStatement();
        CompletableFuture<Void> copy = CompletableFuture.runAsync(() -> {
          try (Statement st = copying.createStatement()) {
            st.execute("COPY t FROM '" + data + "'");
          } catch (Exception e) {
            // the cluster is killed under it
          }
        });
        Progress p = new Progress(0);
        while (!killPoint.test(p)) {
          assertThat(copy).as("the COPY ended before kill point %d", round).isNotDone();
          p = progress(watch);
        }
        if (round > 0) {
          assertThat(newSegments(committed)).as("segments of the dead load on disk at the kill").isNotEmpty();
        }
        for (NodeProcess node : nodes) {
          node.kill();
        }
        nodes.clear();
      } finally {
        closeAfterKill(watching);
        closeAfterKill(copying);
      }
      url = startCluster(false);
      try (Connection c = DriverManager.getConnection(url, "admin", PASSWORD); Statement st = c.createStatement()) {
        assertThat(count(st)).as("rows after the kill in round %d", round).isEqualTo(OLD_ROWS);
      }
      assertThat(segmentFiles()).as("segment files after the restart in round %d", round).isEqualTo(committed);
    }
  }

  private record Progress(long bytesLoaded) {}

  /** Closing a connection to a killed coordinator fails (connection refused): expected here. */
  private static void closeAfterKill(Connection c) {
    try {
      c.close();
    } catch (Exception expected) {
      assertThat(expected).hasStackTraceContaining("Connect");
    }
  }

  private static Progress progress(Statement watch) throws Exception {
    try (ResultSet rs = watch.executeQuery("SELECT COALESCE(SUM(bytes_loaded), 0) FROM stv_load_state")) {
      rs.next();
      return new Progress(rs.getLong(1));
    }
  }

  private static long count(Statement st) throws Exception {
    try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Every segment file on the workers, as worker/relative path. */
  private Set<String> segmentFiles() throws Exception {
    Set<String> out = new TreeSet<>();
    for (String w : List.of("w0", "w1")) {
      Path tables = dir.resolve(w).resolve("tables");
      if (!Files.isDirectory(tables)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(tables)) {
        files.filter(Files::isRegularFile).forEach(f -> out.add(w + "/" + tables.relativize(f)));
      }
    }
    return out;
  }

  private Set<String> newSegments(Set<String> committed) {
    try {
      Set<String> now = segmentFiles();
      now.removeAll(committed);
      return now;
    } catch (Exception e) {
      return Set.of(); // a file vanished while listed; look again
    }
  }

  /** Starts two workers and the coordinator (on the same directories and worker ports after the first time). */
  private String startCluster(boolean first) throws Exception {
    NodeProcess w0 = start("worker", "--data-dir", dir.resolve("w0").toString(), "--port", first ? "0" : port(address0));
    NodeProcess w1 = start("worker", "--data-dir", dir.resolve("w1").toString(), "--port", first ? "0" : port(address1));
    if (first) {
      address0 = w0.readyLine().substring("worker ".length());
      address1 = w1.readyLine().substring("worker ".length());
    }
    List<String> args = new ArrayList<>(List.of("coordinator", "--data-dir", dir.resolve("c").toString(), "--port", "0",
        "--workers", address0 + "," + address1));
    if (first) {
      args.addAll(List.of("--admin-password", PASSWORD));
    }
    return start(args.toArray(String[]::new)).readyLine();
  }

  private NodeProcess start(String... args) throws Exception {
    NodeProcess node = NodeProcess.launch(args);
    nodes.add(node);
    return node;
  }

  private static String port(String address) {
    return address.substring(address.lastIndexOf(':') + 1);
  }
}
