package dev.blueshift.dist;

import dev.blueshift.coordinator.jdbc.JdbcSecurity;
import dev.blueshift.coordinator.server.CoordinatorNode;
import dev.blueshift.coordinator.server.LocalCluster;
import dev.blueshift.coordinator.users.UserStore;
import dev.blueshift.error.BlueshiftException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code blueshift coordinator}: catalog, planner and the JDBC server in the foreground, using
 * workers that run as their own processes. The order of {@code --workers} fixes which slices each
 * worker holds, so it must stay the same across restarts. Unlike a local cluster, a coordinator
 * requires users and passwords ({@code admin}'s is set on the first start) and can serve TLS.
 */
@Command(name = "coordinator", mixinStandardHelpOptions = true,
    description = "Run the coordinator in the foreground, connected to separately started workers.")
final class CoordinatorCommand implements Callable<Integer> {
  @Option(names = "--data-dir", required = true, description = "the coordinator's data directory (catalog)")
  Path dataDir;

  @Option(names = "--port", description = "JDBC port (default 5439; 0 picks a free one)")
  int port = Blueshift.DEFAULT_PORT;

  @Option(names = "--workers", required = true, split = ",", paramLabel = "HOST:PORT",
      description = "worker gRPC addresses, comma-separated, always in the same order")
  List<String> workers;

  @Option(names = "--slices-per-worker", description = "slices each worker holds (default 2)")
  int slicesPerWorker = 2;

  @Option(names = "--admin-password", paramLabel = "PASSWORD",
      description = "password of the user admin, needed on the first start only"
          + " (default: environment variable BLUESHIFT_ADMIN_PASSWORD)")
  String adminPassword;

  @Option(names = "--tls-keystore", paramLabel = "FILE",
      description = "serve JDBC over TLS with the key and certificate in this PKCS12/JKS keystore")
  Path tlsKeystore;

  @Option(names = "--tls-keystore-password", paramLabel = "PASSWORD",
      description = "the keystore's password (default: environment variable BLUESHIFT_TLS_KEYSTORE_PASSWORD)")
  String tlsKeystorePassword;

  @Override
  public Integer call() throws Exception {
    DataDirLock.acquire(dataDir, "--data-dir");
    WorkerList.checkOrRecord(dataDir, workers);
    UserStore users;
    try {
      users = UserStore.open(dataDir, adminPassword != null ? adminPassword : System.getenv("BLUESHIFT_ADMIN_PASSWORD"));
    } catch (BlueshiftException e) {
      throw new StartupFailure(e.getMessage());
    }
    String keystorePassword = tlsKeystorePassword != null ? tlsKeystorePassword
        : System.getenv("BLUESHIFT_TLS_KEYSTORE_PASSWORD");
    JdbcSecurity security = new JdbcSecurity(users, tlsKeystore, keystorePassword);
    CoordinatorNode coordinator = Ports.bind(port, () ->
        CoordinatorNode.start(dataDir, workers, slicesPerWorker, LocalCluster.HOST, port, Long.MAX_VALUE, security));
    return Foreground.runUntilStopped(coordinator, coordinator.jdbcUrl());
  }
}
