package dev.blueshift.worker.load;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.expr.Casts;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;

/**
 * How COPY reads DATE or TIMESTAMP text: Redshift's DATEFORMAT / TIMEFORMAT, either a pattern
 * of Redshift tokens (YYYY, YY, MM, MON, MONTH, DD, HH24, HH12, HH, MI, SS, MS, US, AM/PM, other
 * characters literal), {@code 'auto'} (several common layouts tried in turn), or for TIMEFORMAT
 * {@code 'epochsecs'} / {@code 'epochmillisecs'}. Parses to execution values: days since the epoch
 * for DATE, microseconds since the epoch for TIMESTAMP.
 */
public final class DateTimeFormat {
  private static final List<DateTimeFormatter> AUTO = List.of(
      pattern("YYYY-MM-DD HH24:MI:SS"), pattern("YYYY-MM-DD"), pattern("YYYY/MM/DD HH24:MI:SS"),
      pattern("YYYY/MM/DD"), pattern("MM/DD/YYYY HH24:MI:SS"), pattern("MM/DD/YYYY"), pattern("YYYYMMDD"),
      pattern("DD-MON-YYYY"), pattern("MON DD, YYYY"), pattern("DD MON YYYY"), pattern("MONTH DD, YYYY"),
      pattern("YYYY-MM-DDTHH24:MI:SS"), pattern("YYYYMMDD HH24MISS"), pattern("YYYYMMDDHH24MISS"));

  private final String text;
  private final List<DateTimeFormatter> formatters;
  private final long epochUnitMicros;

  private DateTimeFormat(String text, List<DateTimeFormatter> formatters, long epochUnitMicros) {
    this.text = text;
    this.formatters = formatters;
    this.epochUnitMicros = epochUnitMicros;
  }

  /** The format an option value names; null (the default: ISO text only) when not given. */
  public static DateTimeFormat of(String option) {
    if (option == null) {
      return null;
    }
    return switch (option.toLowerCase(Locale.ROOT)) {
      case "auto" -> new DateTimeFormat(option, AUTO, 0);
      case "epochsecs" -> new DateTimeFormat(option, List.of(), 1_000_000L);
      case "epochmillisecs" -> new DateTimeFormat(option, List.of(), 1_000L);
      default -> new DateTimeFormat(option, List.of(pattern(option)), 0);
    };
  }

  public String text() {
    return text;
  }

  /** The value of {@code field} for a DATE or TIMESTAMP column; 22007 naming the format when it does not fit. */
  public long parse(String field, SqlType type) {
    boolean date = type.kind() == SqlType.Kind.DATE;
    String t = field.strip();
    if (epochUnitMicros > 0) {
      try {
        long micros = Math.multiplyExact(Long.parseLong(t), epochUnitMicros);
        return date ? Math.floorDiv(micros, 86_400_000_000L) : micros;
      } catch (NumberFormatException | ArithmeticException e) {
        throw invalid(field, type);
      }
    }
    for (DateTimeFormatter f : formatters) {
      try {
        TemporalAccessor parsed = f.parse(t);
        LocalDate day = LocalDate.of(parsed.get(ChronoField.YEAR), parsed.get(ChronoField.MONTH_OF_YEAR),
            parsed.get(ChronoField.DAY_OF_MONTH));
        if (date) {
          return day.toEpochDay();
        }
        LocalDateTime time = day.atStartOfDay();
        if (parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
          time = time.withHour(parsed.get(ChronoField.HOUR_OF_DAY));
        }
        if (parsed.isSupported(ChronoField.MINUTE_OF_HOUR)) {
          time = time.withMinute(parsed.get(ChronoField.MINUTE_OF_HOUR));
        }
        if (parsed.isSupported(ChronoField.SECOND_OF_MINUTE)) {
          time = time.withSecond(parsed.get(ChronoField.SECOND_OF_MINUTE));
        }
        if (parsed.isSupported(ChronoField.NANO_OF_SECOND)) {
          time = time.withNano(parsed.get(ChronoField.NANO_OF_SECOND));
        }
        return time.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + time.getNano() / 1000;
      } catch (java.time.DateTimeException e) {
        // try the next layout
      }
    }
    if (formatters == AUTO) {
      try {
        return (Long) Casts.parse(t, type); // ISO with fractions, as a cast would read it
      } catch (BlueshiftException e) {
        throw invalid(field, type);
      }
    }
    throw invalid(field, type);
  }

  private BlueshiftException invalid(String field, SqlType type) {
    String kind = type.kind() == SqlType.Kind.DATE ? "date" : "timestamp";
    return new BlueshiftException(SqlState.INVALID_DATETIME_FORMAT,
        "invalid " + kind + " \"" + field + "\" for " + (kind.equals("date") ? "DATEFORMAT" : "TIMEFORMAT") + " '" + text + "'");
  }

  /** A formatter for a Redshift pattern: tokens become fields, anything else is literal text. */
  static DateTimeFormatter pattern(String redshift) {
    DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
    String p = redshift.toUpperCase(Locale.ROOT);
    int i = 0;
    while (i < p.length()) {
      String rest = p.substring(i);
      if (rest.startsWith("YYYY")) {
        b.appendValue(ChronoField.YEAR, 4);
        i += 4;
      } else if (rest.startsWith("YY")) {
        b.appendValueReduced(ChronoField.YEAR, 2, 2, 2000);
        i += 2;
      } else if (rest.startsWith("MONTH")) {
        b.appendText(ChronoField.MONTH_OF_YEAR, java.time.format.TextStyle.FULL);
        i += 5;
      } else if (rest.startsWith("MON")) {
        b.appendText(ChronoField.MONTH_OF_YEAR, java.time.format.TextStyle.SHORT);
        i += 3;
      } else if (rest.startsWith("MM")) {
        b.appendValue(ChronoField.MONTH_OF_YEAR, 2);
        i += 2;
      } else if (rest.startsWith("MI")) {
        b.appendValue(ChronoField.MINUTE_OF_HOUR, 2);
        i += 2;
      } else if (rest.startsWith("MS")) {
        b.appendFraction(ChronoField.NANO_OF_SECOND, 3, 3, false);
        i += 2;
      } else if (rest.startsWith("DD")) {
        b.appendValue(ChronoField.DAY_OF_MONTH, 2);
        i += 2;
      } else if (rest.startsWith("HH24")) {
        b.appendValue(ChronoField.HOUR_OF_DAY, 2);
        i += 4;
      } else if (rest.startsWith("HH12")) {
        b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 2);
        i += 4;
      } else if (rest.startsWith("HH")) {
        b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 2);
        i += 2;
      } else if (rest.startsWith("SS")) {
        b.appendValue(ChronoField.SECOND_OF_MINUTE, 2);
        i += 2;
        // Redshift reads optional fractional seconds after SS
        b.optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 6, true).optionalEnd();
      } else if (rest.startsWith("US")) {
        b.appendFraction(ChronoField.NANO_OF_SECOND, 6, 6, false);
        i += 2;
      } else if (rest.startsWith("AM") || rest.startsWith("PM")) {
        b.appendText(ChronoField.AMPM_OF_DAY);
        i += 2;
      } else {
        b.appendLiteral(redshift.charAt(i));
        i++;
      }
    }
    return b.toFormatter(Locale.ENGLISH).withResolverStyle(java.time.format.ResolverStyle.STRICT);
  }
}
