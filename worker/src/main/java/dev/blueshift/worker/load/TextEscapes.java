package dev.blueshift.worker.load;

import java.util.ArrayList;
import java.util.List;

/**
 * COPY {@code ESCAPE} for delimited text: a backslash makes the next character part of the field
 * as is — an escaped delimiter does not end the field, {@code \\} is one backslash, and a backslash
 * at the end of a line escapes the newline, so the record goes on with the next line (the newline
 * kept in the field). This is how UNLOAD … ESCAPE writes data back.
 */
public final class TextEscapes {
  private TextEscapes() {}

  /** True when {@code line} ends in an escaped newline: the record continues on the next line. */
  public static boolean continues(String line) {
    int n = 0;
    for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
      n++;
    }
    return n % 2 == 1;
  }

  /**
   * Splits a record (lines joined with their newlines) at unescaped delimiters and removes the
   * escapes. A field whose raw text equals {@code nullAs} (e.g. {@code \N}) is returned as null.
   */
  public static List<String> split(String record, char delimiter, String nullAs) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int rawStart = 0;
    for (int i = 0; i < record.length(); i++) {
      char c = record.charAt(i);
      if (c == '\\' && i + 1 < record.length()) {
        field.append(record.charAt(++i));
      } else if (c == delimiter) {
        out.add(nullAs != null && record.startsWith(nullAs, rawStart) && i - rawStart == nullAs.length() ? null : field.toString());
        field.setLength(0);
        rawStart = i + 1;
      } else {
        field.append(c);
      }
    }
    boolean isNull = nullAs != null && record.length() - rawStart == nullAs.length() && record.startsWith(nullAs, rawStart);
    out.add(isNull ? null : field.toString());
    return out;
  }

  /**
   * CSV: true when the text ends inside a quoted field (an odd number of quote characters; a
   * doubled quote inside a quoted field counts twice), so the record goes on with the next line.
   */
  public static boolean openQuote(String text, char quote) {
    boolean open = false;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == quote) {
        open = !open;
      }
    }
    return open;
  }
}
