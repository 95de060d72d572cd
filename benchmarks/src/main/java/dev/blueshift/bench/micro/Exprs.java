package dev.blueshift.bench.micro;

import dev.blueshift.protocol.Call;
import dev.blueshift.protocol.Expr;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.types.ProtoTypes;
import java.util.List;

/** Builds the protobuf expressions the coordinator would ship, for benchmarks of the worker's evaluators. */
final class Exprs {
  private Exprs() {}

  static Expr column(int index, SqlType type) {
    return Expr.newBuilder().setType(ProtoTypes.toProto(type, false)).setInputRef(index).build();
  }

  /** A literal in the execution representation: DECIMAL unscaled, DATE epoch days. */
  static Expr literal(long value, SqlType type) {
    return Expr.newBuilder().setType(ProtoTypes.toProto(type, false)).setLiteral(ProtoTypes.literal(value)).build();
  }

  static Expr call(String function, SqlType type, Expr... operands) {
    return Expr.newBuilder().setType(ProtoTypes.toProto(type, false))
        .setCall(Call.newBuilder().setFunction(function).addAllOperands(List.of(operands))).build();
  }
}
