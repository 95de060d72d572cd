package dev.blueshift.types;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.sql.Types;
import java.util.Locale;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A SQL column type and the one place that maps it onto Arrow (storage and execution) and JDBC.
 *
 * <p>Physical representation in Arrow vectors: SMALLINT Int16, INTEGER Int32, BIGINT Int64,
 * DECIMAL(p,s) Int64 holding the unscaled value (values beyond 18 digits are out of range for
 * now), REAL Float4, DOUBLE Float8, BOOLEAN Bit, CHAR/VARCHAR Utf8, DATE DateDay (days since
 * 1970-01-01), TIMESTAMP Timestamp(micros), TIMESTAMPTZ Timestamp(micros, UTC).
 */
public record SqlType(Kind kind, int precision, int scale, int length) {

  /** The type families Blueshift supports. */
  public enum Kind {
    SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE, BOOLEAN, CHAR, VARCHAR, DATE, TIMESTAMP, TIMESTAMPTZ
  }

  /** Widest DECIMAL precision the catalog accepts (Redshift's limit). */
  public static final int MAX_DECIMAL_PRECISION = 38;
  /** Redshift's VARCHAR limit in bytes. */
  public static final int MAX_VARCHAR_LENGTH = 65535;
  /** Default VARCHAR length when none is given (Redshift: 256). */
  public static final int DEFAULT_VARCHAR_LENGTH = 256;

  public static final SqlType SMALLINT = new SqlType(Kind.SMALLINT, 0, 0, 0);
  public static final SqlType INTEGER = new SqlType(Kind.INTEGER, 0, 0, 0);
  public static final SqlType BIGINT = new SqlType(Kind.BIGINT, 0, 0, 0);
  public static final SqlType REAL = new SqlType(Kind.REAL, 0, 0, 0);
  public static final SqlType DOUBLE = new SqlType(Kind.DOUBLE, 0, 0, 0);
  public static final SqlType BOOLEAN = new SqlType(Kind.BOOLEAN, 0, 0, 0);
  public static final SqlType DATE = new SqlType(Kind.DATE, 0, 0, 0);
  public static final SqlType TIMESTAMP = new SqlType(Kind.TIMESTAMP, 0, 0, 0);
  public static final SqlType TIMESTAMPTZ = new SqlType(Kind.TIMESTAMPTZ, 0, 0, 0);

  public static SqlType decimal(int precision, int scale) {
    if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
      throw new BlueshiftException(SqlState.INVALID_TABLE_DEFINITION,
          "invalid DECIMAL(" + precision + "," + scale + "): precision must be 1.." + MAX_DECIMAL_PRECISION
              + " and scale 0..precision");
    }
    return new SqlType(Kind.DECIMAL, precision, scale, 0);
  }

  public static SqlType varchar(int length) {
    checkLength("VARCHAR", length);
    return new SqlType(Kind.VARCHAR, 0, 0, length);
  }

  public static SqlType character(int length) {
    checkLength("CHAR", length);
    return new SqlType(Kind.CHAR, 0, 0, length);
  }

  private static void checkLength(String name, int length) {
    if (length < 1 || length > MAX_VARCHAR_LENGTH) {
      throw new BlueshiftException(SqlState.INVALID_TABLE_DEFINITION,
          "invalid " + name + "(" + length + "): length must be 1.." + MAX_VARCHAR_LENGTH);
    }
  }

  public boolean isString() {
    return kind == Kind.CHAR || kind == Kind.VARCHAR;
  }

  public boolean isIntegral() {
    return kind == Kind.SMALLINT || kind == Kind.INTEGER || kind == Kind.BIGINT;
  }

  /** True for types held as a Java long in execution (integers, DECIMAL unscaled, DATE, TIMESTAMP). */
  public boolean isLongLike() {
    return switch (kind) {
      case SMALLINT, INTEGER, BIGINT, DECIMAL, DATE, TIMESTAMP, TIMESTAMPTZ -> true;
      default -> false;
    };
  }

  /** The Arrow type of vectors holding this SQL type. */
  public ArrowType arrowType() {
    return switch (kind) {
      case SMALLINT -> new ArrowType.Int(16, true);
      case INTEGER -> new ArrowType.Int(32, true);
      case BIGINT, DECIMAL -> new ArrowType.Int(64, true);
      case REAL -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case BOOLEAN -> ArrowType.Bool.INSTANCE;
      case CHAR, VARCHAR -> ArrowType.Utf8.INSTANCE;
      case DATE -> new ArrowType.Date(DateUnit.DAY);
      case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
      case TIMESTAMPTZ -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
    };
  }

  /** The java.sql.Types code JDBC clients see. */
  public int jdbcType() {
    return switch (kind) {
      case SMALLINT -> Types.SMALLINT;
      case INTEGER -> Types.INTEGER;
      case BIGINT -> Types.BIGINT;
      case DECIMAL -> Types.DECIMAL;
      case REAL -> Types.REAL;
      case DOUBLE -> Types.DOUBLE;
      case BOOLEAN -> Types.BOOLEAN;
      case CHAR -> Types.CHAR;
      case VARCHAR -> Types.VARCHAR;
      case DATE -> Types.DATE;
      case TIMESTAMP -> Types.TIMESTAMP;
      case TIMESTAMPTZ -> Types.TIMESTAMP_WITH_TIMEZONE;
    };
  }

  /** Redshift's name of the type, e.g. {@code numeric(15,2)}, {@code character varying(40)}. */
  public String redshiftName() {
    return switch (kind) {
      case SMALLINT -> "smallint";
      case INTEGER -> "integer";
      case BIGINT -> "bigint";
      case DECIMAL -> "numeric(" + precision + "," + scale + ")";
      case REAL -> "real";
      case DOUBLE -> "double precision";
      case BOOLEAN -> "boolean";
      case CHAR -> "character(" + length + ")";
      case VARCHAR -> "character varying(" + length + ")";
      case DATE -> "date";
      case TIMESTAMP -> "timestamp without time zone";
      case TIMESTAMPTZ -> "timestamp with time zone";
    };
  }

  /** Canonical short text form, parseable by {@link #parse}: {@code decimal(15,2)}, {@code varchar(40)}. */
  @Override
  public String toString() {
    return switch (kind) {
      case DECIMAL -> "decimal(" + precision + "," + scale + ")";
      case CHAR -> "char(" + length + ")";
      case VARCHAR -> "varchar(" + length + ")";
      default -> kind.name().toLowerCase(Locale.ROOT);
    };
  }

  /** Parses the form written by {@link #toString}. */
  public static SqlType parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    int open = t.indexOf('(');
    String base = open < 0 ? t : t.substring(0, open);
    String[] args = open < 0 ? new String[0] : t.substring(open + 1, t.indexOf(')')).split(",");
    return switch (base) {
      case "smallint" -> SMALLINT;
      case "integer" -> INTEGER;
      case "bigint" -> BIGINT;
      case "real" -> REAL;
      case "double" -> DOUBLE;
      case "boolean" -> BOOLEAN;
      case "date" -> DATE;
      case "timestamp" -> TIMESTAMP;
      case "timestamptz" -> TIMESTAMPTZ;
      case "decimal" -> decimal(Integer.parseInt(args[0].trim()), Integer.parseInt(args[1].trim()));
      case "char" -> character(Integer.parseInt(args[0].trim()));
      case "varchar" -> varchar(Integer.parseInt(args[0].trim()));
      default -> throw new IllegalArgumentException("unknown type text: " + text);
    };
  }
}
