package dev.blueshift.coordinator.unload;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;

/**
 * Turns result rows into UNLOAD's lines. Text: fields joined by the delimiter, NULL as the NULL AS
 * string (empty by default); with ESCAPE a backslash goes before the delimiter, newline, carriage
 * return, backslash (and double quote with ADDQUOTES), as COPY's ESCAPE reads them back; ADDQUOTES
 * wraps every non-null field in double quotes. CSV: fields holding the delimiter, a double quote,
 * CR or LF, or leading/trailing spaces are quoted with inner quotes doubled; NULL is an empty field.
 * Timestamps print as Redshift prints them ({@code 2020-01-02 03:04:05[.ffffff]}).
 */
final class UnloadLineFormat {
  private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true).optionalEnd()
      .toFormatter();

  private final UnloadOptions options;

  UnloadLineFormat(UnloadOptions options) {
    this.options = options;
  }

  /** The header line: the column names. */
  String header(List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        sb.append(options.delimiter());
      }
      field(sb, names.get(i));
    }
    return sb.append('\n').toString();
  }

  /** Appends one row as a line, with its newline. */
  void line(StringBuilder sb, Object[] row) {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        sb.append(options.delimiter());
      }
      if (row[i] == null) {
        if (!options.csv()) {
          sb.append(options.nullAs());
        }
      } else {
        field(sb, text(row[i]));
      }
    }
    sb.append('\n');
  }

  private void field(StringBuilder sb, String s) {
    if (options.csv()) {
      csvField(sb, s);
      return;
    }
    if (options.addQuotes()) {
      sb.append('"');
    }
    if (options.escape()) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == options.delimiter() || c == '\n' || c == '\r' || c == '\\' || (c == '"' && options.addQuotes())) {
          sb.append('\\');
        }
        sb.append(c);
      }
    } else {
      sb.append(s);
    }
    if (options.addQuotes()) {
      sb.append('"');
    }
  }

  private void csvField(StringBuilder sb, String s) {
    boolean quote = s.isEmpty() || s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ';
    for (int i = 0; i < s.length() && !quote; i++) {
      char c = s.charAt(i);
      quote = c == options.delimiter() || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      sb.append(s);
      return;
    }
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        sb.append('"');
      }
      sb.append(c);
    }
    sb.append('"');
  }

  static String text(Object v) {
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Boolean b) {
      return b ? "t" : "f";
    }
    if (v instanceof LocalDateTime t) {
      return TIMESTAMP.format(t);
    }
    if (v instanceof OffsetDateTime t) {
      return TIMESTAMP.format(t.toLocalDateTime()) + "+00";
    }
    return v.toString();
  }
}
