package dev.blueshift.worker.exec.expr;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.Vectors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.FieldVector;

/** String functions of Redshift, computed row by row on Java strings (positions count code points). */
final class StringFunctions {
  private StringFunctions() {}

  static final Set<String> NAMES = Set.of("position", "strpos", "charindex", "split_part", "left", "right", "lpad",
      "rpad", "replace", "translate", "reverse", "repeat", "initcap", "ascii", "chr", "btrim", "ltrim", "rtrim",
      "similar_to", "regexp_substr", "regexp_count", "regexp_replace", "regexp_instr", "md5", "octet_length",
      "substr");

  /** One string function; {@code fn} is one of {@link #NAMES}. */
  static final class StringCall extends Functions.Strict {
    private final String fn;
    private String patternText;
    private Pattern pattern;

    StringCall(String fn, List<Evaluator> args, SqlType type) {
      super(args, type);
      this.fn = fn;
    }

    @Override
    void compute(Value[] v, int i, FieldVector out) {
      Object r = switch (fn) {
        case "position" -> (long) indexOf(str(v, 1, i), str(v, 0, i));
        case "strpos" -> (long) indexOf(str(v, 0, i), str(v, 1, i));
        case "charindex" -> (long) indexOf(str(v, 1, i), str(v, 0, i));
        case "split_part" -> splitPart(str(v, 0, i), str(v, 1, i), v[2].getLong(i));
        case "left", "right" -> leftRight(str(v, 0, i), v[1].getLong(i), fn.equals("left"));
        case "lpad", "rpad" -> pad(str(v, 0, i), v[1].getLong(i), v.length > 2 ? str(v, 2, i) : " ", fn.equals("lpad"));
        case "replace" -> {
          String from = str(v, 1, i);
          yield from.isEmpty() ? str(v, 0, i) : str(v, 0, i).replace(from, str(v, 2, i));
        }
        case "translate" -> translate(str(v, 0, i), str(v, 1, i), str(v, 2, i));
        case "reverse" -> new StringBuilder(str(v, 0, i)).reverse().toString();
        case "repeat" -> {
          long times = v[1].getLong(i);
          String s = str(v, 0, i);
          if (times > 0 && (long) s.length() * times > SqlType.MAX_VARCHAR_LENGTH) {
            throw new BlueshiftException(SqlState.STRING_DATA_RIGHT_TRUNCATION,
                "repeat: result longer than " + SqlType.MAX_VARCHAR_LENGTH + " characters");
          }
          yield times <= 0 ? "" : s.repeat((int) times);
        }
        case "initcap" -> initcap(str(v, 0, i));
        case "ascii" -> {
          String s = str(v, 0, i);
          yield s.isEmpty() ? 0L : (long) s.codePointAt(0);
        }
        case "chr" -> {
          long c = v[0].getLong(i);
          if (c < 0 || c > Character.MAX_CODE_POINT) {
            throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE, "chr: code point " + c + " out of range");
          }
          yield c == 0 ? "" : new String(Character.toChars((int) c));
        }
        case "btrim", "ltrim", "rtrim" -> trim(str(v, 0, i), v.length > 1 ? str(v, 1, i) : " ", !fn.equals("rtrim"),
            !fn.equals("ltrim"));
        case "similar_to" -> pattern(str(v, 1, i), true).matcher(str(v, 0, i)).matches();
        case "regexp_substr" -> {
          Matcher m = regexAt(v, i);
          yield m != null && find(m, v.length > 3 ? v[3].getLong(i) : 1) ? m.group() : "";
        }
        case "regexp_instr" -> {
          String s = str(v, 0, i);
          Matcher m = regexAt(v, i);
          yield m != null && find(m, v.length > 3 ? v[3].getLong(i) : 1) ? (long) s.codePointCount(0, m.start()) + 1 : 0L;
        }
        case "regexp_count" -> {
          Matcher m = regexAt(v, i);
          long count = 0;
          while (m != null && m.find()) {
            count++;
          }
          yield count;
        }
        case "regexp_replace" -> {
          String s = str(v, 0, i);
          Pattern p = pattern(str(v, 1, i), false);
          String replacement = v.length > 2 ? pgReplacement(str(v, 2, i)) : "";
          int from = v.length > 3 ? offset(s, v[3].getLong(i)) : 0;
          yield from > s.length() ? s : s.substring(0, from) + p.matcher(s.substring(from)).replaceAll(replacement);
        }
        case "md5" -> md5(str(v, 0, i));
        case "octet_length" -> (long) v[0].getBytes(i).length;
        default -> substr(str(v, 0, i), v[1].getLong(i), v.length > 2 ? v[2].getLong(i) : -1); // substr
      };
      if (r instanceof String s && type.isString()) {
        Vectors.setString(out, i, s.getBytes(StandardCharsets.UTF_8));
      } else {
        Evaluators.writeConstant(out, type, i, r);
      }
    }

