package dev.blueshift.coordinator.users;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The users of a coordinator (coordinator mode; a local cluster has only {@code admin}, without a
 * password): names and salted password hashes ({@link PasswordHash}), kept beside the catalog in
 * the file {@code users} of the coordinator's data directory, one {@code name:hash} a line,
 * rewritten atomically on each change. {@code admin} is the superuser: the only one who may
 * create, alter and drop users, and it cannot be dropped.
 */
public final class UserStore {
  /** The superuser. */
  public static final String SUPERUSER = "admin";
  static final String FILE = "users";

  private final Path file;
  private final Map<String, String> hashes = new TreeMap<>();

  private UserStore(Path file) {
    this.file = file;
  }

  /**
   * Opens the users of the coordinator directory {@code dir}. On the first start (no file yet)
   * {@code adminPassword} creates {@code admin}; it is required then and ignored afterwards.
   *
   * @throws BlueshiftException when there is no users file and no admin password
   */
  public static UserStore open(Path dir, String adminPassword) {
    UserStore store = new UserStore(dir.resolve(FILE));
    try {
      if (Files.exists(store.file)) {
        for (String line : Files.readAllLines(store.file, StandardCharsets.UTF_8)) {
          int colon = line.indexOf(':');
          if (colon > 0) {
            store.hashes.put(line.substring(0, colon), line.substring(colon + 1));
          }
        }
      } else {
        if (adminPassword == null || adminPassword.isEmpty()) {
          throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE, "the first start of a coordinator"
              + " needs a password for the user admin: set BLUESHIFT_ADMIN_PASSWORD or pass --admin-password");
        }
        Files.createDirectories(dir);
        store.hashes.put(SUPERUSER, PasswordHash.hash(adminPassword));
        store.save();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read users from " + store.file, e);
    }
    return store;
  }

  /** True when {@code user} exists and {@code password} is its password. */
  public boolean authenticate(String user, String password) {
    String hash;
    synchronized (this) {
      hash = hashes.get(user);
    }
    // hash even for an unknown user, so timing does not tell which users exist
    return PasswordHash.matches(password == null ? "" : password, hash != null ? hash : UNKNOWN) && hash != null;
  }

  private static final String UNKNOWN = PasswordHash.hash("unknown user");

  /** User names, sorted. */
  public synchronized List<String> users() {
    return new ArrayList<>(hashes.keySet());
  }

  /** CREATE USER. */
  public synchronized void create(String user, String password) {
    if (hashes.containsKey(user)) {
      throw new BlueshiftException(SqlState.DUPLICATE_OBJECT, "user \"" + user + "\" already exists");
    }
    checkPassword(password);
    hashes.put(user, PasswordHash.hash(password));
    save();
  }

  /** ALTER USER … PASSWORD. */
  public synchronized void setPassword(String user, String password) {
    require(user);
    checkPassword(password);
    hashes.put(user, PasswordHash.hash(password));
    save();
  }

  /** ALTER USER … RENAME TO. */
  public synchronized void rename(String user, String newName) {
    require(user);
    if (user.equals(SUPERUSER)) {
      throw new BlueshiftException(SqlState.INSUFFICIENT_PRIVILEGE, "the user admin cannot be renamed");
    }
    if (hashes.containsKey(newName)) {
      throw new BlueshiftException(SqlState.DUPLICATE_OBJECT, "user \"" + newName + "\" already exists");
    }
    hashes.put(newName, hashes.remove(user));
    save();
  }

  /** DROP USER; false when it did not exist and {@code ifExists}. */
  public synchronized boolean drop(String user, boolean ifExists) {
    if (user.equals(SUPERUSER)) {
      throw new BlueshiftException(SqlState.INSUFFICIENT_PRIVILEGE, "the user admin cannot be dropped");
    }
    if (!hashes.containsKey(user)) {
      if (ifExists) {
        return false;
      }
      require(user);
    }
    hashes.remove(user);
    save();
    return true;
  }

  private void require(String user) {
    if (!hashes.containsKey(user)) {
      throw new BlueshiftException(SqlState.UNDEFINED_OBJECT, "user \"" + user + "\" does not exist");
    }
  }

  /** Redshift's rule: 8 to 64 characters with an upper-case letter, a lower-case letter and a digit. */
  private static void checkPassword(String password) {
    boolean upper = password.chars().anyMatch(Character::isUpperCase);
    boolean lower = password.chars().anyMatch(Character::isLowerCase);
    boolean digit = password.chars().anyMatch(Character::isDigit);
    if (password.length() < 8 || password.length() > 64 || !upper || !lower || !digit) {
      throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE, "password must be 8 to 64 characters long and"
          + " contain at least one upper-case letter, one lower-case letter and one digit");
    }
  }

  private void save() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : hashes.entrySet()) {
      sb.append(e.getKey()).append(':').append(e.getValue()).append('\n');
    }
    Path tmp = file.resolveSibling(FILE + ".tmp");
    try {
      Files.writeString(tmp, sb, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot write users to " + file + ": " + e.getMessage(), e);
    }
  }
}
