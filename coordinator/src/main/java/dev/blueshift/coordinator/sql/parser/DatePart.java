package dev.blueshift.coordinator.sql.parser;

import dev.blueshift.coordinator.sql.ddl.SqlErrors;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;

/**
 * Redshift's date part names and abbreviations ({@code DATEADD(mon, …)}, {@code DATEDIFF('d', …)})
 * resolved to Calcite time units at parse time, so later stages see only standard units.
 */
public final class DatePart {
  private static final Map<String, TimeUnit> NAMES = new HashMap<>();

  static {
    put(TimeUnit.MILLENNIUM, "millennium", "millennia", "mil", "mils");
    put(TimeUnit.CENTURY, "century", "centuries", "c", "cent", "cents");
    put(TimeUnit.DECADE, "decade", "decades", "dec", "decs");
    put(TimeUnit.EPOCH, "epoch");
    put(TimeUnit.YEAR, "year", "years", "y", "yr", "yrs");
    put(TimeUnit.QUARTER, "quarter", "quarters", "qtr", "qtrs");
    put(TimeUnit.MONTH, "month", "months", "mon", "mons");
    put(TimeUnit.WEEK, "week", "weeks", "w");
    put(TimeUnit.DOW, "dayofweek", "dow", "dw", "weekday");
    put(TimeUnit.DOY, "dayofyear", "doy", "dy", "yearday");
    put(TimeUnit.DAY, "day", "days", "d");
    put(TimeUnit.HOUR, "hour", "hours", "h", "hr", "hrs");
    put(TimeUnit.MINUTE, "minute", "minutes", "m", "min", "mins");
    put(TimeUnit.SECOND, "second", "seconds", "s", "sec", "secs");
    put(TimeUnit.MILLISECOND, "millisecond", "milliseconds", "ms", "msec", "msecs", "msecond",
        "mseconds", "millisec", "millisecs", "millisecon");
    put(TimeUnit.MICROSECOND, "microsecond", "microseconds", "microsec", "microsecs", "microsecond",
        "usecond", "useconds", "us", "usec", "usecs");
  }

  private DatePart() {}

  private static void put(TimeUnit unit, String... names) {
    for (String n : List.of(names)) {
      NAMES.put(n, unit);
    }
  }

  /** The time unit a Redshift date part name stands for, or null if it is not one. */
  public static TimeUnit unitOf(String name) {
    return NAMES.get(name.toLowerCase(Locale.ROOT));
  }

  /** A named qualifier ({@code mon}, {@code yr}) becomes the standard unit; others are unchanged. */
  public static SqlIntervalQualifier normalize(SqlIntervalQualifier qualifier) {
    if (qualifier.timeFrameName == null) {
      return qualifier;
    }
    TimeUnit unit = unitOf(qualifier.timeFrameName);
    return unit == null ? qualifier
        : new SqlIntervalQualifier(unit, null, qualifier.getParserPosition());
  }

  /** A quoted date part ({@code 'day'}); a syntax error when it names no date part. */
  public static SqlIntervalQualifier of(SqlLiteral literal) {
    String name = literal.getValueAs(String.class);
    TimeUnit unit = unitOf(name);
    if (unit == null) {
      throw SqlErrors.syntax(literal.getParserPosition(), "unknown date part '" + name + "'");
    }
    return new SqlIntervalQualifier(unit, null, literal.getParserPosition());
  }
}
