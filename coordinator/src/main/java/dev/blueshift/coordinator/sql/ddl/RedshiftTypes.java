package dev.blueshift.coordinator.sql.ddl;

import dev.blueshift.error.SqlState;
import dev.blueshift.types.SqlType;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Maps a parsed column type onto Blueshift's {@link SqlType}, with Redshift's defaults:
 * VARCHAR/TEXT without length = VARCHAR(256), CHAR without length = CHAR(1), DECIMAL without
 * precision = DECIMAL(18,0), FLOAT/FLOAT8/DOUBLE PRECISION = DOUBLE, FLOAT(p ≤ 24)/FLOAT4 = REAL.
 *
 * <p>The Redshift-only names (INT2, INT4, INT8, FLOAT4, FLOAT8, BOOL, NCHAR, BPCHAR, NVARCHAR,
 * TEXT, TIMESTAMPTZ, VARCHAR(MAX)) are already turned into standard type specs by the parser.
 */
public final class RedshiftTypes {
  /** Redshift's DECIMAL precision when none is written. */
  public static final int DEFAULT_DECIMAL_PRECISION = 18;

  private RedshiftTypes() {}

  /** The Blueshift type of {@code spec}; a BlueshiftException naming the type if unsupported. */
  public static SqlType toSqlType(SqlDataTypeSpec spec) {
    if (spec.getCollectionsTypeName() != null) {
      throw unsupported(spec);
    }
    SqlTypeNameSpec nameSpec = spec.getTypeNameSpec();
    if (!(nameSpec instanceof SqlBasicTypeNameSpec basic)) {
      throw unsupported(spec);
    }
    SqlTypeName typeName = SqlTypeName.get(basic.getTypeName().getSimple().toUpperCase(Locale.ROOT));
    if (typeName == null) {
      throw unsupported(spec);
    }
    int precision = basic.getPrecision();
    int scale = basic.getScale();
    return switch (typeName) {
      case SMALLINT -> SqlType.SMALLINT;
      case INTEGER -> SqlType.INTEGER;
      case BIGINT -> SqlType.BIGINT;
      case DECIMAL -> precision < 0
          ? SqlType.decimal(DEFAULT_DECIMAL_PRECISION, 0)
          : SqlType.decimal(precision, Math.max(scale, 0));
      case REAL -> SqlType.REAL;
      case FLOAT -> precision >= 1 && precision <= 24 ? SqlType.REAL : SqlType.DOUBLE;
      case DOUBLE -> SqlType.DOUBLE;
      case BOOLEAN -> SqlType.BOOLEAN;
      case CHAR -> SqlType.character(precision < 0 ? 1 : precision);
      case VARCHAR -> SqlType.varchar(precision < 0 ? SqlType.DEFAULT_VARCHAR_LENGTH : precision);
      case DATE -> SqlType.DATE;
      case TIMESTAMP -> SqlType.TIMESTAMP;
      case TIMESTAMP_TZ, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> SqlType.TIMESTAMPTZ;
      default -> throw unsupported(spec);
    };
  }

  private static RuntimeException unsupported(SqlDataTypeSpec spec) {
    return SqlErrors.at(SqlState.FEATURE_NOT_SUPPORTED, spec.getParserPosition(),
        "type \"" + spec + "\" is not supported; use SMALLINT, INTEGER, BIGINT, DECIMAL(p,s), REAL,"
            + " DOUBLE PRECISION, BOOLEAN, CHAR(n), VARCHAR(n), DATE, TIMESTAMP or TIMESTAMPTZ");
  }
}
