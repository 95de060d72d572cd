package dev.blueshift.coordinator.plan;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/** Redshift's numeric rules: DECIMAL up to 38 digits, SUM widens, AVG keeps enough scale. */
public final class BlueshiftTypeSystem extends RelDataTypeSystemImpl {
  public static final BlueshiftTypeSystem INSTANCE = new BlueshiftTypeSystem();
  private static final int AVG_MIN_SCALE = 6;

  /** Redshift's TIMESTAMP keeps microseconds: a TIMESTAMP literal or CAST without precision has 6 digits. */
  @Override
  public int getDefaultPrecision(SqlTypeName typeName) {
    return switch (typeName) {
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> 6;
      default -> super.getDefaultPrecision(typeName);
    };
  }

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return switch (typeName) {
      case DECIMAL -> 38;
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> 6;
      default -> super.getMaxPrecision(typeName);
    };
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? 37 : super.getMaxScale(typeName);
  }

  @Override
  public RelDataType deriveSumType(RelDataTypeFactory factory, RelDataType argumentType) {
    RelDataType t = switch (argumentType.getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
      case DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL, 38, argumentType.getScale());
      case REAL, FLOAT, DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
      default -> argumentType;
    };
    return factory.createTypeWithNullability(t, argumentType.isNullable());
  }

  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory factory, RelDataType argumentType) {
    if (argumentType.getSqlTypeName() == SqlTypeName.DECIMAL) {
      int scale = Math.max(argumentType.getScale(), AVG_MIN_SCALE);
      return factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.DECIMAL, 38, scale), argumentType.isNullable());
    }
    return super.deriveAvgAggType(factory, argumentType);
  }
}
