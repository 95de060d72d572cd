package dev.blueshift.coordinator.plan;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.types.SqlType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** The one mapping between Calcite's types and {@link SqlType}. */
public final class CalciteTypes {
  private CalciteTypes() {}

  public static RelDataType toCalcite(SqlType type, boolean nullable, RelDataTypeFactory factory) {
    RelDataType t = switch (type.kind()) {
      case SMALLINT -> factory.createSqlType(SqlTypeName.SMALLINT);
      case INTEGER -> factory.createSqlType(SqlTypeName.INTEGER);
      case BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
      case DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL, type.precision(), type.scale());
      case REAL -> factory.createSqlType(SqlTypeName.REAL);
      case DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
      case BOOLEAN -> factory.createSqlType(SqlTypeName.BOOLEAN);
      case CHAR -> factory.createSqlType(SqlTypeName.CHAR, type.length());
      case VARCHAR -> factory.createSqlType(SqlTypeName.VARCHAR, type.length());
      case DATE -> factory.createSqlType(SqlTypeName.DATE);
      case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, 6);
      case TIMESTAMPTZ -> factory.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 6);
    };
    return factory.createTypeWithNullability(t, nullable);
  }

  public static SqlType fromCalcite(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case TINYINT, SMALLINT -> SqlType.SMALLINT;
      case INTEGER -> SqlType.INTEGER;
      case BIGINT -> SqlType.BIGINT;
      case DECIMAL -> SqlType.decimal(Math.min(type.getPrecision(), SqlType.MAX_DECIMAL_PRECISION), type.getScale());
      case REAL -> SqlType.REAL;
      case FLOAT, DOUBLE -> SqlType.DOUBLE;
      case BOOLEAN -> SqlType.BOOLEAN;
      case CHAR -> SqlType.character(Math.max(1, type.getPrecision()));
      case VARCHAR -> SqlType.varchar(type.getPrecision() <= 0 || type.getPrecision() > SqlType.MAX_VARCHAR_LENGTH
          ? SqlType.MAX_VARCHAR_LENGTH : type.getPrecision());
      case DATE -> SqlType.DATE;
      case TIMESTAMP -> SqlType.TIMESTAMP;
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> SqlType.TIMESTAMPTZ;
      case NULL -> SqlType.varchar(SqlType.DEFAULT_VARCHAR_LENGTH);
      default -> throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED,
          "type " + type.getFullTypeString() + " is not supported here");
    };
  }
}
