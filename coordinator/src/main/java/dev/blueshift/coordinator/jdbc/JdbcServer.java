package dev.blueshift.coordinator.jdbc;

import dev.blueshift.coordinator.engine.QueryEngine;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.util.function.BooleanSupplier;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The coordinator's JDBC endpoint: Avatica protobuf over HTTP (what {@code
 * jdbc:blueshift://HOST:PORT/dev} and {@code jdbc:avatica:remote:url=http://HOST:PORT;serialization=protobuf}
 * connect to), serving the given engine through {@link BlueshiftMeta}, plus {@code GET
 * /health/live} and {@code /health/ready} on the same port.
 */
public final class JdbcServer implements AutoCloseable {
  private final HttpServer http;
  private final BlueshiftMeta meta;
  private final String host;

  private final boolean tls;

  private JdbcServer(HttpServer http, BlueshiftMeta meta, String host, boolean tls) {
    this.http = http;
    this.meta = meta;
    this.host = host;
    this.tls = tls;
  }

  /**
   * Starts serving on {@code host:port}; port 0 picks a free port (see {@link #port()}).
   * {@code /health/ready} answers 200 as soon as it serves.
   *
   * @throws BlueshiftException when the address cannot be bound
   */
  public static JdbcServer start(QueryEngine engine, String host, int port) {
    return start(engine, host, port, () -> true);
  }

  /**
   * Starts serving on {@code host:port}; {@code GET /health/ready} answers 200 while {@code
   * ready} is true (e.g. once workers have registered) and 503 otherwise; {@code
   * GET /health/live} answers 200.
   *
   * @throws BlueshiftException when the address cannot be bound
   */
  public static JdbcServer start(QueryEngine engine, String host, int port, BooleanSupplier ready) {
    return start(engine, host, port, ready, JdbcSecurity.LOCAL);
  }

  /**
   * As {@link #start(QueryEngine, String, int, BooleanSupplier)}, with {@code security} deciding
   * who may connect (local mode or the coordinator's users) and whether the endpoint uses TLS.
   *
   * @throws BlueshiftException when the address cannot be bound or the keystore not read
   */
  public static JdbcServer start(QueryEngine engine, String host, int port, BooleanSupplier ready,
      JdbcSecurity security) {
    BlueshiftMeta meta = new BlueshiftMeta(engine, BlueshiftMeta.DEFAULT_IDLE_TIMEOUT, security.users());
    JdbcHttpHandler handler = new JdbcHttpHandler(new LocalService(meta), ready);
    SslContextFactory.Server tls = null;
    if (security.keystore() != null) {
      if (!java.nio.file.Files.isReadable(security.keystore())) {
        throw new BlueshiftException(SqlState.IO_ERROR, "cannot read the TLS keystore " + security.keystore());
      }
      tls = new SslContextFactory.Server();
      tls.setKeyStorePath(security.keystore().toAbsolutePath().toString());
      tls.setKeyStorePassword(security.keystorePassword() == null ? "" : security.keystorePassword());
    }
    HttpServer http = new HttpServer(port, handler, null, null, tls) {
      @Override
      protected ServerConnector getServerConnector() {
        ServerConnector connector = super.getServerConnector();
        connector.setHost(host);
        return connector;
      }
    };
    try {
      http.start();
    } catch (RuntimeException e) {
      http.stop();
      throw new BlueshiftException(SqlState.IO_ERROR,
          "cannot serve JDBC on " + host + ":" + port + ": " + rootMessage(e), e);
    }
    return new JdbcServer(http, meta, host, tls != null);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  /** The port actually bound. */
  public int port() {
    return http.getPort();
  }

  /** The host the server listens on. */
  public String host() {
    return host;
  }

  /** The URL for the Blueshift driver, e.g. {@code jdbc:blueshift://127.0.0.1:5439/dev}. */
  public String jdbcUrl() {
    return "jdbc:blueshift://" + host + ":" + port() + "/dev" + (tls ? "?ssl=true" : "");
  }

  /** The server's Avatica state, e.g. to cancel a connection's running statement. */
  public BlueshiftMeta meta() {
    return meta;
  }

  /** Stops accepting requests and releases the port. */
  public void stop() {
    http.stop();
  }

  @Override
  public void close() {
    stop();
  }
}
