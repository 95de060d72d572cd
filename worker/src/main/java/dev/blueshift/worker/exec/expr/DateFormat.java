package dev.blueshift.worker.exec.expr;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL/Redshift datetime template patterns (YYYY, MM, DD, HH24, MI, SS, MS, US, MON, Month,
 * DY, Day, Q, WW, IW, DDD, D, AM/PM, FM prefix, "quoted text") for TO_CHAR, TO_DATE and TO_TIMESTAMP.
 */
final class DateFormat {
  private DateFormat() {}

  /** Patterns, longest first so that a prefix never hides a longer one. */
  private static final List<String> TOKENS = List.of("YYYY", "IYYY", "HH24", "HH12", "MONTH", "Month", "month", "YYY",
      "DDD", "DAY", "Day", "day", "MON", "Mon", "mon", "A.M.", "P.M.", "a.m.", "p.m.", "YY", "MM", "DD", "HH", "MI",
      "SS", "MS", "US", "DY", "Dy", "dy", "WW", "IW", "AM", "PM", "am", "pm", "Y", "Q", "D", "J");

  private static String tokenAt(String format, int k) {
    for (String t : TOKENS) {
      if (format.startsWith(t, k)) {
        return t;
      }
    }
    return null;
  }

  static String format(LocalDateTime t, String format) {
    StringBuilder sb = new StringBuilder();
    int k = 0;
    while (k < format.length()) {
      boolean fm = false;
      if (format.startsWith("FM", k) || format.startsWith("fm", k)) {
        fm = true;
        k += 2;
      }
      if (k < format.length() && format.charAt(k) == '"') {
        int end = format.indexOf('"', k + 1);
        end = end < 0 ? format.length() : end;
        sb.append(format, k + 1, end);
        k = end + 1;
        continue;
      }
      String tok = k < format.length() ? tokenAt(format, k) : null;
      if (tok == null) {
        if (k < format.length()) {
          sb.append(format.charAt(k++));
        }
        continue;
      }
      k += tok.length();
      int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
      String s = switch (tok) {
        case "YYYY", "IYYY" -> num(tok.equals("YYYY") ? t.getYear() : t.get(IsoFields.WEEK_BASED_YEAR), 4, fm);
        case "YYY" -> num(t.getYear() % 1000, 3, fm);
        case "YY" -> num(t.getYear() % 100, 2, fm);
        case "Y" -> num(t.getYear() % 10, 1, fm);
        case "MM" -> num(t.getMonthValue(), 2, fm);
        case "DD" -> num(t.getDayOfMonth(), 2, fm);
        case "DDD" -> num(t.getDayOfYear(), 3, fm);
        case "D" -> num(t.getDayOfWeek().getValue() % 7 + 1, 1, fm);
        case "HH24" -> num(t.getHour(), 2, fm);
        case "HH", "HH12" -> num(hour12, 2, fm);
        case "MI" -> num(t.getMinute(), 2, fm);
        case "SS" -> num(t.getSecond(), 2, fm);
        case "MS" -> num(t.getNano() / 1_000_000, 3, fm);
        case "US" -> num(t.getNano() / 1000, 6, fm);
        case "Q" -> num((t.getMonthValue() + 2) / 3, 1, fm);
        case "WW" -> num((t.getDayOfYear() - 1) / 7 + 1, 2, fm);
        case "IW" -> num(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, fm);
        case "J" -> String.valueOf(t.toLocalDate().toEpochDay() + 2440588);
        case "AM", "PM" -> t.getHour() < 12 ? "AM" : "PM";
        case "am", "pm" -> t.getHour() < 12 ? "am" : "pm";
        case "A.M.", "P.M." -> t.getHour() < 12 ? "A.M." : "P.M.";
        case "a.m.", "p.m." -> t.getHour() < 12 ? "a.m." : "p.m.";
        case "MONTH", "Month", "month" -> cased(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH), tok, fm ? 0 : 9);
        case "MON", "Mon", "mon" -> cased(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), tok, 0);
        case "DAY", "Day", "day" -> cased(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), tok, fm ? 0 : 9);
        default -> cased(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), tok, 0); // DY
      };
      sb.append(s);
    }
    return sb.toString();
  }

  private static String num(long v, int width, boolean fm) {
    String s = String.valueOf(Math.abs(v));
    if (!fm) {
      s = "0".repeat(Math.max(0, width - s.length())) + s;
    }
    return v < 0 ? "-" + s : s;
  }

  /** Name in the pattern's case (all upper, capitalized, all lower), blank-padded to {@code width}. */
  private static String cased(String name, String token, int width) {
    String s = Character.isUpperCase(token.charAt(1)) ? name.toUpperCase(Locale.ROOT)
        : Character.isUpperCase(token.charAt(0)) ? name : name.toLowerCase(Locale.ROOT);
    return width > s.length() ? s + " ".repeat(width - s.length()) : s;
  }

  /** Parses text by a template; fields not in the template default to 1 January of year 1, midnight. */
  static LocalDateTime parse(String text, String format) {
    int year = 1;
    int month = 1;
    int day = 1;
    int doy = -1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int micros = 0;
    Boolean pm = null;
    int p = 0;
    int k = 0;
    try {
      while (k < format.length()) {
        if (format.startsWith("FM", k) || format.startsWith("fm", k)) {
          k += 2;
          continue;
        }
        String tok = tokenAt(format, k);
        if (tok == null) {
          char f = format.charAt(k++);
          if (f == '"') {
            int end = format.indexOf('"', k);
            end = end < 0 ? format.length() : end;
            p += end - k;
            k = end + 1;
          } else if (p < text.length() && (f == ' ' ? text.charAt(p) == ' ' : !Character.isLetterOrDigit(text.charAt(p)))) {
            p++;
          }
          continue;
        }
        k += tok.length();
        while (p < text.length() && text.charAt(p) == ' ' && !tok.startsWith("M") && !tok.startsWith("D")) {
          p++;
        }
        switch (tok) {
          case "MONTH", "Month", "month", "MON", "Mon", "mon" -> {
            int found = -1;
            for (Month m : Month.values()) {
              String full = m.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
              String abbr = m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
              if (tok.length() > 3 && text.regionMatches(true, p, full, 0, full.length())) {
                found = m.getValue();
                p += full.length();
                break;
              }
              if (text.regionMatches(true, p, abbr, 0, abbr.length())) {
                found = m.getValue();
                p += abbr.length();
                break;
              }
            }
            if (found < 0) {
              throw bad(text, format);
            }
            month = found;
          }
          case "DAY", "Day", "day", "DY", "Dy", "dy" -> {
            while (p < text.length() && Character.isLetter(text.charAt(p))) {
              p++;
            }
          }
          case "AM", "PM", "am", "pm", "A.M.", "P.M.", "a.m.", "p.m." -> {
            String s = text.substring(p, Math.min(text.length(), p + tok.length())).toUpperCase(Locale.ROOT);
            pm = s.startsWith("P");
            p += tok.length();
          }
          default -> {
            int width = switch (tok) {
              case "YYYY", "IYYY" -> 4;
              case "YYY", "DDD", "MS" -> 3;
              case "US" -> 6;
              case "Y", "D", "Q" -> 1;
              case "J" -> 8;
              default -> 2;
            };
            int start = p;
            boolean negative = p < text.length() && text.charAt(p) == '-' && tok.startsWith("Y");
            if (negative) {
              p++;
            }
            while (p < text.length() && p - start < width + (negative ? 1 : 0) && Character.isDigit(text.charAt(p))) {
              p++;
            }
            // a year may have more digits when nothing but digits follow in the template
            if (tok.equals("YYYY")) {
              while (p < text.length() && Character.isDigit(text.charAt(p)) && (k >= format.length()
                  || !Character.isLetter(format.charAt(k)))) {
                p++;
              }
            }
            if (p == start) {
              throw bad(text, format);
            }
            int n = Integer.parseInt(text.substring(start, p));
            switch (tok) {
              case "YYYY", "IYYY" -> year = n;
              case "YYY" -> year = 2000 + n;
              case "YY" -> year = n < 70 ? 2000 + n : 1900 + n;
              case "Y" -> year = 2000 + n;
              case "MM" -> month = n;
              case "DD" -> day = n;
              case "DDD" -> doy = n;
              case "HH24", "HH", "HH12" -> hour = n;
              case "MI" -> minute = n;
              case "SS" -> second = n;
              case "MS" -> micros = n * 1000 * (int) Math.pow(10, 3 - (p - start));
              case "US" -> micros = n * (int) Math.pow(10, 6 - (p - start));
              default -> { }
            }
          }
        }
      }
      if (pm != null) {
        hour = hour % 12 + (pm ? 12 : 0);
      }
      LocalDate d = doy > 0 ? LocalDate.ofYearDay(year, doy) : LocalDate.of(year, month, day);
      return d.atTime(hour, minute, second, micros * 1000);
    } catch (DateTimeException | NumberFormatException e) {
      throw bad(text, format);
    }
  }

  private static BlueshiftException bad(String text, String format) {
    return new BlueshiftException(SqlState.INVALID_DATETIME_FORMAT,
        "invalid value \"" + text + "\" for the format \"" + format + "\"");
  }
}
