package dev.blueshift.worker.load;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.util.List;
import java.util.Locale;

/**
 * How COPY reads text: Redshift's defaults are pipe-delimited, {@code \N} for NULL, no header,
 * MAXERROR 0, ISO dates and timestamps. {@code dateFormat}/{@code timeFormat} null mean ISO;
 * {@code acceptAnyDate} loads NULL for a date or timestamp that does not parse; {@code removeQuotes}
 * strips the double quotes around fields (keeping delimiters inside them); {@code json} reads one
 * JSON object per line, keys naming columns ({@code JSON 'auto'}, case-insensitively with
 * {@code jsonIgnoreCase}).
 */
public record LoadOptions(char delimiter, String nullAs, int ignoreHeader, boolean emptyAsNull,
    boolean blanksAsNull, boolean truncateColumns, boolean csv, char quote, long maxErrors, boolean fillRecord,
    boolean trimBlanks, DateTimeFormat dateFormat, DateTimeFormat timeFormat, boolean acceptAnyDate,
    boolean removeQuotes, boolean json, boolean jsonIgnoreCase) {

  public static LoadOptions defaults() {
    return new LoadOptions('|', "\\N", 0, false, false, false, false, '"', 0, false, false, null, null, false,
        false, false, false);
  }

  /**
   * The options a COPY's option list gives (the one mapping from Redshift option names to
   * {@code LoadOptions}; it runs on the coordinator to check them and on every worker of a load).
   */
  public static LoadOptions parse(List<LoadOption> list) {
    LoadOptions d = defaults();
    char delimiter = d.delimiter();
    String nullAs = d.nullAs();
    int ignoreHeader = 0;
    boolean csv = false;
    char quote = d.quote();
    long maxErrors = 0;
    boolean emptyAsNull = false;
    boolean blanksAsNull = false;
    boolean truncate = false;
    boolean fillRecord = false;
    boolean trimBlanks = false;
    DateTimeFormat dateFormat = null;
    DateTimeFormat timeFormat = null;
    boolean acceptAnyDate = false;
    boolean removeQuotes = false;
    boolean json = false;
    boolean jsonIgnoreCase = false;
    for (LoadOption o : list) {
      switch (o.name().toUpperCase(Locale.ROOT)) {
        case "DELIMITER" -> delimiter = o.single();
        case "NULL" -> nullAs = o.value();
        case "IGNOREHEADER" -> ignoreHeader = (int) o.longValue();
        case "CSV" -> {
          csv = true;
          delimiter = delimiter == '|' ? ',' : delimiter;
        }
        case "FORMAT" -> {
          String f = o.value() == null ? "" : o.value().toUpperCase(Locale.ROOT);
          if (f.equals("CSV")) {
            csv = true;
            delimiter = delimiter == '|' ? ',' : delimiter;
          } else if (f.equals("JSON")) {
            json = true;
          } else {
            throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "COPY FORMAT " + f + " is not supported yet");
          }
        }
        case "QUOTE" -> quote = o.single();
        case "MAXERROR" -> maxErrors = o.longValue();
        case "EMPTYASNULL" -> emptyAsNull = true;
        case "BLANKSASNULL" -> blanksAsNull = true;
        case "TRUNCATECOLUMNS" -> truncate = true;
        case "FILLRECORD" -> fillRecord = true;
        case "TRIMBLANKS" -> trimBlanks = true;
        case "DATEFORMAT" -> dateFormat = DateTimeFormat.of(o.value());
        case "TIMEFORMAT" -> timeFormat = DateTimeFormat.of(o.value());
        case "ACCEPTANYDATE" -> acceptAnyDate = true;
        case "REMOVEQUOTES" -> removeQuotes = true;
        case "JSON" -> {
          json = true;
          String arg = o.value() == null ? "auto" : o.value().strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
          if (arg.equals("auto ignorecase")) {
            jsonIgnoreCase = true;
          } else if (!arg.equals("auto")) {
            throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED,
                "COPY JSON '" + o.value() + "': only 'auto' and 'auto ignorecase' are supported yet (no jsonpaths files)");
          }
        }
        case "NOLOAD" -> { }
        case "GZIP", "COMPUPDATE", "STATUPDATE", "REGION", "IAM_ROLE", "CREDENTIALS", "ENCODING", "ACCEPTINVCHARS" -> { }
        default -> throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "COPY option " + o.name() + " is not supported yet");
      }
    }
    if (removeQuotes && csv) {
      throw new BlueshiftException(SqlState.SYNTAX_ERROR, "COPY: REMOVEQUOTES cannot be used with CSV");
    }
    return new LoadOptions(delimiter, nullAs, ignoreHeader, emptyAsNull, blanksAsNull, truncate, csv, quote, maxErrors,
        fillRecord, trimBlanks, dateFormat, timeFormat, acceptAnyDate, removeQuotes, json, jsonIgnoreCase);
  }
}
