package dev.blueshift.shell;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the shell should do: where to connect, as whom, which commands ({@code -c}, in order)
 * and script ({@code -f}) to run, and how to print results.
 *
 * @param url JDBC URL, e.g. {@code jdbc:blueshift://127.0.0.1:5439/dev}
 * @param user user name ({@code admin} in local mode)
 * @param password password, or null/empty for none
 * @param commands SQL given with {@code -c}; each may hold several ';'-separated statements
 * @param file script given with {@code -f}, or null
 * @param format result format
 */
public record ShellOptions(String url, String user, String password, List<String> commands,
    Path file, Format format) {

  /** The URL of a local cluster on the default port. */
  public static final String DEFAULT_URL = "jdbc:blueshift://127.0.0.1:5439/dev";

  /** How query results are printed. */
  public enum Format {
    /** psql's default: header, separator, padded columns, numbers right-aligned, row count. */
    ALIGNED,
    /** RFC 4180 CSV with a header line; NULL is an empty field, the empty string is "". */
    CSV,
    /** Tab-separated with a header line; tab, newline, CR and backslash escaped as \t \n \r \\. */
    TSV,
    /** One JSON object per row and line. */
    JSON;

    /** Parses {@code aligned|csv|tsv|json}, ignoring case. */
    public static Format parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown format \"" + text + "\": expected aligned, csv, tsv or json");
      }
    }
  }

  public ShellOptions {
    url = url == null || url.isBlank() ? DEFAULT_URL : url;
    user = user == null || user.isBlank() ? "admin" : user;
    commands = commands == null ? List.of() : List.copyOf(commands);
    format = format == null ? Format.ALIGNED : format;
  }

  /** True when there is something to run other than reading standard input. */
  public boolean hasScript() {
    return !commands.isEmpty() || file != null;
  }

  /** The command-line usage. */
  public static String usage() {
    return """
        Usage: blueshift sql [OPTIONS]
          --url URL            JDBC URL (default %s)
          -U, --user NAME      user name (default admin)
          --password PASSWORD  password (default none)
          -c, --command SQL    run SQL (may be repeated; ';' separates statements), then exit
          -f, --file FILE      run the statements in FILE, then exit
          --format FORMAT      aligned (default), csv, tsv or json
          -h, --help           show this help
        Without -c/-f, statements are read from standard input; on a terminal the shell is
        interactive (\\? lists its commands). The first failing statement stops a script with
        exit code 1; a failed connection exits with 2.
        """.formatted(DEFAULT_URL);
  }

  /**
   * Parses command-line arguments ({@code --url URL}, {@code -U/--user}, {@code --password},
   * {@code -c/--command} repeated, {@code -f/--file}, {@code --format}); {@code --name=value} is
   * accepted too.
   *
   * @return null when help was asked for
   * @throws IllegalArgumentException with a one-line reason for bad arguments
   */
  public static ShellOptions fromArgs(String... args) {
    String url = null;
    String user = null;
    String password = null;
    List<String> commands = new ArrayList<>();
    Path file = null;
    Format format = Format.ALIGNED;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
      if (eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      switch (arg) {
        case "-h", "--help" -> {
          return null;
        }
        case "--url" -> url = value != null ? value : next(args, ++i, arg);
        case "-U", "--user", "--username" -> user = value != null ? value : next(args, ++i, arg);
        case "--password" -> password = value != null ? value : next(args, ++i, arg);
        case "-c", "--command" -> commands.add(value != null ? value : next(args, ++i, arg));
        case "-f", "--file" -> file = Paths.get(value != null ? value : next(args, ++i, arg));
        case "--format" -> format = Format.parse(value != null ? value : next(args, ++i, arg));
        default -> throw new IllegalArgumentException("unknown option \"" + args[i] + "\"");
      }
    }
    return new ShellOptions(url, user, password, commands, file, format);
  }

  private static String next(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException("option " + option + " needs a value");
    }
    return args[i];
  }
}
