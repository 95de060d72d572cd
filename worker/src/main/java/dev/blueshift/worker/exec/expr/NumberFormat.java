package dev.blueshift.worker.exec.expr;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** PostgreSQL numeric template patterns for TO_CHAR and TO_NUMBER: 9, 0, . or D, , or G, FM, S, MI. */
final class NumberFormat {
  private NumberFormat() {}

  static String format(BigDecimal value, String format) {
    String f = format;
    boolean fm = false;
    if (f.startsWith("FM") || f.startsWith("fm")) {
      fm = true;
      f = f.substring(2);
    }
    boolean leadingS = f.startsWith("S");
    boolean trailingS = !leadingS && f.endsWith("S");
    boolean trailingMi = f.endsWith("MI");
    f = f.replace("S", "").replace("MI", "").replace('D', '.').replace('G', ',');
    int point = f.indexOf('.');
    String intPart = point < 0 ? f : f.substring(0, point);
    String fracPart = point < 0 ? "" : f.substring(point + 1);
    int fracDigits = (int) fracPart.chars().filter(c -> c == '9' || c == '0').count();
    int intDigits = (int) intPart.chars().filter(c -> c == '9' || c == '0').count();
    BigDecimal rounded = value.abs().setScale(fracDigits, RoundingMode.HALF_UP);
    String digits = rounded.toPlainString();
    String whole = fracDigits > 0 ? digits.substring(0, digits.indexOf('.')) : digits;
    String frac = fracDigits > 0 ? digits.substring(digits.indexOf('.') + 1) : "";
    if (whole.equals("0") && (fracDigits > 0 || intPart.contains("0"))) {
      whole = "";
    }
    boolean negative = value.signum() < 0 && rounded.signum() != 0;
    if (whole.length() > intDigits) {
      StringBuilder hashes = new StringBuilder(" ");
      for (char c : f.toCharArray()) {
        hashes.append(c == '9' || c == '0' ? '#' : c);
      }
      return hashes.toString();
    }
    StringBuilder out = new StringBuilder();
    int w = whole.length() - 1;
    int firstZero = intPart.indexOf('0');
    int lastPrinted = intPart.length();
    for (int k = intPart.length() - 1; k >= 0; k--) {
      char c = intPart.charAt(k);
      if (c == '9' || c == '0') {
        if (w >= 0) {
          out.append(whole.charAt(w--));
          lastPrinted = k;
        } else if (firstZero >= 0 && k >= firstZero) {
          out.append('0');
          lastPrinted = k;
        } else {
          out.append(' ');
        }
      } else if (c == ',') {
        out.append(w >= 0 || (firstZero >= 0 && k > firstZero) ? ',' : ' ');
      } else {
        out.append(c);
      }
    }
    out.reverse();
    if (whole.isEmpty() && fracDigits == 0 && lastPrinted == intPart.length() && out.length() > 0) {
      out.setCharAt(out.length() - 1, '0');
    }
    String sign = negative ? "-" : (leadingS || trailingS) ? "+" : trailingMi ? " " : " ";
    StringBuilder result = new StringBuilder();
    if (trailingS || trailingMi) {
      result.append(out);
    } else {
      int firstNonBlank = 0;
      while (firstNonBlank < out.length() && out.charAt(firstNonBlank) == ' ') {
        firstNonBlank++;
      }
      result.append(out, 0, firstNonBlank).append(sign).append(out.substring(firstNonBlank));
    }
    if (point >= 0) {
      result.append('.');
      int fi = 0;
      for (char c : fracPart.toCharArray()) {
        if (c == '9' || c == '0') {
          result.append(frac.charAt(fi++));
        } else {
          result.append(c);
        }
      }
    }
    if (trailingS || trailingMi) {
      result.append(trailingMi && !negative ? " " : sign);
    }
    String s = result.toString();
    if (fm) {
      s = s.strip();
      if (point >= 0 && fracPart.endsWith("9")) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '0') {
          end--;
        }
        s = s.substring(0, end);
      }
    }
    return s;
  }

  static BigDecimal parse(String text, String format) {
    boolean point = format.indexOf('.') >= 0 || format.indexOf('D') >= 0;
    StringBuilder sb = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (Character.isDigit(c) || (c == '.' && point) || (c == '-' && sb.length() == 0)) {
        sb.append(c);
      }
    }
    boolean negative = text.trim().startsWith("-") || (text.trim().endsWith("-") && format.endsWith("MI"))
        || (text.trim().startsWith("(") && format.endsWith("PR"));
    String s = sb.toString().replace("-", "");
    if (s.isEmpty() || s.equals(".")) {
      throw new BlueshiftException(SqlState.INVALID_TEXT_REPRESENTATION,
          "invalid input syntax for type numeric: \"" + text + "\"");
    }
    BigDecimal d = new BigDecimal(s);
    return negative ? d.negate() : d;
  }
}
