package dev.blueshift.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.coordinator.jdbc.JdbcSecurity;
import dev.blueshift.coordinator.server.CoordinatorNode;
import dev.blueshift.coordinator.server.LocalCluster;
import dev.blueshift.coordinator.users.UserStore;
import dev.blueshift.worker.WorkerNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coordinator mode: JDBC over TLS with a self-signed certificate (a keystore made by keytool for
 * the test), users created with CREATE USER and checked at every connection, their salted hashes
 * kept across a restart, and one clear line for each way a connection can fail.
 */
class CoordinatorSecurityTest {
  private static final String KEYSTORE_PASSWORD = "changeit";
  private static final String ADMIN_PASSWORD = "Admin1234";

  @TempDir
  Path dir;

  private WorkerNode worker;
  private CoordinatorNode coordinator;

  @AfterEach
  void stop() {
    if (coordinator != null) {
      coordinator.close();
    }
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  void usersAndPasswordsOverTls() throws Exception {
    Path keystore = dir.resolve("server.p12");
    Path cert = dir.resolve("server.crt");
    Path truststore = dir.resolve("trust.p12");
    keytool("-genkeypair", "-alias", "blueshift", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
        "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD);
    keytool("-exportcert", "-alias", "blueshift", "-keystore", keystore.toString(), "-storepass", KEYSTORE_PASSWORD,
        "-rfc", "-file", cert.toString());
    keytool("-importcert", "-noprompt", "-alias", "blueshift", "-file", cert.toString(), "-storetype", "PKCS12",
        "-keystore", truststore.toString(), "-storepass", "trustpass");

    worker = WorkerNode.start(0, dir.resolve("w0"), LocalCluster.HOST, 0, Long.MAX_VALUE);
    Path coordinatorDir = dir.resolve("c");
    start(coordinatorDir, keystore);
    String url = coordinator.jdbcUrl();
    assertThat(url).endsWith("?ssl=true");
    String tlsUrl = url + "&sslTrustStore=" + truststore + "&sslTrustStorePassword=trustpass";

    try (Connection admin = DriverManager.getConnection(tlsUrl, "admin", ADMIN_PASSWORD);
        Statement s = admin.createStatement()) {
      assertThat(s.executeUpdate("CREATE USER alice PASSWORD 'Alice1234'")).isZero();
      s.execute("CREATE USER bob WITH PASSWORD 'Bob12345'");
      assertThatThrownBy(() -> s.execute("CREATE USER alice PASSWORD 'Other1234'"))
          .hasMessageEndingWith(": user \"alice\" already exists");
      assertThatThrownBy(() -> s.execute("CREATE USER carol PASSWORD 'short'"))
          .hasMessageContaining("password must be 8 to 64 characters");
      s.execute("CREATE TABLE t (k INTEGER)");
      s.execute("INSERT INTO t VALUES (1), (2)");
    }
    assertThat(count(tlsUrl, "alice", "Alice1234")).isEqualTo(2);

    // one line each, with the SQLSTATE a tool can act on
    assertFails(tlsUrl, "alice", "wrong", "password authentication failed for user \"alice\"", "28P01");
    assertFails(tlsUrl, "nobody", "Alice1234", "password authentication failed for user \"nobody\"", "28P01");
    assertFails(tlsUrl, "admin", "", "password authentication failed for user \"admin\"", "28P01");
    assertFails(tlsUrl.replace("/dev?", "/sales?"), "admin", ADMIN_PASSWORD, "database \"sales\" does not exist",
        "3D000");
    // without the certificate in a trust store the client refuses the self-signed server
    assertThatThrownBy(() -> DriverManager.getConnection(url, "admin", ADMIN_PASSWORD))
        .isInstanceOf(SQLException.class)
        .hasMessageStartingWith("cannot connect to Blueshift at 127.0.0.1:" + coordinator.jdbcPort() + ": TLS failed")
        .hasMessageNotContaining("\n");

    try (Connection alice = DriverManager.getConnection(tlsUrl, "alice", "Alice1234");
        Statement s = alice.createStatement()) {
      assertThatThrownBy(() -> s.execute("DROP USER bob"))
          .hasMessageEndingWith(": permission denied: only admin may create, alter or drop users");
    }
    try (Connection admin = DriverManager.getConnection(tlsUrl, "admin", ADMIN_PASSWORD);
        Statement s = admin.createStatement()) {
      s.execute("ALTER USER alice PASSWORD 'Changed99'");
      s.execute("DROP USER bob");
      s.execute("DROP USER IF EXISTS bob");
      assertThatThrownBy(() -> s.execute("DROP USER admin")).hasMessageEndingWith(": the user admin cannot be dropped");
    }
    assertFails(tlsUrl, "alice", "Alice1234", "password authentication failed for user \"alice\"", "28P01");
    assertFails(tlsUrl, "bob", "Bob12345", "password authentication failed for user \"bob\"", "28P01");

    // hashes at rest, kept across a restart
    String stored = Files.readString(coordinatorDir.resolve("users"), StandardCharsets.UTF_8);
    assertThat(stored).contains("alice:pbkdf2-sha256$").doesNotContain("Changed99").doesNotContain(ADMIN_PASSWORD);
    coordinator.close();
    coordinator = null;
    start(coordinatorDir, keystore);
    assertThat(count(coordinator.jdbcUrl() + "&sslTrustStore=" + truststore + "&sslTrustStorePassword=trustpass",
        "alice", "Changed99")).isEqualTo(2);
  }

  @Test
  void theFirstStartNeedsAnAdminPassword() {
    assertThatThrownBy(() -> UserStore.open(dir.resolve("c"), null))
        .hasMessageContaining("needs a password for the user admin");
  }

  private void start(Path coordinatorDir, Path keystore) throws Exception {
    UserStore users = UserStore.open(coordinatorDir, ADMIN_PASSWORD);
    coordinator = CoordinatorNode.start(coordinatorDir, List.of(worker.address()), 2, LocalCluster.HOST, 0,
        Long.MAX_VALUE, new JdbcSecurity(users, keystore, KEYSTORE_PASSWORD));
  }

  private static long count(String url, String user, String password) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void assertFails(String url, String user, String password, String message, String sqlState) {
    assertThatThrownBy(() -> DriverManager.getConnection(url, user, password).close())
        .isInstanceOf(SQLException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(sqlState));
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("keytool %s: %s", String.join(" ", args), out).isZero();
  }
}
