package dev.blueshift.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BlueshiftUrlTest {

  @Test
  void fullUrl() throws SQLException {
    BlueshiftUrl u = BlueshiftUrl.parse("jdbc:blueshift://db.example:6000/sales?user=admin&fetchSize=500", null);
    assertThat(u).isEqualTo(new BlueshiftUrl("db.example", 6000, "sales", "admin", "", 500));
    assertThat(u.httpUrl()).isEqualTo("http://db.example:6000");
    Properties p = u.avaticaProperties();
    assertThat(p.getProperty("url")).isEqualTo("http://db.example:6000");
    assertThat(p.getProperty("serialization")).isEqualTo("protobuf");
    assertThat(p.getProperty("fetch_size")).isEqualTo("500");
  }

  @Test
  void defaultsAndProperties() throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", "admin");
    info.setProperty("password", "secret");
    BlueshiftUrl u = BlueshiftUrl.parse("jdbc:blueshift://localhost", info);
    assertThat(u).isEqualTo(new BlueshiftUrl("localhost", 5439, "dev", "admin", "secret", 10_000));
    assertThat(u.toString()).doesNotContain("secret");
  }

  @Test
  void urlParametersOverrideProperties() throws SQLException {
    Properties info = new Properties();
    info.setProperty("fetchSize", "10");
    assertThat(BlueshiftUrl.parse("jdbc:blueshift://h:1/dev?fetchSize=20", info).fetchSize()).isEqualTo(20);
  }

  @Test
  void ipv6Host() throws SQLException {
    BlueshiftUrl u = BlueshiftUrl.parse("jdbc:blueshift://[::1]:5439/dev", null);
    assertThat(u.host()).isEqualTo("::1");
    assertThat(u.httpUrl()).isEqualTo("http://[::1]:5439");
  }

  @Test
  void malformedUrlsAreRejectedClearly() {
    assertThatThrownBy(() -> BlueshiftUrl.parse("jdbc:blueshift:localhost", null))
        .isInstanceOf(SQLException.class).hasMessageContaining("expected jdbc:blueshift://HOST");
    assertThatThrownBy(() -> BlueshiftUrl.parse("jdbc:blueshift://h:99999/dev", null))
        .hasMessageContaining("invalid port \"99999\"");
    assertThatThrownBy(() -> BlueshiftUrl.parse("jdbc:blueshift://h/dev?fetchSize=-1", null))
        .hasMessageContaining("fetchSize must be a positive integer");
  }

  @Test
  void driverAcceptsOnlyBlueshiftUrls() throws SQLException {
    Driver d = new Driver();
    assertThat(d.acceptsURL("jdbc:blueshift://h:5439/dev")).isTrue();
    assertThat(d.acceptsURL("jdbc:avatica:remote:url=http://h:1")).isFalse();
    assertThat(d.acceptsURL("jdbc:postgresql://h/dev")).isFalse();
    assertThat(d.connect("jdbc:postgresql://h/dev", new Properties())).isNull();
  }

  @Test
  void serverMessageIsUnwrapped() {
    assertThat(ServerMessages.of("Error 0 (42P01) : Error while executing SQL \"select\": "
        + "Remote driver error: relation \"x\" does not exist"))
        .isEqualTo("relation \"x\" does not exist");
    assertThat(ServerMessages.of("plain")).isEqualTo("plain");
  }
}
