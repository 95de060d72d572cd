package dev.blueshift.coordinator.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueshift.coordinator.dml.ClusterSql;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COPY parsed on the workers: a file large enough to be cut into line-aligned ranges loads every
 * line exactly once, rejected rows keep their true line number and the slice that parsed them, the
 * DISTKEY, EVEN and ALL placements hold, and stv_load_state shows a COPY while it runs.
 */
class ParallelCopyTest {
  private static final int LINES = 300_000;
  private static final Set<Integer> BAD = Set.of(7, 150_001, LINES - 1);

  @TempDir Path dir;

  /** {@code LINES} lines of {@code id|name|price|date}; the lines in BAD have a non-numeric id. */
  private Path bigFile() throws Exception {
    Path file = dir.resolve("big.tbl");
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      for (int line = 1; line <= LINES; line++) {
        String id = BAD.contains(line) ? "x" + line : Integer.toString(line);
        w.write(id + "|name-" + line + "-é|" + (line % 1000) + "." + (line % 100) + "|1998-" + String.format("%02d", 1 + line % 12)
            + "-" + String.format("%02d", 1 + line % 28) + "\n");
      }
    }
    assertThat(Files.size(file)).isGreaterThan(2 * DistributedLoad.MIN_RANGE_BYTES); // really split
    return file;
  }

  @Test
  void aSplitFileLoadsEveryLineOnceWithExactLineNumbers() throws Exception {
    Path file = bigFile();
    long goodSum = (long) LINES * (LINES + 1) / 2 - BAD.stream().mapToLong(Integer::longValue).sum();
    try (ClusterSql sql = new ClusterSql(dir.resolve("data"))) {
      for (String dist : List.of("DISTKEY(id)", "DISTSTYLE EVEN", "DISTSTYLE ALL")) {
        String table = "t_" + dist.replaceAll("[^A-Za-z]", "").toLowerCase();
        sql.exec("CREATE TABLE " + table + " (id INTEGER, name VARCHAR(30), price DECIMAL(8,2), d DATE) " + dist);
        assertThat(sql.exec("COPY " + table + " FROM '" + file + "' MAXERROR 5")).isEqualTo(LINES - BAD.size());
        assertThat(sql.rows("SELECT COUNT(*), SUM(id), COUNT(DISTINCT id) FROM " + table))
            .containsExactly((LINES - BAD.size()) + "|" + goodSum + "|" + (LINES - BAD.size()));
        assertThat(sql.rows("SELECT name, price, d FROM " + table + " WHERE id = 299998"))
            .containsExactly("name-299998-é|998.98|1998-11-07");
      }
      // the same rejected rows for each of the three loads, at the file's own line numbers
      List<String> errors = sql.rows("SELECT line_number, raw_field_value, slice FROM stl_load_errors ORDER BY query, line_number");
      assertThat(errors).hasSize(9);
      assertThat(errors.subList(0, 3).stream().map(r -> r.substring(0, r.lastIndexOf('|'))))
          .containsExactly("7|x7", "150001|x150001", (LINES - 1) + "|x" + (LINES - 1));
      // the first and the last bad line are in different ranges, parsed by different slices
      Set<String> slices = errors.subList(0, 3).stream().map(r -> r.substring(r.lastIndexOf('|') + 1)).collect(Collectors.toSet());
      assertThat(slices).hasSizeGreaterThan(1).allMatch(s -> Integer.parseInt(s) >= 0 && Integer.parseInt(s) < 4);
      assertThat(sql.rows("SELECT lines_scanned, \"rows\", errors, status FROM stl_load_commits ORDER BY query"))
          .containsOnly(LINES + "|" + (LINES - BAD.size()) + "|3|loaded");
    }
  }

  @Test
  void pastMaxErrorNothingOfTheSplitLoadRemains() throws Exception {
    Path file = bigFile();
    try (ClusterSql sql = new ClusterSql(dir.resolve("data"))) {
      sql.exec("CREATE TABLE t (id INTEGER, name VARCHAR(30), price DECIMAL(8,2), d DATE) DISTKEY(id)");
      sql.exec("INSERT INTO t VALUES (1, 'one', 1.5, '2000-01-01')");
      sql.fails("COPY t FROM '" + file + "' MAXERROR 1", "22P02", "big.tbl", "line 7", "column id", "\"x7\"");
      assertThat(sql.rows("SELECT COUNT(*) FROM t")).containsExactly("1");
      assertThat(sql.rows("SELECT line_number FROM stl_load_errors ORDER BY line_number")).containsExactly("7", "150001");
      // no segment file of the failed load is left on any worker
      try (var files = Files.walk(dir.resolve("data"))) {
        assertThat(files.filter(p -> p.getFileName().toString().startsWith("L") && p.toString().endsWith(".seg")).toList())
            .isEmpty();
      }
    }
  }

  @Test
  void stvLoadStateShowsARunningCopyFromAnotherSession() throws Exception {
    Path file = bigFile();
    try (ClusterSql sql = new ClusterSql(dir.resolve("data")); Connection second = sql.connect();
        Statement watch = second.createStatement()) {
      sql.exec("CREATE TABLE t (id INTEGER, name VARCHAR(30), price DECIMAL(8,2), d DATE)");
      AtomicBoolean seen = new AtomicBoolean();
      long total = Files.size(file);
      CompletableFuture<Long> copy = CompletableFuture.supplyAsync(() -> {
        try {
          return sql.exec("COPY t FROM '" + file + "' MAXERROR 5");
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      while (!copy.isDone()) {
        try (ResultSet rs = watch.executeQuery("SELECT SUM(bytes_to_load), SUM(num_files), MAX(current_file),"
            + " MAX(pct_complete) FROM stv_load_state")) {
          if (rs.next() && rs.getLong(1) > 0 && !rs.getString(3).isEmpty()) { // a slice has started reading
            assertThat(rs.getLong(1)).isLessThanOrEqualTo(total);
            assertThat(rs.getString(3)).isEqualTo(file.toString());
            assertThat(rs.getInt(4)).isBetween(0, 100);
            seen.set(true);
          }
        }
      }
      assertThat(copy.get()).isEqualTo(LINES - BAD.size());
      assertThat(seen).as("a stv_load_state row while the COPY ran").isTrue();
      assertThat(sql.rows("SELECT COUNT(*) FROM stv_load_state")).containsExactly("0");
    }
  }
}
