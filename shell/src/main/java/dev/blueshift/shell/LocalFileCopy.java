package dev.blueshift.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell's {@code \copy TABLE [(columns)] FROM 'local file' [COPY options]}: streams the file to
 * the coordinator's HTTP port in chunks ({@code POST /copy/stdin}, never the whole file in memory),
 * then runs one {@code COPY TABLE … FROM 'stdin://ID' options} — so the load is atomic and reports
 * bad rows like any COPY — and finally deletes the uploaded data.
 */
final class LocalFileCopy {
  private static final Pattern COMMAND = Pattern.compile(
      "(?is)\\s*(?<table>[^\\s(]+)\\s*(?<columns>\\([^)]*\\))?\\s+FROM\\s+(?<file>'(?:[^']|'')*'|\\S+)(?<options>.*)");
  private static final int CHUNK = 1 << 20;

  private LocalFileCopy() {}

  /** Runs {@code \copy ARG}; returns the number of rows loaded. */
  static long run(Connection connection, String arg) throws SQLException, IOException {
    Matcher m = COMMAND.matcher(arg);
    if (!m.matches()) {
      throw new SQLException("\\copy: usage: \\copy TABLE [(columns)] FROM 'file' [options]");
    }
    if (arg.matches("(?is).*\\bTO\\s+'.*") && !arg.matches("(?is).*\\bFROM\\b.*")) {
      throw new SQLException("\\copy … TO is not supported; use UNLOAD");
    }
    String fileText = m.group("file");
    if (fileText.startsWith("'")) {
      fileText = fileText.substring(1, fileText.length() - 1).replace("''", "'");
    }
    Path file = Path.of(fileText);
    if (fileText.equalsIgnoreCase("stdin") || !Files.isRegularFile(file)) {
      throw new SQLException("\\copy: " + fileText + ": no such file");
    }
    String base = httpBase(connection);
    String name = upload(base, file);
    String options = m.group("options") == null ? "" : m.group("options");
    String sql = "COPY " + m.group("table") + (m.group("columns") == null ? "" : " " + m.group("columns"))
        + " FROM '" + name + "'" + options;
    try (Statement st = connection.createStatement()) {
      st.execute(sql);
      return st.getLargeUpdateCount();
    } finally {
      delete(base, name.substring("stdin://".length()));
    }
  }

  /** The coordinator's HTTP address: the Avatica connection's server URL (what jdbc:blueshift://H:P/db connects to). */
  static String httpBase(Connection connection) throws SQLException {
    if (connection.isWrapperFor(org.apache.calcite.avatica.AvaticaConnection.class)) {
      String avatica = connection.unwrap(org.apache.calcite.avatica.AvaticaConnection.class).config().url();
      if (avatica != null && avatica.startsWith("http")) {
        return avatica.endsWith("/") ? avatica.substring(0, avatica.length() - 1) : avatica;
      }
    }
    String url = connection.getMetaData().getURL();
    int http = url.indexOf("http://");
    if (http >= 0) {
      String rest = url.substring(http);
      int end = rest.indexOf(';');
      return end < 0 ? rest : rest.substring(0, end);
    }
    if (url.startsWith("jdbc:blueshift:")) {
      return dev.blueshift.jdbc.BlueshiftUrl.parse(url, new Properties()).httpUrl();
    }
    throw new SQLException("\\copy cannot find the coordinator's address in " + url);
  }

  private static String suffix(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    for (String s : new String[] {".gz", ".zst", ".bz2"}) {
      if (n.endsWith(s)) {
        return s;
      }
    }
    return "";
  }

  /** Streams the file in 1 MB chunks (HTTP chunked transfer); returns the name COPY reads it by. */
  private static String upload(String base, Path file) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(base + "/copy/stdin?suffix="
        + URLEncoder.encode(suffix(file), StandardCharsets.UTF_8)).toURL().openConnection();
    try {
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setChunkedStreamingMode(CHUNK);
      c.setRequestProperty("Content-Type", "application/octet-stream");
      try (InputStream in = Files.newInputStream(file); OutputStream out = c.getOutputStream()) {
        in.transferTo(out);
      }
      String reply = read(c);
      if (c.getResponseCode() != 200) {
        throw new IOException("upload of " + file + " failed: " + reply);
      }
      return reply;
    } finally {
      c.disconnect();
    }
  }

  private static void delete(String base, String id) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(base + "/copy/stdin/" + id).toURL().openConnection();
      c.setRequestMethod("DELETE");
      read(c);
      c.disconnect();
    } catch (IOException e) {
      // the staged data stays in the coordinator's temporary directory until it exits
    }
  }

  private static String read(HttpURLConnection c) throws IOException {
    InputStream in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream();
    if (in == null) {
      return "";
    }
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }
}
