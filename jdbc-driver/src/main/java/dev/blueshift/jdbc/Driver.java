package dev.blueshift.jdbc;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.apache.calcite.avatica.DriverVersion;

/**
 * The Blueshift JDBC driver: {@code jdbc:blueshift://HOST[:PORT][/DATABASE][?name=value&...]}
 * (port 5439 and database {@code dev} by default; properties {@code user}, {@code password},
 * {@code fetchSize}). It is Avatica's remote driver speaking protobuf over HTTP to the
 * coordinator, registered through {@code java.sql.Driver} service loading.
 */
public class Driver extends org.apache.calcite.avatica.remote.Driver {
  /** The driver and server version. */
  public static final String VERSION = "0.1.0";

  static {
    new Driver().register();
  }

  public Driver() {
    super();
  }

  @Override
  protected AvaticaFactory createFactory() {
    return new BlueshiftJdbcFactory();
  }

  @Override
  protected String getConnectStringPrefix() {
    return BlueshiftUrl.PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return new DriverVersion("Blueshift JDBC Driver", VERSION, "Blueshift", VERSION, true, 0, 1, 0,
        1);
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(BlueshiftUrl.PREFIX);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    BlueshiftUrl target = BlueshiftUrl.parse(url, info);
    try {
      return super.connect(BlueshiftUrl.PREFIX, target.avaticaProperties());
    } catch (SQLException | RuntimeException e) {
      throw connectFailure(target, e);
    }
  }

  /** One clear line for why a connection could not be opened. */
  static SQLException connectFailure(BlueshiftUrl target, Exception e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String prefix = "cannot connect to Blueshift"
          + (target == null ? "" : " at " + target.address()) + ": ";
      if (t instanceof ConnectException) {
        return new SQLException(prefix + "connection refused", "08001", e);
      } else if (t instanceof UnknownHostException) {
        return new SQLException(prefix + "unknown host", "08001", e);
      } else if (t instanceof NoRouteToHostException) {
        return new SQLException(prefix + "no route to host", "08001", e);
      } else if (t instanceof javax.net.ssl.SSLException) {
        return new SQLException(prefix + "TLS failed: " + t.getMessage()
            + " (with a self-signed certificate, name a trust store holding it: sslTrustStore=FILE)", "08001", e);
      } else if (t instanceof SocketTimeoutException) {
        return new SQLException(prefix + "timed out", "08001", e);
      } else if (t instanceof AvaticaClientRuntimeException server) {
        return new SQLException(ServerMessages.of(server.getMessage()), server.getSqlState(),
            server.getErrorCode(), e);
      } else if (t instanceof AvaticaSqlException server) {
        return new SQLException(ServerMessages.of(server.getErrorMessage()), server.getSQLState(),
            server.getErrorCode(), e);
      } else if (t instanceof IOException) {
        return new SQLException(prefix + t.getMessage(), "08001", e);
      }
    }
    return e instanceof SQLException s ? s : new SQLException(e.getMessage(), "08001", e);
  }

}
