package dev.blueshift.worker.load;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Invalid UTF-8 in COPY input. The reader this class makes decodes each malformed byte sequence to
 * {@link #MARK} (a Unicode noncharacter, which valid interchange text does not carry) instead of
 * silently to U+FFFD, so a field can tell it held invalid bytes: without ACCEPTINVCHARS the row is
 * rejected (err_code 1220), with {@code ACCEPTINVCHARS 'c'} each mark becomes {@code c}.
 */
public final class InvalidChars {
  /** Stands for one malformed UTF-8 sequence in decoded text. */
  public static final char MARK = '\uFDD0';
  /** Redshift's error code for invalid or unsupported UTF-8. */
  public static final int ERR_CODE = 1220;

  private InvalidChars() {}

  /** A UTF-8 reader that marks invalid bytes with {@link #MARK}. */
  public static Reader reader(InputStream in) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE)
        .replaceWith(String.valueOf(MARK));
    return new InputStreamReader(in, decoder);
  }

  /** True when the text held invalid UTF-8. */
  public static boolean has(String s) {
    return s != null && s.indexOf(MARK) >= 0;
  }

  /** The text with each mark replaced by the ACCEPTINVCHARS character. */
  public static String replace(String s, char with) {
    return s.replace(MARK, with);
  }

  /** The text as users should see it in messages (marks shown as U+FFFD). */
  public static String shown(String s) {
    return s == null ? null : s.replace(MARK, '\uFFFD');
  }
}
