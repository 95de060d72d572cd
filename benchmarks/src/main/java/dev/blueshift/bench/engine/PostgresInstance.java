package dev.blueshift.bench.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for one run: initdb into a temp directory, pg_ctl start on a free
 * loopback port (socket in the same directory), pg_ctl stop and delete at close. Installs nothing:
 * it only runs when the binaries exist. PostgreSQL refuses to run as root, so as root the commands
 * run as the {@code postgres} account through runuser.
 */
public final class PostgresInstance implements AutoCloseable {
  public static final Path DEFAULT_BIN = Path.of("/usr/lib/postgresql/15/bin");
  static final String USER = "bench";

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgresAccount;
  private final long postmasterPid;

  private PostgresInstance(Path bin, Path dir, int port, boolean asPostgresAccount, long postmasterPid) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgresAccount = asPostgresAccount;
    this.postmasterPid = postmasterPid;
  }

  /** The binaries directory when initdb, pg_ctl and postgres are there. */
  public static Optional<Path> binaries(Path bin) {
    boolean present = Stream.of("initdb", "pg_ctl", "postgres").allMatch(b -> Files.isExecutable(bin.resolve(b)));
    return present ? Optional.of(bin) : Optional.empty();
  }

  /** Creates and starts a server with these {@code -c name=value} settings. */
  public static PostgresInstance start(Path bin, List<String> settings) throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("blueshift-bench-pg");
    try {
      if (root) {
        UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(dir, postgres);
      }
      Path data = dir.resolve("data");
      run(root, dir, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
          "--encoding=UTF8", "--locale=C", "--no-sync"));
      int port = freePort();
      StringBuilder options = new StringBuilder("-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir);
      for (String s : settings) {
        options.append(" -c ").append(s);
      }
      run(root, dir, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
          "-w", "-t", "120", "-o", options.toString(), "start"));
      long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
      return new PostgresInstance(bin, dir, port, root, pid);
    } catch (IOException | InterruptedException | RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER;
  }

  public long postmasterPid() {
    return postmasterPid;
  }

  private static void run(boolean asPostgres, Path dir, List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Path output = Files.createTempFile("blueshift-bench-pg", ".out");
    try {
      Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in 180 s");
      }
      if (p.exitValue() != 0) {
        String out = Files.readString(output, StandardCharsets.UTF_8);
        throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + out.strip());
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      run(asPostgresAccount, dir, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
          "-m", "fast", "-w", "stop"));
    } finally {
      deleteTree(dir);
    }
  }
}
