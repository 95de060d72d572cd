package dev.blueshift.coordinator.jdbc;

import dev.blueshift.coordinator.engine.ResultColumn;
import dev.blueshift.types.SqlType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.DatabaseMetaData;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.ColumnMetaData.Rep;

/**
 * How engine result columns and values travel over Avatica: column metadata (JDBC type, Redshift
 * type name, precision, scale, display size) and the per-type value representation that
 * Avatica's protobuf serialization and client accessors agree on.
 *
 * <p>Representations: DATE travels as Integer days since 1970-01-01 (Avatica's
 * DateFromNumberAccessor), TIMESTAMP as Long epoch milliseconds of the wall-clock time read as
 * UTC (Avatica carries milliseconds only, so microseconds are truncated). TIMESTAMPTZ is reported
 * as JDBC TIMESTAMP (as pgjdbc does; Avatica's client cannot read TIMESTAMP_WITH_TIMEZONE through
 * getObject) with type name "timestamp with time zone", carrying the instant's UTC wall-clock
 * time, which is how Redshift shows it in a UTC session.
 * DECIMAL values are rescaled to the column's declared scale so 12 of a numeric(15,2) reads 12.00.
 */
final class JdbcColumns {
  private JdbcColumns() {}

  /** Avatica column metadata for a result's columns, ordinals from 0. */
  static List<ColumnMetaData> metaData(List<ResultColumn> columns) {
    List<ColumnMetaData> out = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      out.add(metaData(i, columns.get(i)));
    }
    return out;
  }

  static ColumnMetaData metaData(int ordinal, ResultColumn column) {
    SqlType t = column.type();
    ColumnMetaData.ScalarType type = ColumnMetaData.scalar(jdbcType(t), t.redshiftName(), rep(t));
    return new ColumnMetaData(
        ordinal,
        false,
        t.isString(),
        true,
        false,
        column.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
        isSigned(t),
        displaySize(t),
        column.name(),
        column.name(),
        null,
        precision(t),
        t.kind() == SqlType.Kind.DECIMAL ? t.scale() : 0,
        null,
        null,
        type,
        true,
        false,
        false,
        javaClassName(t));
  }

  /** The value as Avatica must carry it for a column of type {@code t}; null stays null. */
  static Object toWire(SqlType t, Object v) {
    if (v == null) {
      return null;
    }
    return switch (t.kind()) {
      case SMALLINT -> ((Number) v).shortValue();
      case INTEGER -> ((Number) v).intValue();
      case BIGINT -> ((Number) v).longValue();
      case DECIMAL -> decimal(v, t.scale());
      case REAL -> ((Number) v).floatValue();
      case DOUBLE -> ((Number) v).doubleValue();
      case BOOLEAN -> (Boolean) v;
      case CHAR, VARCHAR -> v.toString();
      case DATE -> Math.toIntExact(((LocalDate) v).toEpochDay());
      case TIMESTAMP -> ((LocalDateTime) v).toInstant(ZoneOffset.UTC).toEpochMilli();
      case TIMESTAMPTZ -> ((OffsetDateTime) v).toInstant().toEpochMilli();
    };
  }

  /** The JDBC type on the wire: {@link SqlType#jdbcType()} except TIMESTAMPTZ (see class doc). */
  static int jdbcType(SqlType t) {
    return t.kind() == SqlType.Kind.TIMESTAMPTZ ? java.sql.Types.TIMESTAMP : t.jdbcType();
  }

  private static BigDecimal decimal(Object v, int scale) {
    BigDecimal d = v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
    return d.scale() == scale ? d : d.setScale(scale, RoundingMode.HALF_UP);
  }

  private static Rep rep(SqlType t) {
    return switch (t.kind()) {
      case SMALLINT -> Rep.SHORT;
      case INTEGER, DATE -> Rep.INTEGER;
      case BIGINT, TIMESTAMP, TIMESTAMPTZ -> Rep.LONG;
      case DECIMAL -> Rep.NUMBER;
      case REAL -> Rep.FLOAT;
      case DOUBLE -> Rep.DOUBLE;
      case BOOLEAN -> Rep.BOOLEAN;
      case CHAR, VARCHAR -> Rep.STRING;
    };
  }

  private static boolean isSigned(SqlType t) {
    return switch (t.kind()) {
      case SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE -> true;
      default -> false;
    };
  }

  /**
   * Digits for numbers, characters for strings; for date-times Avatica reads it as fractional
   * second digits, and milliseconds are what it carries.
   */
  private static int precision(SqlType t) {
    return switch (t.kind()) {
      case SMALLINT -> 5;
      case INTEGER -> 10;
      case BIGINT -> 19;
      case DECIMAL -> t.precision();
      case REAL -> 8;
      case DOUBLE -> 17;
      case BOOLEAN -> 1;
      case CHAR, VARCHAR -> t.length();
      case DATE -> 0;
      case TIMESTAMP, TIMESTAMPTZ -> 3;
    };
  }

  /**
   * DatabaseMetaData.getColumns' COLUMN_SIZE: digits for numbers, characters for strings, the
   * length of the text form for date-times (JDBC's rule; unlike result-set precision above).
   */
  static int columnSize(SqlType t) {
    return switch (t.kind()) {
      case SMALLINT -> 5;
      case INTEGER -> 10;
      case BIGINT -> 19;
      case DECIMAL -> t.precision();
      case REAL -> 8;
      case DOUBLE -> 17;
      case BOOLEAN -> 1;
      case CHAR, VARCHAR -> t.length();
      case DATE -> 10;
      // yyyy-mm-dd hh:mm:ss.ffffff, and +hh for the zone
      case TIMESTAMP -> 26;
      case TIMESTAMPTZ -> 29;
    };
  }

  /** DatabaseMetaData.getColumns' DECIMAL_DIGITS: scale, fractional second digits, or null. */
  static Integer decimalDigits(SqlType t) {
    return switch (t.kind()) {
      case SMALLINT, INTEGER, BIGINT -> 0;
      case DECIMAL -> t.scale();
      case TIMESTAMP, TIMESTAMPTZ -> 6;
      default -> null;
    };
  }

  private static int displaySize(SqlType t) {
    return switch (t.kind()) {
      case SMALLINT -> 6;
      case INTEGER -> 11;
      case BIGINT -> 20;
      // sign, digits, decimal point
      case DECIMAL -> t.precision() + (t.scale() > 0 ? 2 : 1);
      case REAL -> 15;
      case DOUBLE -> 25;
      case BOOLEAN -> 5;
      case CHAR, VARCHAR -> t.length();
      case DATE -> 10;
      case TIMESTAMP -> 23;
      case TIMESTAMPTZ -> 26;
    };
  }

  private static String javaClassName(SqlType t) {
    return switch (t.kind()) {
      case SMALLINT -> Short.class.getName();
      case INTEGER -> Integer.class.getName();
      case BIGINT -> Long.class.getName();
      case DECIMAL -> BigDecimal.class.getName();
      case REAL -> Float.class.getName();
      case DOUBLE -> Double.class.getName();
      case BOOLEAN -> Boolean.class.getName();
      case CHAR, VARCHAR -> String.class.getName();
      case DATE -> java.sql.Date.class.getName();
      case TIMESTAMP, TIMESTAMPTZ -> java.sql.Timestamp.class.getName();
    };
  }
}
