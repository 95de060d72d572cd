package dev.blueshift.storage.segment;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.types.SqlType;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A Redshift column compression encoding ({@code ENCODE ...}) and how Blueshift stores it.
 *
 * <p>Physical mapping of each encoding onto a column chunk (one Arrow IPC record batch per block
 * and column):
 *
 * <ul>
 *   <li>RAW: the plain Arrow buffers, no compression.
 *   <li>ZSTD: the plain Arrow buffers with Arrow ZSTD body compression.
 *   <li>LZO: the plain Arrow buffers with fast (level 1) ZSTD body compression. Arrow's LZ4 frame
 *       codec is pure Java and was measured at minutes per 8 MB to compress, so it is not used for
 *       writing; chunks say their codec, so LZ4 frame chunks would still read.
 *   <li>AZ64: Blueshift's default numeric codec: the plain Arrow buffers with ZSTD body
 *       compression at ZSTD's default level 3.
 *   <li>BYTEDICT, TEXT255, TEXT32K: a per-chunk dictionary of distinct values plus narrowed
 *       (1/2/4 byte) indices, fast-ZSTD compressed.
 *   <li>RUNLENGTH: run values plus run lengths, fast-ZSTD compressed.
 *   <li>DELTA, DELTA32K: first value plus zig-zag deltas of consecutive values narrowed to the
 *       smallest of 1/2/4 bytes, fast-ZSTD compressed.
 *   <li>MOSTLY8/16/32: values narrowed to 1/2/4 bytes plus a list of (position, value) exceptions
 *       that do not fit, fast-ZSTD compressed.
 *   <li>AUTO: resolved per type by {@link #resolve(SqlType)}.
 * </ul>
 *
 * <p>Reading a chunk always yields the plain Arrow vector of {@link SqlType#arrowType()}.
 */
public enum Encoding {
  RAW, AZ64, BYTEDICT, DELTA, DELTA32K, LZO, MOSTLY8, MOSTLY16, MOSTLY32, RUNLENGTH, TEXT255, TEXT32K, ZSTD, AUTO;

  private static final Set<SqlType.Kind> ALL = EnumSet.allOf(SqlType.Kind.class);
  private static final Set<SqlType.Kind> LONG_LIKE = EnumSet.of(SqlType.Kind.SMALLINT, SqlType.Kind.INTEGER,
      SqlType.Kind.BIGINT, SqlType.Kind.DECIMAL, SqlType.Kind.DATE, SqlType.Kind.TIMESTAMP, SqlType.Kind.TIMESTAMPTZ);

  /**
   * Parses a Redshift encoding name, case-insensitively. Accepts the aliases Redshift accepts
   * ({@code BYTEDICT}, {@code RUNLENGTH}, {@code LZO}, ...) plus {@code NONE} for RAW.
   *
   * @throws BlueshiftException INVALID_TABLE_DEFINITION for an unknown name
   */
  public static Encoding parse(String redshiftName) {
    String name = redshiftName == null ? "" : redshiftName.trim().toUpperCase(Locale.ROOT);
    if (name.equals("NONE")) {
      return RAW;
    }
    for (Encoding e : values()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    throw new BlueshiftException(SqlState.INVALID_TABLE_DEFINITION,
        "unknown encoding \"" + redshiftName + "\"");
  }

  /** The SQL types this encoding applies to, following Redshift's table of encodings. */
  public Set<SqlType.Kind> applicableKinds() {
    return switch (this) {
      case RAW, ZSTD, AUTO -> ALL;
      case AZ64 -> LONG_LIKE;
      case BYTEDICT -> complementOf(SqlType.Kind.BOOLEAN);
      case DELTA -> EnumSet.of(SqlType.Kind.SMALLINT, SqlType.Kind.INTEGER, SqlType.Kind.BIGINT,
          SqlType.Kind.DECIMAL, SqlType.Kind.DATE, SqlType.Kind.TIMESTAMP, SqlType.Kind.TIMESTAMPTZ);
      case DELTA32K -> EnumSet.of(SqlType.Kind.INTEGER, SqlType.Kind.BIGINT, SqlType.Kind.DECIMAL,
          SqlType.Kind.DATE, SqlType.Kind.TIMESTAMP, SqlType.Kind.TIMESTAMPTZ);
      case LZO -> complementOf(SqlType.Kind.BOOLEAN, SqlType.Kind.REAL, SqlType.Kind.DOUBLE);
      case MOSTLY8 -> EnumSet.of(SqlType.Kind.SMALLINT, SqlType.Kind.INTEGER, SqlType.Kind.BIGINT, SqlType.Kind.DECIMAL);
      case MOSTLY16 -> EnumSet.of(SqlType.Kind.INTEGER, SqlType.Kind.BIGINT, SqlType.Kind.DECIMAL);
      case MOSTLY32 -> EnumSet.of(SqlType.Kind.BIGINT, SqlType.Kind.DECIMAL);
      case RUNLENGTH -> ALL;
      case TEXT255, TEXT32K -> EnumSet.of(SqlType.Kind.VARCHAR);
    };
  }

  private static Set<SqlType.Kind> complementOf(SqlType.Kind... excluded) {
    EnumSet<SqlType.Kind> s = EnumSet.allOf(SqlType.Kind.class);
    for (SqlType.Kind k : excluded) {
      s.remove(k);
    }
    return s;
  }

  /** True when this encoding may be declared on a column of the given type. */
  public boolean isApplicable(SqlType type) {
    return applicableKinds().contains(type.kind());
  }

  /**
   * Checks that this encoding may be declared on the column.
   *
   * @throws BlueshiftException INVALID_TABLE_DEFINITION naming column, encoding and type
   */
  public void checkApplicable(String column, SqlType type) {
    if (!isApplicable(type)) {
      throw new BlueshiftException(SqlState.INVALID_TABLE_DEFINITION,
          "column \"" + column + "\": encoding " + name() + " is not valid for type " + type.redshiftName());
    }
  }

  /**
   * The concrete encoding to use for a column of the given type: this encoding itself unless it is
   * AUTO. AUTO follows Redshift's documented defaults: AZ64 for integers, DECIMAL, DATE and
   * timestamps, LZO for CHAR/VARCHAR, RAW for BOOLEAN, REAL and DOUBLE. (Redshift also makes sort
   * key columns RAW; that is the catalog's decision, see {@link #resolve(SqlType, boolean)}.)
   */
  public Encoding resolve(SqlType type) {
    if (this != AUTO) {
      return this;
    }
    return switch (type.kind()) {
      case SMALLINT, INTEGER, BIGINT, DECIMAL, DATE, TIMESTAMP, TIMESTAMPTZ -> AZ64;
      case CHAR, VARCHAR -> LZO;
      case BOOLEAN, REAL, DOUBLE -> RAW;
    };
  }

  /** Like {@link #resolve(SqlType)}, but AUTO on a sort key column resolves to RAW as in Redshift. */
  public Encoding resolve(SqlType type, boolean sortKeyColumn) {
    if (this == AUTO && sortKeyColumn) {
      return RAW;
    }
    return resolve(type);
  }
}
