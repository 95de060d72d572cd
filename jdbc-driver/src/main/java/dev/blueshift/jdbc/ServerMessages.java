package dev.blueshift.jdbc;

/**
 * The server's own message inside the wrappers Avatica's client puts around it. Free of Avatica
 * types so tools can use it without loading the driver.
 */
public final class ServerMessages {
  private static final String MARKER = "Remote driver error: ";

  private ServerMessages() {}

  /**
   * {@code relation "x" does not exist} out of {@code Error 0 (42P01) : Error while executing SQL
   * "…": Remote driver error: relation "x" does not exist}; other messages unchanged.
   */
  public static String of(String message) {
    if (message == null) {
      return "";
    }
    int at = message.lastIndexOf(MARKER);
    return at < 0 ? message : message.substring(at + MARKER.length());
  }
}
