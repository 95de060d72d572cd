package dev.blueshift.coordinator.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * Redshift functions that Calcite's standard table does not declare (its library tables spell names
 * in upper case, and the parser folds unquoted function names to lower case, so they never match).
 * Names are lower case: the parser folds unquoted function names, and this table matches them exactly.
 * RexToProto maps each to the worker function of the same (or a documented) name.
 */
final class RedshiftFunctions {
  private RedshiftFunctions() {}

  private static SqlFunction fn(String name, SqlReturnTypeInference ret, SqlOperandTypeChecker operands,
      SqlFunctionCategory category) {
    return new SqlFunction(name, SqlKind.OTHER_FUNCTION, ret, null, operands, category);
  }

  private static SqlFunction string(String name, SqlReturnTypeInference ret, SqlOperandTypeChecker operands) {
    return fn(name, ret, operands, SqlFunctionCategory.STRING);
  }

  private static SqlFunction numeric(String name, SqlReturnTypeInference ret, SqlOperandTypeChecker operands) {
    return fn(name, ret, operands, SqlFunctionCategory.NUMERIC);
  }

  private static SqlFunction time(String name, SqlReturnTypeInference ret, SqlOperandTypeChecker operands) {
    return fn(name, ret, operands, SqlFunctionCategory.TIMEDATE);
  }

  /** A function of a statement's start time, written without parentheses (SYSDATE) or with (GETDATE()). */
  private static SqlFunction clock(String name, SqlTypeName type, boolean bare) {
    return new SqlFunction(name, SqlKind.OTHER_FUNCTION, ReturnTypes.explicit(type, 6), null, OperandTypes.NILADIC,
        SqlFunctionCategory.TIMEDATE) {
      @Override
      public SqlSyntax getSyntax() {
        return bare ? SqlSyntax.FUNCTION_ID : SqlSyntax.FUNCTION;
      }

      @Override
      public boolean isDynamicFunction() {
        return true;
      }

      @Override
      public boolean isDeterministic() {
        return false;
      }
    };
  }

  /** VARCHAR(65535), Redshift's longest string, for results that may grow (LPAD, REPEAT, REPLACE …). */
  private static final SqlReturnTypeInference LONG_VARCHAR = ReturnTypes.cascade(
      ReturnTypes.explicit(SqlTypeName.VARCHAR, 65535), org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE);

  private static final SqlReturnTypeInference VARCHAR_OF_ARG0 = ReturnTypes.ARG0_NULLABLE_VARYING;

  private static SqlReturnTypeInference nullable(SqlTypeName type) {
    // TIMESTAMP(6): Redshift's timestamps keep microseconds
    return ReturnTypes.cascade(type == SqlTypeName.TIMESTAMP ? ReturnTypes.explicit(type, 6) : ReturnTypes.explicit(type),
        org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE);
  }

  /** The least restrictive type of the given operands (result branches of NVL2 and DECODE), nullable. */
  private static RelDataType leastRestrictive(SqlOperatorBinding b, List<Integer> indexes) {
    List<RelDataType> types = new ArrayList<>();
    for (int i : indexes) {
      types.add(b.getOperandType(i));
    }
    RelDataTypeFactory f = b.getTypeFactory();
    RelDataType t = f.leastRestrictive(types);
    if (t == null) {
      throw new IllegalArgumentException("result types of " + b.getOperator().getName() + " do not agree: " + types);
    }
    if (t.getSqlTypeName() == SqlTypeName.CHAR) {
      // text literals are CHAR(n) to Calcite, but Redshift's are VARCHAR: 'set' and 'unset' are not blank-padded
      t = f.createSqlType(SqlTypeName.VARCHAR, t.getPrecision());
    }
    return f.createTypeWithNullability(t, true);
  }

  private static final SqlReturnTypeInference NVL2_TYPE = b -> leastRestrictive(b, List.of(1, 2));

