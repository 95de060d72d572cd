package dev.blueshift.worker.exec.agg;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.protocol.AggCall;
import dev.blueshift.protocol.TypeKind;
import dev.blueshift.worker.types.ProtoTypes;
import dev.blueshift.error.SqlState;
import dev.blueshift.types.SqlType;
import java.util.List;

/**
 * The aggregate functions Blueshift runs in two phases, and the layout of their intermediate
 * state: what a PARTIAL aggregate emits and a FINAL aggregate consumes. Coordinator and workers
 * both read the layout from here.
 */
public final class AggregateFunctions {
  private AggregateFunctions() {}

  /** The state columns of one call, in order. */
  public static List<SqlType> stateTypes(String function, SqlType argType, SqlType resultType) {
    return switch (function) {
      case "count" -> List.of(SqlType.BIGINT);
      case "sum" -> List.of(resultType);
      case "avg" -> List.of(avgSumType(argType), SqlType.BIGINT);
      case "min", "max" -> List.of(argType);
      default -> throw unsupported(function);
    };
  }

  /** The state columns of a planned call (its raw argument type; COUNT(*) has none). */
  public static List<SqlType> stateTypes(AggCall call) {
    return stateTypes(call.getFunction(), argType(call), ProtoTypes.fromProto(call.getType()));
  }

  /** The raw argument's type of a call; COUNT(*) has none and counts as BIGINT. */
  public static SqlType argType(AggCall call) {
    return call.hasArgType() && call.getArgType().getKind() != TypeKind.TYPE_KIND_UNSPECIFIED
        ? ProtoTypes.fromProto(call.getArgType()) : SqlType.BIGINT;
  }

  /** The running-sum type of AVG: exact at the argument's scale, or double. */
  static SqlType avgSumType(SqlType argType) {
    return switch (argType.kind()) {
      case REAL, DOUBLE -> SqlType.DOUBLE;
      case DECIMAL -> SqlType.decimal(SqlType.MAX_DECIMAL_PRECISION, argType.scale());
      default -> SqlType.BIGINT;
    };
  }

  public static BlueshiftException unsupported(String function) {
    return new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "aggregate function " + function + " is not supported");
  }
}
