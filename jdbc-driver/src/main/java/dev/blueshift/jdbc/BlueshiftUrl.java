package dev.blueshift.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A parsed {@code jdbc:blueshift://HOST[:PORT][/DATABASE][?name=value&...]} URL merged with the
 * connection properties ({@code user}, {@code password}, {@code fetchSize}); URL parameters win.
 *
 * @param host server host name or address (IPv6 without brackets)
 * @param port JDBC port of the coordinator, {@value #DEFAULT_PORT} when absent
 * @param database database name, {@value #DEFAULT_DATABASE} when absent
 * @param user user name, {@code admin} when absent
 * @param password password, empty when absent
 * @param fetchSize rows per fetch round trip
 * @param ssl connect over TLS (HTTPS), property {@code ssl=true}
 * @param trustStore a trust store holding the server's certificate (or its CA), property {@code
 *     sslTrustStore}; null uses the JVM's default trust store
 * @param trustStorePassword its password, property {@code sslTrustStorePassword}
 */
public record BlueshiftUrl(String host, int port, String database, String user, String password,
    int fetchSize, boolean ssl, String trustStore, String trustStorePassword) {

  /** A URL without TLS. */
  public BlueshiftUrl(String host, int port, String database, String user, String password, int fetchSize) {
    this(host, port, database, user, password, fetchSize, false, null, null);
  }

  /** Every Blueshift JDBC URL starts with this. */
  public static final String PREFIX = "jdbc:blueshift:";
  public static final int DEFAULT_PORT = 5439;
  public static final String DEFAULT_DATABASE = "dev";
  public static final String DEFAULT_USER = "admin";
  public static final int DEFAULT_FETCH_SIZE = 10_000;

  /**
   * Parses a URL; {@code info} may be null.
   *
   * @throws SQLException (SQLSTATE 08001) when the URL is malformed
   */
  public static BlueshiftUrl parse(String url, Properties info) throws SQLException {
    if (url == null || !url.startsWith(PREFIX + "//")) {
      throw invalid(url, "expected jdbc:blueshift://HOST[:PORT][/DATABASE][?name=value&...]");
    }
    Properties props = new Properties();
    if (info != null) {
      props.putAll(info);
    }
    String rest = url.substring(PREFIX.length() + 2);
    int q = rest.indexOf('?');
    if (q >= 0) {
      for (String pair : rest.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        props.setProperty(name, value);
      }
      rest = rest.substring(0, q);
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String database = slash < 0 ? "" : decode(rest.substring(slash + 1));
    String host;
    String portText = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw invalid(url, "unclosed '[' in IPv6 host");
      }
      host = authority.substring(1, close);
      if (authority.length() > close + 1) {
        if (authority.charAt(close + 1) != ':') {
          throw invalid(url, "expected ':' after the IPv6 host");
        }
        portText = authority.substring(close + 2);
      }
    } else {
      int colon = authority.lastIndexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      portText = colon < 0 ? null : authority.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw invalid(url, "missing host");
    }
    int port = DEFAULT_PORT;
    if (portText != null) {
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw invalid(url, "invalid port \"" + portText + "\"");
      }
    }
    String user = props.getProperty("user", "");
    String fetchText = props.getProperty("fetchSize", props.getProperty("fetchsize", ""));
    int fetchSize = DEFAULT_FETCH_SIZE;
    if (!fetchText.isEmpty()) {
      try {
        fetchSize = Integer.parseInt(fetchText.trim());
      } catch (NumberFormatException e) {
        fetchSize = 0;
      }
      if (fetchSize < 1) {
        throw invalid(url, "fetchSize must be a positive integer, not \"" + fetchText + "\"");
      }
    }
    String sslText = props.getProperty("ssl", "false").trim();
    if (!sslText.equalsIgnoreCase("true") && !sslText.equalsIgnoreCase("false")) {
      throw invalid(url, "ssl must be true or false, not \"" + sslText + "\"");
    }
    String trustStore = props.getProperty("sslTrustStore");
    return new BlueshiftUrl(host, port, database.isEmpty() ? DEFAULT_DATABASE : database,
        user.isEmpty() ? DEFAULT_USER : user, props.getProperty("password", ""), fetchSize,
        sslText.equalsIgnoreCase("true") || trustStore != null, trustStore,
        props.getProperty("sslTrustStorePassword"));
  }

  /** The HTTP endpoint of the coordinator's Avatica server. */
  public String httpUrl() {
    return (ssl ? "https://" : "http://") + address();
  }

  /** {@code HOST:PORT} as shown in messages. */
  public String address() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** The connection properties Avatica's remote driver understands. */
  public Properties avaticaProperties() {
    Properties p = new Properties();
    p.setProperty("url", httpUrl());
    p.setProperty("serialization", "protobuf");
    p.setProperty("fetch_size", Integer.toString(fetchSize));
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("database", database);
    if (trustStore != null) {
      p.setProperty("truststore", trustStore);
      p.setProperty("truststore_password", trustStorePassword == null ? "" : trustStorePassword);
    }
    return p;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static SQLException invalid(String url, String why) {
    return new SQLException("invalid Blueshift JDBC URL \"" + url + "\": " + why, "08001");
  }

  @Override
  public String toString() {
    // never print the password
    return PREFIX + "//" + address() + "/" + database + "?user=" + user + (ssl ? "&ssl=true" : "");
  }
}
