package dev.blueshift.coordinator.jdbc;

import dev.blueshift.coordinator.users.UserStore;
import java.nio.file.Path;

/**
 * Who may connect to the JDBC endpoint and how: in local mode ({@link #LOCAL}) only {@code admin}
 * without a password; in coordinator mode the users of a {@link UserStore}, each with its
 * password. With a keystore the endpoint speaks HTTPS (clients connect with {@code ssl=true}).
 *
 * @param users the users, or null for local mode
 * @param keystore a PKCS12 or JKS keystore holding the server's key and certificate, or null for
 *     plain HTTP
 * @param keystorePassword the keystore's password (null when there is no keystore)
 */
public record JdbcSecurity(UserStore users, Path keystore, String keystorePassword) {
  /** Local mode over plain HTTP. */
  public static final JdbcSecurity LOCAL = new JdbcSecurity(null, null, null);

  /** True when connections must name a user of the store and give its password. */
  public boolean authenticates() {
    return users != null;
  }
}