  /** DECODE(expr, search1, result1, …[, default]): results at 2, 4, …, and the default last. */
  private static final SqlReturnTypeInference DECODE_TYPE = b -> {
    List<Integer> results = new ArrayList<>();
    int n = b.getOperandCount();
    for (int i = 2; i < n; i += 2) {
      results.add(i);
    }
    if (n % 2 == 0) {
      results.add(n - 1);
    }
    return leastRestrictive(b, results);
  };

  /** TRUNC(number[, digits]) keeps the number's type; TRUNC(timestamp) is its date. */
  private static final SqlReturnTypeInference TRUNC_TYPE = b -> {
    RelDataType t = b.getOperandType(0);
    if (t.getSqlTypeName() == SqlTypeName.TIMESTAMP || t.getSqlTypeName() == SqlTypeName.DATE) {
      return b.getTypeFactory().createTypeWithNullability(b.getTypeFactory().createSqlType(SqlTypeName.DATE), t.isNullable());
    }
    return t;
  };

  /** TO_NUMBER(text, format): DECIMAL(38, s) with s the digits after the format's decimal point. */
  private static final SqlReturnTypeInference TO_NUMBER_TYPE = b -> {
    int scale = 0;
    if (b.isOperandLiteral(1, false)) {
      String f = b.getOperandLiteralValue(1, String.class);
      int point = f == null ? -1 : Math.max(f.indexOf('.'), f.indexOf('D'));
      if (point >= 0) {
        scale = (int) f.substring(point + 1).chars().filter(c -> c == '9' || c == '0').count();
      }
    }
    RelDataTypeFactory f = b.getTypeFactory();
    return f.createTypeWithNullability(f.createSqlType(SqlTypeName.DECIMAL, 38, scale), true);
  };

