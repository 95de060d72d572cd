package dev.blueshift.coordinator.plan;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.Call;
import dev.blueshift.protocol.Expr;
import dev.blueshift.protocol.Literal;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.types.ProtoTypes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

/** Translates Calcite row expressions into protobuf expression trees the workers compile. */
public final class RexToProto {
  private final RexBuilder rexBuilder;
  /** The statement's start time (UTC epoch microseconds): GETDATE(), SYSDATE, CURRENT_DATE … are this constant. */
  private final long statementMicros;

  public RexToProto(RexBuilder rexBuilder) {
    this.rexBuilder = rexBuilder;
    java.time.Instant now = java.time.Instant.now();
    this.statementMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  public Expr convert(RexNode node) {
    RexNode expanded = RexUtil.expandSearch(rexBuilder, null, node);
    return toExpr(expanded);
  }

  private Expr toExpr(RexNode node) {
    if (node instanceof RexInputRef ref) {
      return Expr.newBuilder().setType(type(node)).setInputRef(ref.getIndex()).build();
    }
    if (node instanceof RexLiteral lit) {
      return literal(lit);
    }
    if (node instanceof RexCall call) {
      return call(call);
    }
    throw unsupported(node.toString());
  }

  private dev.blueshift.protocol.DataType type(RexNode node) {
    return ProtoTypes.toProto(CalciteTypes.fromCalcite(node.getType()), node.getType().isNullable());
  }

  private Expr literal(RexLiteral lit) {
    SqlType type = CalciteTypes.fromCalcite(lit.getType());
    Expr.Builder b = Expr.newBuilder().setType(ProtoTypes.toProto(type, true));
    if (lit.isNull()) {
      return b.setLiteral(Literal.newBuilder().setIsNull(true)).build();
    }
    Object value = switch (type.kind()) {
      case SMALLINT, INTEGER, BIGINT -> lit.getValueAs(Long.class);
      case DECIMAL -> lit.getValueAs(BigDecimal.class).setScale(type.scale(), RoundingMode.HALF_UP).unscaledValue().longValueExact();
      case REAL, DOUBLE -> lit.getValueAs(Double.class);
      case BOOLEAN -> lit.getValueAs(Boolean.class);
      case CHAR -> rtrim(lit.getValueAs(String.class));
      case VARCHAR -> lit.getValueAs(String.class);
      case DATE -> (long) lit.getValueAs(DateString.class).getDaysSinceEpoch();
      case TIMESTAMP, TIMESTAMPTZ -> micros(lit.getValueAs(TimestampString.class));
    };
    return b.setLiteral(ProtoTypes.literal(value)).build();
  }

  private static String rtrim(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }

  private Expr call(RexCall call) {
    List<RexNode> ops = call.getOperands();
    SqlKind kind = call.getKind();
    return switch (kind) {
      case EQUALS -> fn("=", call, ops);
      case NOT_EQUALS -> fn("<>", call, ops);
      case LESS_THAN -> fn("<", call, ops);
      case LESS_THAN_OR_EQUAL -> fn("<=", call, ops);
      case GREATER_THAN -> fn(">", call, ops);
      case GREATER_THAN_OR_EQUAL -> fn(">=", call, ops);
      case AND -> fn("and", call, ops);
      case OR -> fn("or", call, ops);
      case NOT -> fn("not", call, ops);
      case IS_NULL -> fn("is_null", call, ops);
      case IS_NOT_NULL -> fn("is_not_null", call, ops);
      case IS_NOT_DISTINCT_FROM -> toExpr(notDistinct(ops.get(0), ops.get(1)));
      case IS_DISTINCT_FROM -> toExpr(rexBuilder.makeCall(SqlStdOperatorTable.NOT, notDistinct(ops.get(0), ops.get(1))));
      case IS_TRUE -> fn("coalesce", call, List.of(ops.get(0), rexBuilder.makeLiteral(false)));
      case IS_NOT_FALSE -> fn("coalesce", call, List.of(ops.get(0), rexBuilder.makeLiteral(true)));
      case IS_NOT_TRUE -> toExpr(rexBuilder.makeCall(SqlStdOperatorTable.NOT,
          rexBuilder.makeCall(SqlStdOperatorTable.COALESCE, ops.get(0), rexBuilder.makeLiteral(false))));
      case IS_FALSE -> toExpr(rexBuilder.makeCall(SqlStdOperatorTable.NOT,
          rexBuilder.makeCall(SqlStdOperatorTable.COALESCE, ops.get(0), rexBuilder.makeLiteral(true))));
      case PLUS, MINUS -> plusMinus(call, ops, kind == SqlKind.PLUS);
      case TIMES -> fn("*", call, ops);
      case DIVIDE -> fn("/", call, ops);
      case MOD -> fn("%", call, ops);
      case MINUS_PREFIX -> fn("negate", call, ops);
      case PLUS_PREFIX -> toExpr(ops.get(0));
      case CAST -> fn("cast", call, ops);
      case LIKE -> fn(call.getOperator().getName().equalsIgnoreCase("ILIKE") ? "ilike" : "like", call, ops.subList(0, 2));
      case CASE -> fn("case", call, ops);
      case COALESCE -> fn("coalesce", call, ops);
      case EXTRACT -> extract(call, ops);
      case SIMILAR -> fn("similar_to", call, ops.subList(0, 2));
      case POSITION -> fn("position", call, ops.subList(0, 2));
      case TRIM -> trim(call, ops);
      default -> named(call, ops); // functions by name; unknown ones are refused there
    };
  }

  /** Epoch microseconds of a timestamp literal, fraction included (Calcite's millis would drop it). */
  private static long micros(TimestampString ts) {
    java.time.LocalDateTime t = java.time.LocalDateTime.parse(ts.toString().replace(' ', 'T'));
    return t.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
  }

  /** {@code a IS NOT DISTINCT FROM b}: equal, or both NULL; never NULL itself. */
  private RexNode notDistinct(RexNode a, RexNode b) {
    RexNode aNull = rexBuilder.makeCall(SqlStdOperatorTable.IS_NULL, a);
    RexNode bNull = rexBuilder.makeCall(SqlStdOperatorTable.IS_NULL, b);
    return rexBuilder.makeCall(SqlStdOperatorTable.CASE,
        aNull, bNull,
        bNull, rexBuilder.makeLiteral(false),
        rexBuilder.makeCall(SqlStdOperatorTable.EQUALS, a, b));
  }

  private Expr named(RexCall call, List<RexNode> ops) {
    String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "substring", "substr" -> fn("substring", call, ops);
      case "upper", "lower", "abs" -> fn(name, call, ops);
      case "char_length", "character_length", "length", "len", "textlen" -> fn("length", call, ops);
      case "||", "concat" -> fn("||", call, ops);
      case "nvl" -> fn("coalesce", call, ops);
      case "nvl2" -> fn("case", call, List.of(rexBuilder.makeCall(SqlStdOperatorTable.IS_NOT_NULL, ops.get(0)),
          ops.get(1), ops.get(2)));
      case "decode" -> decode(call, ops);
      case "greatest", "least", "round", "trunc", "ceil", "floor", "sign", "cbrt", "ln", "exp", "power", "pi",
          "random", "strpos", "charindex", "split_part", "left", "right", "lpad", "rpad", "replace", "reverse",
          "repeat", "initcap", "ascii", "chr", "btrim", "ltrim", "rtrim", "regexp_substr", "regexp_count",
          "regexp_replace", "regexp_instr", "md5", "date_trunc", "date_part", "last_day", "months_between", "to_char",
          "to_date", "to_timestamp", "to_number" -> fn(name, call, ops);
      case "ceiling" -> fn("ceil", call, ops);
      case "pow" -> fn("power", call, ops);
      case "sqrt" -> fn("sqrt", call, ops);
      case "log", "dlog10" -> fn("log", call, ops);
      case "dlog1" -> fn("ln", call, ops);
      case "dexp" -> fn("exp", call, ops);
      case "replicate" -> fn("repeat", call, ops);
      case "translate3" -> fn("translate", call, ops);
      case "add_months" -> fn("add_months_eom", call, ops);
      case "octet_length" -> fn("octet_length", call, List.of(stripBinaryCast(ops.get(0))));
      case "dateadd" -> fn(name, call, List.of(unitLiteral(ops.get(0)), ops.get(1), ops.get(2)));
      case "datediff" -> fn(name, call, List.of(unitLiteral(ops.get(0)), uncastToDate(ops.get(1)), uncastToDate(ops.get(2))));
      case "current_date" -> clock(SqlType.DATE, Math.floorDiv(statementMicros, 86_400_000_000L));
      case "current_timestamp", "localtimestamp", "getdate", "sysdate", "now" -> clock(CalciteTypes.fromCalcite(call.getType()),
          statementMicros);
      default -> throw unsupported(call.getOperator().getName());
    };
  }

