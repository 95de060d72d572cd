package dev.blueshift.coordinator.system;

import dev.blueshift.types.SqlType;
import java.util.List;

/**
 * How a Blueshift type presents itself in PostgreSQL's (and so Redshift's) catalog: its
 * {@code pg_type} row (oid, {@code typname}, length), the {@code information_schema} data type
 * name and size columns, and {@code atttypmod}. The one place for these facts; JDBC metadata
 * and every system table read them from here.
 *
 * @param oid the type's oid, as in PostgreSQL
 * @param name {@code pg_type.typname}: int2, int4, int8, numeric, float4, float8, bool, bpchar,
 *     varchar, date, timestamp, timestamptz
 * @param length {@code typlen}: bytes of a fixed-size value, -1 for variable length
 * @param byValue {@code typbyval}
 * @param kind the Blueshift type family it stands for
 */
public record PgType(int oid, String name, int length, boolean byValue, SqlType.Kind kind) {

  /** Every type Blueshift has, in oid order ({@code pg_type}'s rows). */
  public static final List<PgType> ALL = List.of(
      new PgType(16, "bool", 1, true, SqlType.Kind.BOOLEAN),
      new PgType(20, "int8", 8, true, SqlType.Kind.BIGINT),
      new PgType(21, "int2", 2, true, SqlType.Kind.SMALLINT),
      new PgType(23, "int4", 4, true, SqlType.Kind.INTEGER),
      new PgType(700, "float4", 4, true, SqlType.Kind.REAL),
      new PgType(701, "float8", 8, true, SqlType.Kind.DOUBLE),
      new PgType(1042, "bpchar", -1, false, SqlType.Kind.CHAR),
      new PgType(1043, "varchar", -1, false, SqlType.Kind.VARCHAR),
      new PgType(1082, "date", 4, true, SqlType.Kind.DATE),
      new PgType(1114, "timestamp", 8, true, SqlType.Kind.TIMESTAMP),
      new PgType(1184, "timestamptz", 8, true, SqlType.Kind.TIMESTAMPTZ),
      new PgType(1700, "numeric", -1, false, SqlType.Kind.DECIMAL));

  /** PostgreSQL's header added to a declared length or precision in {@code atttypmod}. */
  private static final int VARHDRSZ = 4;

  public static PgType of(SqlType type) {
    for (PgType t : ALL) {
      if (t.kind == type.kind()) {
        return t;
      }
    }
    throw new IllegalStateException("no pg_type for " + type);
  }

  /** The type named {@code typname} (int4, varchar…), or null. */
  public static PgType named(String typname) {
    for (PgType t : ALL) {
      if (t.name.equals(typname)) {
        return t;
      }
    }
    return null;
  }

  /** {@code information_schema.columns.data_type}: integer, character varying, numeric… */
  public static String dataType(SqlType type) {
    return switch (type.kind()) {
      case SMALLINT -> "smallint";
      case INTEGER -> "integer";
      case BIGINT -> "bigint";
      case DECIMAL -> "numeric";
      case REAL -> "real";
      case DOUBLE -> "double precision";
      case BOOLEAN -> "boolean";
      case CHAR -> "character";
      case VARCHAR -> "character varying";
      case DATE -> "date";
      case TIMESTAMP -> "timestamp without time zone";
      case TIMESTAMPTZ -> "timestamp with time zone";
    };
  }

  /** {@code pg_attribute.atttypmod}: declared length or precision/scale, -1 when none. */
  public static int typmod(SqlType type) {
    return switch (type.kind()) {
      case CHAR, VARCHAR -> type.length() + VARHDRSZ;
      case DECIMAL -> ((type.precision() << 16) | type.scale()) + VARHDRSZ;
      default -> -1;
    };
  }

  /** {@code character_maximum_length} (and octet length: Redshift lengths are bytes), or null. */
  public static Integer characterLength(SqlType type) {
    return type.isString() ? type.length() : null;
  }

  /** {@code numeric_precision}: binary digits for integers and floats, decimal for numeric. */
  public static Integer numericPrecision(SqlType type) {
    return switch (type.kind()) {
      case SMALLINT -> 16;
      case INTEGER -> 32;
      case BIGINT -> 64;
      case DECIMAL -> type.precision();
      case REAL -> 24;
      case DOUBLE -> 53;
      default -> null;
    };
  }

  /** {@code numeric_precision_radix}: 2 for integers and floats, 10 for numeric. */
  public static Integer numericRadix(SqlType type) {
    return switch (type.kind()) {
      case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE -> 2;
      case DECIMAL -> 10;
      default -> null;
    };
  }

  /** {@code numeric_scale}: 0 for integers, the scale for numeric, null otherwise. */
  public static Integer numericScale(SqlType type) {
    return switch (type.kind()) {
      case SMALLINT, INTEGER, BIGINT -> 0;
      case DECIMAL -> type.scale();
      default -> null;
    };
  }

  /** {@code datetime_precision}: fractional second digits of date-time types. */
  public static Integer datetimePrecision(SqlType type) {
    return switch (type.kind()) {
      case DATE -> 0;
      case TIMESTAMP, TIMESTAMPTZ -> 6;
      default -> null;
    };
  }

  /**
   * The type back from {@code information_schema.columns}' udt_name and size columns (what a
   * client of the views, such as JDBC metadata, reads).
   */
  public static SqlType fromColumn(String udtName, Integer characterLength, Integer precision, Integer scale) {
    PgType t = named(udtName);
    if (t == null) {
      throw new IllegalArgumentException("unknown type " + udtName);
    }
    return switch (t.kind) {
      case SMALLINT -> SqlType.SMALLINT;
      case INTEGER -> SqlType.INTEGER;
      case BIGINT -> SqlType.BIGINT;
      case DECIMAL -> SqlType.decimal(precision, scale);
      case REAL -> SqlType.REAL;
      case DOUBLE -> SqlType.DOUBLE;
      case BOOLEAN -> SqlType.BOOLEAN;
      case CHAR -> SqlType.character(characterLength);
      case VARCHAR -> SqlType.varchar(characterLength);
      case DATE -> SqlType.DATE;
      case TIMESTAMP -> SqlType.TIMESTAMP;
      case TIMESTAMPTZ -> SqlType.TIMESTAMPTZ;
    };
  }
}
