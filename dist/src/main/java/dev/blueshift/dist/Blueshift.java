package dev.blueshift.dist;

import dev.blueshift.coordinator.server.LocalCluster;
import dev.blueshift.shell.Shell;
import dev.blueshift.shell.ShellOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code blueshift} command: {@code local}, {@code coordinator}, {@code worker}, {@code sql},
 * and with no arguments the demo.
 */
@Command(name = "blueshift", mixinStandardHelpOptions = true, version = "Blueshift 0.1.0",
    description = "Columnar MPP analytics warehouse.",
    subcommands = {Blueshift.Local.class, WorkerCommand.class, CoordinatorCommand.class})
public final class Blueshift implements Callable<Integer> {
  static final int DEFAULT_PORT = 5439;

  @Option(names = "--data-dir", description = "data directory (default ./blueshift-data)")
  Path dataDir = Path.of("blueshift-data");

  @Option(names = "--workers", description = "number of workers (default 2)")
  int workers = 2;

  @Option(names = "--port", description = "JDBC port (default 5439)")
  int port = DEFAULT_PORT;

  @Option(names = "--demo", description = "demo data, e.g. tpch:0.01 (default)")
  String demo = "tpch:0.01";

  public static void main(String[] args) {
    // Arrow checks every buffer access against its bounds; the engine's kernels index within the
    // row counts they were given, and the checks cost as much as the work (override with -D...=false)
    if (System.getProperty("arrow.enable_unsafe_memory_access") == null) {
      System.setProperty("arrow.enable_unsafe_memory_access", "true");
    }
    if (args.length > 0 && args[0].equals("sql")) {
      ShellOptions options;
      try {
        options = ShellOptions.fromArgs(Arrays.copyOfRange(args, 1, args.length));
      } catch (IllegalArgumentException e) {
        System.err.println("ERROR: " + e.getMessage());
        System.err.println(ShellOptions.usage());
        System.exit(2);
        return;
      }
      System.exit(Shell.run(options, System.in, System.out, System.err));
    }
    System.exit(new CommandLine(new Blueshift())
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          // Users get the message, not a stack trace (the logger has the details).
          System.err.println("ERROR: " + e.getMessage());
          return 1;
        })
        .execute(args));
  }

  /** No arguments: a local cluster with demo data, and the shell connected to it. */
  @Override
  public Integer call() throws Exception {
    try (LocalCluster cluster = startCluster(dataDir, workers, port)) {
      String url = "jdbc:blueshift://127.0.0.1:" + cluster.coordinator().jdbcPort() + "/dev";
      loadDemo(url, demo, dataDir);
      System.out.println("Blueshift local cluster: " + workers + " workers, data in " + dataDir + "; connected to " + url);
      return Shell.run(new ShellOptions(url, "admin", "", java.util.List.of(), null, ShellOptions.Format.ALIGNED),
          System.in, System.out, System.err);
    }
  }

  /** {@code blueshift local}: the cluster in the foreground until SIGTERM/Ctrl-C. */
  @Command(name = "local", mixinStandardHelpOptions = true, description = "Run a local cluster in the foreground.")
  static final class Local implements Callable<Integer> {
    @Option(names = "--data-dir", description = "data directory (default ./blueshift-data)")
    Path dataDir = Path.of("blueshift-data");

    @Option(names = "--workers", description = "number of workers (default 2)")
    int workers = 2;

    @Option(names = "--slices", description = "slices per worker (default 2)")
    int slices = 2;

    @Option(names = "--port", description = "JDBC port (default 5439)")
    int port = DEFAULT_PORT;

    @Option(names = "--demo", description = "load demo data, e.g. tpch:0.01")
    String demo;

    @Override
    public Integer call() throws Exception {
      LocalCluster cluster = startCluster(dataDir, workers, port, slices);
      String url = "jdbc:blueshift://127.0.0.1:" + cluster.coordinator().jdbcPort() + "/dev";
      if (demo != null) {
        loadDemo(url, demo, dataDir);
      }
      return Foreground.runUntilStopped(cluster, url);
    }
  }

  static LocalCluster startCluster(Path dataDir, int workers, int port) throws IOException {
    return startCluster(dataDir, workers, port, 2);
  }

  static LocalCluster startCluster(Path dataDir, int workers, int port, int slices) throws IOException {
    DataDirLock.acquire(dataDir, "--data-dir");
    return Ports.bind(port, () -> LocalCluster.start(dataDir, workers, slices, port));
  }

  /** Creates and loads the TPC-H demo tables unless they already exist. */
  static void loadDemo(String url, String demo, Path dataDir) throws IOException, SQLException {
    if (!demo.startsWith("tpch:")) {
      throw new IllegalArgumentException("unknown demo '" + demo + "' (use tpch:SCALE, e.g. tpch:0.01)");
    }
    double sf = Double.parseDouble(demo.substring("tpch:".length()));
    try (Connection c = DriverManager.getConnection(url, "admin", ""); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM region")) {
        return; // already loaded
      } catch (SQLException missing) {
        // not loaded yet
      }
      System.out.println("Loading TPC-H demo data at scale factor " + sf + " …");
      Path dir = Files.createTempDirectory("blueshift-tpch");
      try {
        for (String table : TpchGenerator.generate(sf, dir)) {
          System.out.println("  " + table);
        }
        for (String ddl : TpchGenerator.ddl()) {
          st.execute(ddl);
        }
        for (String table : new String[] {"region", "nation", "supplier", "part", "partsupp", "customer", "orders", "lineitem"}) {
          st.execute("COPY " + table + " FROM '" + dir.resolve(table + ".tbl") + "'");
        }
      } finally {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }
}
