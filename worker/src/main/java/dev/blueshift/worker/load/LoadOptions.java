package dev.blueshift.worker.load;

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
}
