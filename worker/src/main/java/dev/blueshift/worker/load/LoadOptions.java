package dev.blueshift.worker.load;

/**
 * How COPY reads text: Redshift's defaults are pipe-delimited, {@code \N} for NULL, no header,
 * MAXERROR 0.
 */
public record LoadOptions(char delimiter, String nullAs, int ignoreHeader, boolean emptyAsNull,
    boolean blanksAsNull, boolean truncateColumns, boolean csv, char quote, long maxErrors, boolean fillRecord,
    boolean trimBlanks) {

  public static LoadOptions defaults() {
    return new LoadOptions('|', "\\N", 0, false, false, false, false, '"', 0, false, false);
  }
}
