package dev.blueshift.sqltests.slt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The suites taken from {@code ../shared/sqllogictest}, each with its own expected-failures list,
 * and the Blueshift-specific files checked in under {@code src/test/resources/slt/blueshift}.
 * The smoke tier runs in every {@code ./mvnw verify}; the full tier adds the large machine-generated
 * SQLite folders ({@code -Dslt.tier=full}).
 */
enum SltSuite {
  SQLITE_SELECT("sqlite-select", Tier.SMOKE, "sqlite/select[1-5]\\.test"),
  SQLITE_EVIDENCE("sqlite-evidence", Tier.SMOKE, "sqlite/evidence/.+\\.test"),
  DUCKDB("duckdb", Tier.SMOKE, "duckdb/.+\\.test"),
  SQLITE_RANDOM("sqlite-random", Tier.FULL, "sqlite/random/.+\\.test"),
  SQLITE_INDEX("sqlite-index", Tier.FULL, "sqlite/index/.+\\.test"),
  /** Redshift behaviour the peer suites do not cover: DDL, COPY, system tables, EXPLAIN, transactions. */
  BLUESHIFT("blueshift", Tier.SMOKE, "blueshift/.+\\.test");

  enum Tier { SMOKE, FULL }

  /** The folder of the Blueshift files, under {@code slt/} on the test class path. */
  static final String BLUESHIFT_DIR = "blueshift";

  final String id;
  final Tier tier;
  private final Pattern files;

  SltSuite(String id, Tier tier, String files) {
    this.id = id;
    this.tier = tier;
    this.files = Pattern.compile(files);
  }

  /**
   * The folder the suite's file names are relative to: the shared sqllogictest folder, or for the
   * Blueshift files the {@code slt} folder of the test class path.
   */
  Path root(Path sharedRoot) {
    if (this != BLUESHIFT) {
      return sharedRoot;
    }
    URL url = SltSuite.class.getClassLoader().getResource(ExpectedFailures.RESOURCE_DIR + "/" + BLUESHIFT_DIR);
    if (url == null) {
      throw new UncheckedIOException(new IOException("no " + ExpectedFailures.RESOURCE_DIR + "/" + BLUESHIFT_DIR
          + " on the test class path"));
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The suite's files, relative to the sqllogictest folder with {@code /} separators, sorted. */
  List<String> files(Path sqllogictestDir) throws IOException {
    try (Stream<Path> paths = Files.walk(sqllogictestDir)) {
      return paths.filter(Files::isRegularFile)
          .map(p -> sqllogictestDir.relativize(p).toString().replace('\\', '/'))
          .filter(name -> files.matcher(name).matches())
          .sorted()
          .toList();
    }
  }

  /**
   * What {@code -Dslt.suites=a,b} names, or else every suite of {@code -Dslt.tier} (smoke by
   * default; full includes smoke).
   */
  static List<SltSuite> selected(String suites, String tier) {
    if (suites != null && !suites.isBlank()) {
      return Stream.of(suites.split(",")).map(String::strip).map(SltSuite::byId).toList();
    }
    Tier wanted = Tier.valueOf((tier == null || tier.isBlank() ? "smoke" : tier).strip().toUpperCase(Locale.ROOT));
    return Stream.of(values()).filter(s -> wanted == Tier.FULL || s.tier == Tier.SMOKE).toList();
  }

  static SltSuite byId(String id) {
    return Stream.of(values()).filter(s -> s.id.equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no sqllogictest suite \"" + id + "\"; known: "
            + Stream.of(values()).map(s -> s.id).toList()));
  }
}
