package dev.blueshift.coordinator.users;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Redshift's user statements, recognized before SQL parsing (they never reach the planner):
 * {@code CREATE USER name PASSWORD 'p'}, {@code ALTER USER name PASSWORD 'p'},
 * {@code ALTER USER name RENAME TO other}, {@code DROP USER [IF EXISTS] name [, …]}.
 * Redshift's other user options (CREATEDB, VALID UNTIL, …) are refused with 0A000.
 */
public sealed interface UserCommand {

  /** CREATE USER. */
  record Create(String user, String password) implements UserCommand {}

  /** ALTER USER … PASSWORD. */
  record SetPassword(String user, String password) implements UserCommand {}

  /** ALTER USER … RENAME TO. */
  record Rename(String user, String newName) implements UserCommand {}

  /** DROP USER. */
  record Drop(List<String> users, boolean ifExists) implements UserCommand {}

  /** The command tag a client sees. */
  default String commandTag() {
    if (this instanceof Create) {
      return "CREATE USER";
    }
    return this instanceof Drop ? "DROP USER" : "ALTER USER";
  }

  /** Runs the command against {@code users}. */
  default void apply(UserStore users) {
    if (this instanceof Create c) {
      users.create(c.user(), c.password());
    } else if (this instanceof SetPassword s) {
      users.setPassword(s.user(), s.password());
    } else if (this instanceof Rename r) {
      users.rename(r.user(), r.newName());
    } else if (this instanceof Drop d) {
      for (String u : d.users()) {
        users.drop(u, d.ifExists());
      }
    }
  }

  /**
   * The user command {@code sql} holds, or null when it is another statement.
   *
   * @throws BlueshiftException (42601, 0A000) for a malformed or unsupported user statement
   */
  static UserCommand parse(String sql) {
    List<String> t = tokens(sql);
    if (t.size() < 2 || !t.get(1).equalsIgnoreCase("user")
        || !(is(t, 0, "create") || is(t, 0, "alter") || is(t, 0, "drop"))) {
      return null;
    }
    if (is(t, 0, "drop")) {
      int i = 2;
      boolean ifExists = false;
      if (is(t, 2, "if") && is(t, 3, "exists")) {
        ifExists = true;
        i = 4;
      }
      List<String> names = new ArrayList<>();
      while (i < t.size()) {
        names.add(name(t, i));
        i++;
        if (i < t.size()) {
          expect(t, i, ",");
          i++;
        }
      }
      if (names.isEmpty()) {
        throw syntax("DROP USER needs a user name");
      }
      return new Drop(names, ifExists);
    }
    String user = name(t, 2);
    if (is(t, 0, "alter") && is(t, 3, "rename")) {
      expect(t, 4, "to");
      end(t, 6);
      return new Rename(user, name(t, 5));
    }
    int i = 3;
    if (is(t, 3, "with")) {
      i = 4;
    }
    expect(t, i, "password");
    String password = t.size() > i + 1 ? t.get(i + 1) : "";
    if (!password.startsWith("'")) {
      if (password.equalsIgnoreCase("disable")) {
        throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "PASSWORD DISABLE is not supported");
      }
      throw syntax("PASSWORD needs a quoted string, e.g. PASSWORD 'Secret123'");
    }
    if (t.size() > i + 2) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED,
          "user option " + t.get(i + 2).toUpperCase(Locale.ROOT) + " is not supported");
    }
    String text = unquote(password);
    return is(t, 0, "create") ? new Create(user, text) : new SetPassword(user, text);
  }

  private static boolean is(List<String> t, int i, String word) {
    return i < t.size() && t.get(i).equalsIgnoreCase(word);
  }

  private static void expect(List<String> t, int i, String word) {
    if (!is(t, i, word)) {
      throw syntax("expected " + word.toUpperCase(Locale.ROOT) + (i < t.size() ? " at \"" + t.get(i) + "\"" : " at the end"));
    }
  }

  private static void end(List<String> t, int size) {
    if (t.size() > size) {
      throw syntax("unexpected \"" + t.get(size) + "\"");
    }
  }

  private static String name(List<String> t, int i) {
    if (i >= t.size()) {
      throw syntax("expected a user name at the end");
    }
    String s = t.get(i);
    if (s.startsWith("\"")) {
      return s.substring(1, s.length() - 1).replace("\"\"", "\"");
    }
    if (!s.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
      throw syntax("expected a user name at \"" + s + "\"");
    }
    return s.toLowerCase(Locale.ROOT);
  }

  private static String unquote(String s) {
    return s.substring(1, s.length() - 1).replace("''", "'");
  }

  private static BlueshiftException syntax(String message) {
    return new BlueshiftException(SqlState.SYNTAX_ERROR, "syntax error: " + message);
  }

  /** Words, quoted strings ('…', "…") and commas; a trailing ';' ends the statement. */
  private static List<String> tokens(String sql) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == ';') {
        i++;
      } else if (c == '\'' || c == '"') {
        int j = i + 1;
        while (j < n) {
          if (sql.charAt(j) == c) {
            if (j + 1 < n && sql.charAt(j + 1) == c) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        if (j >= n) {
          throw syntax("unterminated quoted string");
        }
        out.add(sql.substring(i, j + 1));
        i = j + 1;
      } else if (c == ',') {
        out.add(",");
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else {
        int j = i;
        while (j < n && !Character.isWhitespace(sql.charAt(j)) && sql.charAt(j) != ',' && sql.charAt(j) != ';'
            && sql.charAt(j) != '\'' && sql.charAt(j) != '"') {
          j++;
        }
        out.add(sql.substring(i, j));
        i = j;
      }
      if (out.size() == 2 && !out.get(1).equalsIgnoreCase("user")) {
        return out; // not a user statement: stop early, whatever follows
      }
    }
    return out;
  }
}
