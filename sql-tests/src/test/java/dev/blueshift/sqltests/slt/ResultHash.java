package dev.blueshift.sqltests.slt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code N values hashing to <md5>} form: MD5 of every value followed by a newline. */
final class ResultHash {
  private static final Pattern LINE = Pattern.compile("^(\\d+) values hashing to ([0-9a-f]{32})$");

  private ResultHash() {}

  static String md5(List<String> values) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      for (String v : values) {
        md5.update(v.getBytes(StandardCharsets.UTF_8));
        md5.update((byte) '\n');
      }
      return HexFormat.of().formatHex(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }

  static String line(List<String> values) {
    return values.size() + " values hashing to " + md5(values);
  }

  /** The matcher of a hash line, or null when the expected result lists values. */
  static Matcher parse(List<String> expected) {
    if (expected.size() != 1) {
      return null;
    }
    Matcher m = LINE.matcher(expected.get(0).strip());
    return m.matches() ? m : null;
  }
}
