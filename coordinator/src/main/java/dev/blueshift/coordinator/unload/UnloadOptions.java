package dev.blueshift.coordinator.unload;

import dev.blueshift.coordinator.sql.ddl.SqlCopyOption;
import dev.blueshift.coordinator.sql.ddl.SqlUnload;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.worker.load.Compression;
import java.math.BigDecimal;

/**
 * What an {@code UNLOAD} writes, with Redshift's defaults: pipe-delimited text, NULL as an empty
 * field, no escaping, no header, one file per slice (PARALLEL ON), files of at most 6.2 GB, and an
 * error when files with the prefix already exist (unless ALLOWOVERWRITE).
 *
 * @param maxFileBytes a part file is closed and the next one started once it holds this many bytes
 */
public record UnloadOptions(boolean csv, char delimiter, String nullAs, boolean header, boolean escape,
    boolean addQuotes, Compression compression, boolean parallel, long maxFileBytes, boolean allowOverwrite) {

  private static final long MB = 1024L * 1024L;
  /** Redshift's MAXFILESIZE bounds: 5 MB to 6.2 GB (also the default). */
  static final long MIN_FILE_BYTES = 5 * MB;
  static final long MAX_FILE_BYTES = (long) (6.2 * 1024 * MB);

  static UnloadOptions of(SqlUnload unload) {
    boolean csv = false;
    Character delimiter = null;
    String nullAs = "";
    boolean header = false;
    boolean escape = false;
    boolean addQuotes = false;
    Compression compression = Compression.NONE;
    boolean parallel = true;
    long maxFileBytes = MAX_FILE_BYTES;
    boolean allowOverwrite = false;
    for (SqlCopyOption o : unload.options) {
      switch (o.name()) {
        case "CSV" -> csv = true;
        case "FORMAT" -> {
          switch (o.stringValue()) {
            case "CSV" -> csv = true;
            case "PARQUET", "JSON" -> throw unsupported("FORMAT " + o.stringValue());
            default -> throw unsupported("FORMAT " + o.stringValue());
          }
        }
        case "PARQUET", "JSON", "FIXEDWIDTH", "MANIFEST", "ENCRYPTED", "KMS_KEY_ID", "ROWGROUPSIZE", "EXTENSION",
            "CLEANPATH" -> throw unsupported(o.name());
        case "DELIMITER" -> {
          String d = o.stringValue();
          if (d.length() != 1) {
            throw new BlueshiftException(SqlState.SYNTAX_ERROR, "UNLOAD DELIMITER must be a single character, not '" + d + "'");
          }
          delimiter = d.charAt(0);
        }
        case "NULL" -> nullAs = o.stringValue();
        case "HEADER" -> header = true;
        case "ESCAPE" -> escape = true;
        case "ADDQUOTES" -> addQuotes = true;
        case "GZIP", "ZSTD", "BZIP2" -> {
          if (compression != Compression.NONE) {
            throw new BlueshiftException(SqlState.SYNTAX_ERROR, "UNLOAD: only one of GZIP, ZSTD and BZIP2 may be given");
          }
          compression = Compression.ofOption(o.name());
        }
        case "PARALLEL" -> parallel = o.booleanValue();
        case "MAXFILESIZE" -> {
          BigDecimal mb = new BigDecimal(o.stringValue());
          long bytes = mb.multiply(BigDecimal.valueOf(MB)).longValue();
          if (bytes < MIN_FILE_BYTES || bytes > MAX_FILE_BYTES) {
            throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE,
                "UNLOAD MAXFILESIZE must be between 5 MB and 6.2 GB, not " + mb.toPlainString() + " MB");
          }
          maxFileBytes = bytes;
        }
        case "ALLOWOVERWRITE" -> allowOverwrite = true;
        case "REGION", "IAM_ROLE", "CREDENTIALS", "ACCESS_KEY_ID", "SECRET_ACCESS_KEY", "SESSION_TOKEN" -> { }
        default -> throw unsupported(o.name());
      }
    }
    if (csv && (escape || addQuotes)) {
      throw new BlueshiftException(SqlState.SYNTAX_ERROR, "UNLOAD: CSV cannot be used with " + (escape ? "ESCAPE" : "ADDQUOTES"));
    }
    char d = delimiter != null ? delimiter : csv ? ',' : '|';
    return new UnloadOptions(csv, d, nullAs, header, escape, addQuotes, compression, parallel, maxFileBytes, allowOverwrite);
  }

  private static BlueshiftException unsupported(String what) {
    return new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "UNLOAD " + what + " is not supported yet");
  }
}