  /** A statement-time constant (the same on every worker and for every row). */
  private static Expr clock(SqlType type, long value) {
    return Expr.newBuilder().setType(ProtoTypes.toProto(type, false)).setLiteral(ProtoTypes.literal(value)).build();
  }

  /** A date part given as a keyword (Calcite's time-unit flag) or as text, as a text literal. */
  private RexNode unitLiteral(RexNode unit) {
    if (unit instanceof RexLiteral lit && !(lit.getValue() instanceof org.apache.calcite.util.NlsString)) {
      return rexBuilder.makeLiteral(String.valueOf(lit.getValue()).toLowerCase(Locale.ROOT));
    }
    return unit;
  }

  /**
   * Calcite's DATEDIFF declares DATE operands and casts timestamps down to their date; Redshift's
   * counts hour, minute … boundaries between the timestamps themselves.
   */
  private static RexNode uncastToDate(RexNode n) {
    if (n instanceof RexCall c && c.getKind() == SqlKind.CAST && c.getType().getSqlTypeName() == SqlTypeName.DATE
        && c.getOperands().get(0).getType().getSqlTypeName() == SqlTypeName.TIMESTAMP) {
      return c.getOperands().get(0);
    }
    return n;
  }

  /** OCTET_LENGTH's operand arrives cast to VARBINARY; workers count the UTF-8 bytes of the text itself. */
  private static RexNode stripBinaryCast(RexNode n) {
    if (n instanceof RexCall c && c.getKind() == SqlKind.CAST
        && c.getType().getSqlTypeName().getFamily() == SqlTypeFamily.BINARY) {
      return c.getOperands().get(0);
    }
    return n;
  }

