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
 * {@code jsonIgnoreCase}, or by a jsonpaths file: {@code jsonPaths}). {@code compression} is the
 * GZIP/ZSTD/BZIP2 option ({@link Compression#NONE}: the file suffix decides); {@code escape} makes a
 * backslash take the next character literally ({@link TextEscapes}); {@code acceptInvChars} replaces
 * each byte of invalid UTF-8 (null: such rows are rejected); {@code fixedWidth} reads FIXEDWIDTH columns.
 */
public record LoadOptions(char delimiter, String nullAs, int ignoreHeader, boolean emptyAsNull,
    boolean blanksAsNull, boolean truncateColumns, boolean csv, char quote, long maxErrors, boolean fillRecord,
    boolean trimBlanks, DateTimeFormat dateFormat, DateTimeFormat timeFormat, boolean acceptAnyDate,
    boolean removeQuotes, boolean json, boolean jsonIgnoreCase, Compression compression, boolean escape,
    Character acceptInvChars, FixedWidthSpec fixedWidth, JsonPaths jsonPaths) {

  /** Options without compression, ESCAPE, ACCEPTINVCHARS, FIXEDWIDTH or jsonpaths. */
  public LoadOptions(char delimiter, String nullAs, int ignoreHeader, boolean emptyAsNull,
      boolean blanksAsNull, boolean truncateColumns, boolean csv, char quote, long maxErrors, boolean fillRecord,
      boolean trimBlanks, DateTimeFormat dateFormat, DateTimeFormat timeFormat, boolean acceptAnyDate,
      boolean removeQuotes, boolean json, boolean jsonIgnoreCase) {
    this(delimiter, nullAs, ignoreHeader, emptyAsNull, blanksAsNull, truncateColumns, csv, quote, maxErrors, fillRecord,
        trimBlanks, dateFormat, timeFormat, acceptAnyDate, removeQuotes, json, jsonIgnoreCase, Compression.NONE, false,
        null, null, null);
  }

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
    Compression compression = Compression.NONE;
    boolean escape = false;
    Character acceptInvChars = null;
    FixedWidthSpec fixedWidth = null;
    JsonPaths jsonPaths = null;
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
            jsonPaths = JsonPaths.read(o.value());
          }
        }
        case "NOLOAD" -> { }
        case "GZIP", "ZSTD", "BZIP2" -> {
          if (compression != Compression.NONE) {
            throw new BlueshiftException(SqlState.SYNTAX_ERROR, "COPY: only one of GZIP, ZSTD and BZIP2 may be given");
          }
          compression = Compression.ofOption(o.name());
        }
        case "ESCAPE" -> escape = true;
        case "ACCEPTINVCHARS" -> {
          String c = o.value() == null ? "?" : o.value();
          if (c.length() != 1 || c.charAt(0) > 0x7f) {
            throw new BlueshiftException(SqlState.SYNTAX_ERROR,
                "COPY ACCEPTINVCHARS needs one ASCII character, not '" + c + "'");
          }
          acceptInvChars = c.charAt(0);
        }
        case "FIXEDWIDTH" -> fixedWidth = FixedWidthSpec.parse(o.value());
        case "ENCODING" -> {
          if (o.value() != null && !o.value().equalsIgnoreCase("UTF8")) {
            throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "COPY ENCODING " + o.value()
                + " is not supported yet (UTF8 only)");
          }
        }
        case "MANIFEST", "COMPUPDATE", "STATUPDATE", "REGION", "IAM_ROLE", "CREDENTIALS" -> { }
        default -> throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "COPY option " + o.name() + " is not supported yet");
      }
    }
    if (removeQuotes && csv) {
      throw new BlueshiftException(SqlState.SYNTAX_ERROR, "COPY: REMOVEQUOTES cannot be used with CSV");
    }
    if (escape && csv) {
      throw new BlueshiftException(SqlState.SYNTAX_ERROR, "COPY: ESCAPE cannot be used with CSV");
    }
    if (fixedWidth != null && (csv || json)) {
      throw new BlueshiftException(SqlState.SYNTAX_ERROR, "COPY: FIXEDWIDTH cannot be used with " + (csv ? "CSV" : "JSON"));
    }
    return new LoadOptions(delimiter, nullAs, ignoreHeader, emptyAsNull, blanksAsNull, truncate, csv, quote, maxErrors,
        fillRecord, trimBlanks, dateFormat, timeFormat, acceptAnyDate, removeQuotes, json, jsonIgnoreCase, compression,
        escape, acceptInvChars, fixedWidth, jsonPaths);
  }
}