    private String str(Value[] v, int a, int i) {
      String s = v[a].getString(i);
      return args.get(a).type().kind() == SqlType.Kind.CHAR ? Casts.rtrim(s) : s;
    }

    /** A matcher over the source from the 1-based code-point position in argument 2 (if any), or null past the end. */
    private Matcher regexAt(Value[] v, int i) {
      String s = str(v, 0, i);
      Pattern p = pattern(str(v, 1, i), false);
      int from = v.length > 2 ? offset(s, v[2].getLong(i)) : 0;
      if (from > s.length()) {
        return null;
      }
      return p.matcher(s).region(from, s.length());
    }

    private static int offset(String s, long position) {
      if (position < 1) {
        throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE, "position must be at least 1");
      }
      int cps = s.codePointCount(0, s.length());
      return position - 1 >= cps ? s.length() + (position - 1 > cps ? 1 : 0) : s.offsetByCodePoints(0, (int) position - 1);
    }

    private static boolean find(Matcher m, long occurrence) {
      for (long k = 0; k < occurrence; k++) {
        if (!m.find()) {
          return false;
        }
      }
      return true;
    }

    private Pattern pattern(String text, boolean similar) {
      String key = (similar ? "S" : "R") + text;
      if (!key.equals(patternText)) {
        try {
          pattern = similar ? similarToRegex(text) : Pattern.compile(text);
        } catch (java.util.regex.PatternSyntaxException e) {
          throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE, "invalid regular expression \"" + text + "\": "
              + e.getDescription());
        }
        patternText = key;
      }
      return pattern;
    }
  }

  /** 1-based code-point position of {@code needle} in {@code s}, 0 when absent (1 for an empty needle). */
  static int indexOf(String s, String needle) {
    int at = s.indexOf(needle);
    return at < 0 ? 0 : s.codePointCount(0, at) + 1;
  }

  static String splitPart(String s, String delimiter, long part) {
    if (part < 1) {
      throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE, "field position must be greater than zero");
    }
    if (delimiter.isEmpty()) {
      return part == 1 ? s : "";
    }
    int start = 0;
    for (long k = 1; k < part; k++) {
      int at = s.indexOf(delimiter, start);
      if (at < 0) {
        return "";
      }
      start = at + delimiter.length();
    }
    int end = s.indexOf(delimiter, start);
    return s.substring(start, end < 0 ? s.length() : end);
  }

  static String leftRight(String s, long n, boolean left) {
    int cps = s.codePointCount(0, s.length());
    long keep = n >= 0 ? Math.min(n, cps) : Math.max(0, cps + n);
    return left ? s.substring(0, s.offsetByCodePoints(0, (int) keep))
        : s.substring(s.offsetByCodePoints(0, cps - (int) keep));
  }

  static String pad(String s, long length, String fill, boolean left) {
    int cps = s.codePointCount(0, s.length());
    if (length <= 0) {
      return "";
    }
    if (length > SqlType.MAX_VARCHAR_LENGTH) {
      throw new BlueshiftException(SqlState.STRING_DATA_RIGHT_TRUNCATION, "pad length " + length + " too long");
    }
    if (cps >= length) {
      return s.substring(0, s.offsetByCodePoints(0, (int) length));
    }
    if (fill.isEmpty()) {
      return s;
    }
    StringBuilder padding = new StringBuilder();
    int need = (int) length - cps;
    int[] f = fill.codePoints().toArray();
    for (int k = 0; k < need; k++) {
      padding.appendCodePoint(f[k % f.length]);
    }
    return left ? padding + s : s + padding;
  }

  static String translate(String s, String from, String to) {
    int[] f = from.codePoints().toArray();
    int[] t = to.codePoints().toArray();
    StringBuilder sb = new StringBuilder();
    s.codePoints().forEach(c -> {
      int k = 0;
      while (k < f.length && f[k] != c) {
        k++;
      }
      if (k == f.length) {
        sb.appendCodePoint(c);
      } else if (k < t.length) {
        sb.appendCodePoint(t[k]);
      }
    });
    return sb.toString();
  }

  /** First letter of each word upper case, the rest lower; words are runs of letters and digits. */
  static String initcap(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean inWord = false;
    for (int k = 0; k < s.length(); ) {
      int c = s.codePointAt(k);
      sb.appendCodePoint(inWord ? Character.toLowerCase(c) : Character.toUpperCase(c));
      inWord = Character.isLetterOrDigit(c);
      k += Character.charCount(c);
    }
    return sb.toString();
  }

  static String trim(String s, String chars, boolean leading, boolean trailing) {
    int start = 0;
    int end = s.length();
    while (leading && start < end && chars.indexOf(s.codePointAt(start)) >= 0) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (trailing && end > start && chars.indexOf(s.codePointBefore(end)) >= 0) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  static String substr(String s, long start, long length) {
    if (length < -1) {
      throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE, "negative substring length not allowed");
    }
    int cps = s.codePointCount(0, s.length());
    long end = length < 0 ? Long.MAX_VALUE : start + length;
    long from = Math.max(start, 1);
    long to = Math.min(end, cps + 1L);
    return from >= to ? "" : s.substring(s.offsetByCodePoints(0, (int) from - 1), s.offsetByCodePoints(0, (int) to - 1));
  }

  static String md5(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PostgreSQL replacement text ({@code \1} back-references, {@code \&} whole match) as Java's. */
  static String pgReplacement(String r) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < r.length(); k++) {
      char c = r.charAt(k);
      if (c == '\\' && k + 1 < r.length()) {
        char d = r.charAt(++k);
        if (Character.isDigit(d)) {
          sb.append('$').append(d);
        } else if (d == '&') {
          sb.append("$0");
        } else {
          sb.append(Matcher.quoteReplacement(String.valueOf(d)));
        }
      } else if (c == '$') {
        sb.append("\\$");
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * SQL SIMILAR TO pattern as a Java regex: {@code %} and {@code _} are wildcards, {@code | * + ? ( ) [ ] { }}
   * keep their regex meaning, everything else is literal; the match is of the whole string.
   */
  static Pattern similarToRegex(String similar) {
    StringBuilder re = new StringBuilder();
    boolean inClass = false;
    for (int k = 0; k < similar.length(); k++) {
      char c = similar.charAt(k);
      if (inClass) {
        if (c == ']') {
          inClass = false;
        }
        if (c == '\\' || (c == '[' )) {
          re.append('\\');
        }
        re.append(c);
        continue;
      }
      switch (c) {
        case '%' -> re.append(".*");
        case '_' -> re.append('.');
        case '\\' -> {
          if (k + 1 < similar.length()) {
            re.append(Pattern.quote(String.valueOf(similar.charAt(++k))));
          }
        }
        case '[' -> {
          inClass = true;
          re.append(c);
        }
        case '|', '*', '+', '?', '(', ')', '{', '}' -> re.append(c);
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