  /**
   * DECODE(expr, search1, result1, …[, default]) as CASE WHEN expr IS NOT DISTINCT FROM search1 THEN
   * result1 … ELSE default END: Redshift's DECODE matches a NULL search value to a NULL expression.
   */
  private Expr decode(RexCall call, List<RexNode> ops) {
    List<RexNode> branches = new java.util.ArrayList<>();
    int i = 1;
    for (; i + 1 < ops.size(); i += 2) {
      RexNode search = ops.get(i);
      branches.add(search instanceof RexLiteral lit && lit.isNull()
          ? rexBuilder.makeCall(SqlStdOperatorTable.IS_NULL, ops.get(0)) : notDistinct(ops.get(0), search));
      branches.add(ops.get(i + 1));
    }
    branches.add(i < ops.size() ? ops.get(i) : rexBuilder.makeNullLiteral(call.getType()));
    return fn("case", call, branches);
  }

  private Expr extract(RexCall call, List<RexNode> ops) {
    TimeUnitRange unit = ((RexLiteral) ops.get(0)).getValueAs(TimeUnitRange.class);
    String f = switch (unit) {
      case YEAR -> "extract_year";
      case MONTH -> "extract_month";
      case DAY -> "extract_day";
      case QUARTER, WEEK, DOW, ISODOW, DOY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, EPOCH, DECADE, CENTURY,
          MILLENNIUM -> null;
      default -> throw unsupported("EXTRACT(" + unit + ")");
    };
    if (f != null) {
      return fn(f, call, ops.subList(1, 2));
    }
    return fn("date_part", call, List.of(rexBuilder.makeLiteral(unit.name().toLowerCase(Locale.ROOT)), ops.get(1)));
  }

  private Expr trim(RexCall call, List<RexNode> ops) {
    String flag = ((RexLiteral) ops.get(0)).getValue().toString().toLowerCase(Locale.ROOT);
    boolean spaces = ops.get(1) instanceof RexLiteral lit && " ".equals(lit.getValueAs(String.class));
    String f = switch (flag) {
      case "leading" -> "ltrim";
      case "trailing" -> "rtrim";
      default -> spaces ? "trim" : "btrim";
    };
    return spaces ? fn(f, call, ops.subList(2, 3)) : fn(f, call, List.of(ops.get(2), ops.get(1)));
  }

  /** + and -, including date/timestamp plus or minus an interval (calendar arithmetic). */
  private Expr plusMinus(RexCall call, List<RexNode> ops, boolean plus) {
    RexNode a = ops.get(0);
    RexNode b = ops.get(1);
    if (isInterval(a) && plus) {
      RexNode t = a;
      a = b;
      b = t;
    }
    if (isInterval(b)) {
      boolean months = b.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH;
      if (!(b instanceof RexLiteral lit)) {
        throw unsupported("interval arithmetic on non-constant intervals");
      }
      long raw = lit.getValueAs(Long.class);
      long amount = months ? raw : Math.floorDiv(raw, 86_400_000L);
      if (!months && raw % 86_400_000L != 0) {
        // a part of a day: microseconds added to a timestamp
        Expr micros = Expr.newBuilder().setType(ProtoTypes.toProto(SqlType.BIGINT, false))
            .setLiteral(ProtoTypes.literal(plus ? raw * 1000 : -raw * 1000)).build();
        return Expr.newBuilder().setType(type(call))
            .setCall(Call.newBuilder().setFunction("add_micros").addOperands(toExpr(a)).addOperands(micros)).build();
      }
      Expr n = Expr.newBuilder().setType(ProtoTypes.toProto(SqlType.BIGINT, false))
          .setLiteral(ProtoTypes.literal(plus ? amount : -amount)).build();
      return Expr.newBuilder().setType(type(call))
          .setCall(Call.newBuilder().setFunction(months ? "add_months" : "add_days").addOperands(toExpr(a)).addOperands(n))
          .build();
    }
    return fn(plus ? "+" : "-", call, ops);
  }

  private static boolean isInterval(RexNode n) {
    SqlTypeName t = n.getType().getSqlTypeName();
    return t.getFamily() == SqlTypeFamily.INTERVAL_DAY_TIME || t.getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH;
  }

  private Expr fn(String name, RexNode call, List<RexNode> ops) {
    Call.Builder c = Call.newBuilder().setFunction(name);
    for (RexNode op : ops) {
      c.addOperands(toExpr(op));
    }
    return Expr.newBuilder().setType(type(call)).setCall(c).build();
  }

  private static BlueshiftException unsupported(String what) {
    return new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "function or expression " + what + " is not supported yet");
  }
}
