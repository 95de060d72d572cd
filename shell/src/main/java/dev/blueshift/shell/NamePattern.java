package dev.blueshift.shell;

/**
 * A psql object name pattern ({@code \dt PATTERN}, {@code \d NAME}) as JDBC metadata patterns:
 * an optional schema part before an unquoted dot, unquoted letters folded to lower case, {@code *}
 * and {@code ?} as wildcards, double quotes keeping text as written; JDBC's own wildcards in
 * names are escaped with {@code \}.
 *
 * @param schema the schema pattern, or null when the text names no schema
 * @param name the relation name pattern
 */
record NamePattern(String schema, String name) {

  static NamePattern parse(String text) {
    StringBuilder current = new StringBuilder();
    String schema = null;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          current.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (quoted) {
        appendLiteral(current, c);
      } else if (c == '.' && schema == null) {
        schema = current.toString();
        current.setLength(0);
      } else if (c == '*') {
        current.append('%');
      } else if (c == '?') {
        current.append('_');
      } else {
        appendLiteral(current, Character.toLowerCase(c));
      }
    }
    return new NamePattern(schema, current.toString());
  }

  private static void appendLiteral(StringBuilder sb, char c) {
    if (c == '%' || c == '_' || c == '\\') {
      sb.append('\\');
    }
    sb.append(c);
  }

  /** A JDBC pattern matching exactly {@code name} (for names read back from metadata). */
  static String exact(String name) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      appendLiteral(sb, name.charAt(i));
    }
    return sb.toString();
  }

  /** {@code name} as a SQL string literal. */
  static String literal(String name) {
    return "'" + name.replace("'", "''") + "'";
  }
}