  private static final SqlOperandTypeChecker STRING = OperandTypes.family(SqlTypeFamily.STRING);
  private static final SqlOperandTypeChecker STRING_STRING = OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.STRING);
  private static final SqlOperandTypeChecker STRING_INT = OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.INTEGER);
  private static final SqlOperandTypeChecker ANY_STRING = OperandTypes.family(SqlTypeFamily.ANY, SqlTypeFamily.STRING);

  static final SqlOperatorTable TABLE = SqlOperatorTables.of(
      string("len", ReturnTypes.INTEGER_NULLABLE, STRING),
      string("length", ReturnTypes.INTEGER_NULLABLE, STRING),
      // conditionals
      fn("nvl2", NVL2_TYPE, OperandTypes.family(SqlTypeFamily.ANY, SqlTypeFamily.ANY, SqlTypeFamily.ANY),
          SqlFunctionCategory.SYSTEM),
      fn("decode", DECODE_TYPE, OperandTypes.VARIADIC, SqlFunctionCategory.SYSTEM),
      fn("greatest", ReturnTypes.LEAST_RESTRICTIVE, OperandTypes.SAME_VARIADIC, SqlFunctionCategory.SYSTEM),
      fn("least", ReturnTypes.LEAST_RESTRICTIVE, OperandTypes.SAME_VARIADIC, SqlFunctionCategory.SYSTEM),
      // math
      numeric("trunc", TRUNC_TYPE, OperandTypes.or(OperandTypes.NUMERIC_OPTIONAL_INTEGER, OperandTypes.DATETIME)),
      numeric("pow", ReturnTypes.DOUBLE_NULLABLE, OperandTypes.NUMERIC_NUMERIC),
      numeric("log", ReturnTypes.DOUBLE_NULLABLE, OperandTypes.NUMERIC),
      numeric("dlog10", ReturnTypes.DOUBLE_NULLABLE, OperandTypes.NUMERIC),
      numeric("dlog1", ReturnTypes.DOUBLE_NULLABLE, OperandTypes.NUMERIC),
      numeric("dexp", ReturnTypes.DOUBLE_NULLABLE, OperandTypes.NUMERIC),
      new SqlFunction("random", SqlKind.OTHER_FUNCTION, ReturnTypes.DOUBLE, null, OperandTypes.NILADIC,
          SqlFunctionCategory.NUMERIC) {
        @Override
        public boolean isDeterministic() {
          return false;
        }
      },
      // strings
      string("strpos", ReturnTypes.INTEGER_NULLABLE, STRING_STRING),
      string("charindex", ReturnTypes.INTEGER_NULLABLE, STRING_STRING),
      string("split_part", VARCHAR_OF_ARG0, OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.STRING,
          SqlTypeFamily.INTEGER)),
      string("left", VARCHAR_OF_ARG0, STRING_INT),
      string("right", VARCHAR_OF_ARG0, STRING_INT),
      string("lpad", LONG_VARCHAR, OperandTypes.or(STRING_INT,
          OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.INTEGER, SqlTypeFamily.STRING))),
      string("rpad", LONG_VARCHAR, OperandTypes.or(STRING_INT,
          OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.INTEGER, SqlTypeFamily.STRING))),
      string("reverse", VARCHAR_OF_ARG0, STRING),
      string("repeat", LONG_VARCHAR, STRING_INT),
      string("replicate", LONG_VARCHAR, STRING_INT),
      string("chr", ReturnTypes.cascade(ReturnTypes.explicit(SqlTypeName.VARCHAR, 1),
          org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE), OperandTypes.family(SqlTypeFamily.INTEGER)),
      string("btrim", VARCHAR_OF_ARG0, OperandTypes.or(STRING, STRING_STRING)),
      string("ltrim", VARCHAR_OF_ARG0, OperandTypes.or(STRING, STRING_STRING)),
      string("rtrim", VARCHAR_OF_ARG0, OperandTypes.or(STRING, STRING_STRING)),
      string("regexp_substr", VARCHAR_OF_ARG0, OperandTypes.or(STRING_STRING,
          OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.STRING, SqlTypeFamily.INTEGER),
          OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.STRING, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER))),
      string("regexp_instr", ReturnTypes.INTEGER_NULLABLE, OperandTypes.or(STRING_STRING,
          OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.STRING, SqlTypeFamily.INTEGER),
          OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.STRING, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER))),
      string("regexp_count", ReturnTypes.INTEGER_NULLABLE, OperandTypes.or(STRING_STRING,
          OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.STRING, SqlTypeFamily.INTEGER))),
      string("regexp_replace", LONG_VARCHAR, OperandTypes.or(STRING_STRING,
          OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.STRING, SqlTypeFamily.STRING),
          OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.STRING, SqlTypeFamily.STRING, SqlTypeFamily.INTEGER))),
      string("md5", ReturnTypes.cascade(ReturnTypes.explicit(SqlTypeName.VARCHAR, 32),
          org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE), STRING),
      string("concat", LONG_VARCHAR, OperandTypes.family(SqlTypeFamily.ANY, SqlTypeFamily.ANY)),
      string("substr", VARCHAR_OF_ARG0, OperandTypes.or(STRING_INT,
          OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER))),
      string("textlen", ReturnTypes.INTEGER_NULLABLE, STRING),
      // date/time
      time("date_trunc", nullable(SqlTypeName.TIMESTAMP), OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.DATETIME)),
      // the parser keeps DATE_TRUNC (one of its keywords) in upper case
      time("DATE_TRUNC", nullable(SqlTypeName.TIMESTAMP), OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.DATETIME)),
      time("date_part", nullable(SqlTypeName.DOUBLE), OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.DATETIME)),
      time("add_months", nullable(SqlTypeName.TIMESTAMP), OperandTypes.family(SqlTypeFamily.DATETIME, SqlTypeFamily.INTEGER)),
      time("months_between", nullable(SqlTypeName.DOUBLE), OperandTypes.family(SqlTypeFamily.DATETIME, SqlTypeFamily.DATETIME)),
      time("to_char", LONG_VARCHAR, ANY_STRING),
      time("to_date", nullable(SqlTypeName.DATE), STRING_STRING),
      time("to_timestamp", nullable(SqlTypeName.TIMESTAMP), STRING_STRING),
      numeric("to_number", TO_NUMBER_TYPE, STRING_STRING),
      clock("getdate", SqlTypeName.TIMESTAMP, false),
      clock("sysdate", SqlTypeName.TIMESTAMP, true));
}
