package dev.blueshift.worker.exec.expr;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.Expr;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.types.ProtoTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Compiles protobuf expression trees into batch {@link Evaluator}s, checking names and types. */
public final class ExprCompiler {
  private ExprCompiler() {}

  public static Evaluator compile(Expr expr, List<SqlType> inputTypes) {
    SqlType type = ProtoTypes.fromProto(expr.getType());
    return switch (expr.getKindCase()) {
      case INPUT_REF -> {
        int index = expr.getInputRef();
        if (index < 0 || index >= inputTypes.size()) {
          throw new BlueshiftException(SqlState.INTERNAL_ERROR, "input reference $" + index + " out of range");
        }
        yield new Functions.InputRef(index, inputTypes.get(index));
      }
      case LITERAL -> new Functions.Constant(type, ProtoTypes.value(expr.getLiteral()));
      case CALL -> call(expr.getCall().getFunction().toLowerCase(Locale.ROOT), compileAll(expr.getCall().getOperandsList(), inputTypes), type);
      case KIND_NOT_SET -> throw new BlueshiftException(SqlState.INTERNAL_ERROR, "empty expression");
    };
  }

  private static List<Evaluator> compileAll(List<Expr> exprs, List<SqlType> inputTypes) {
    List<Evaluator> out = new ArrayList<>(exprs.size());
    for (Expr e : exprs) {
      out.add(compile(e, inputTypes));
    }
    return out;
  }

  private static Evaluator call(String fn, List<Evaluator> args, SqlType type) {
    return switch (fn) {
      case "=", "<>", "<", "<=", ">", ">=" -> new Functions.Comparison(fn, args.get(0), args.get(1));
      case "and" -> new Functions.And(args);
      case "or" -> new Functions.Or(args);
      case "not" -> new Functions.Not(args.get(0));
      case "is_null" -> new Functions.IsNull(args.get(0), false);
      case "is_not_null" -> new Functions.IsNull(args.get(0), true);
      case "+", "-", "*", "/", "%" -> new Functions.Arithmetic(fn, args.get(0), args.get(1), type);
      case "negate" -> new Functions.Arithmetic("-", new Functions.Constant(args.get(0).type(), zero(args.get(0).type())), args.get(0), type);
      case "cast" -> coerce(args.get(0), type);
      case "abs" -> {
        // CASE WHEN x < 0 THEN 0 - x ELSE x END, with the arithmetic's own overflow checks
        Evaluator x = args.get(0);
        Evaluator zero = new Functions.Constant(x.type(), zero(x.type()));
        yield new Functions.Case(coerceBranches(List.of(new Functions.Comparison("<", x, zero),
            new Functions.Arithmetic("-", zero, x, type), x), type), type);
      }
      case "like" -> new Functions.Like(args.get(0), args.get(1), false);
      case "ilike" -> new Functions.Like(args.get(0), args.get(1), true);
      case "case" -> new Functions.Case(coerceBranches(args, type), type);
      case "coalesce" -> new Functions.Coalesce(coerceAll(args, type), type);
      case "add_days", "add_months" -> new Functions.DateAdd(fn.equals("add_months"), args.get(0), args.get(1), type);
      case "extract_year", "extract_month", "extract_day" -> new Functions.Extract(fn.substring(8), args.get(0));
      case "substring" -> new Functions.Substring(args, type);
      case "ltrim", "rtrim" -> args.size() > 1 ? new StringFunctions.StringCall(fn, args, type)
          : new Functions.StringFunction(fn, args.get(0), type);
      case "upper", "lower", "trim", "length" -> new Functions.StringFunction(fn, args.get(0), type);
      case "||", "concat" -> new Functions.Concat(args, type);
      case "greatest", "least" -> new ChoiceFunctions.Extremum(coerceAll(args, type), type, fn.equals("greatest"));
      case "round" -> new MathFunctions.Rounding(MathFunctions.RoundMode.ROUND, args, type);
      case "trunc" -> new MathFunctions.Rounding(MathFunctions.RoundMode.TRUNC, args, type);
      case "ceil" -> new MathFunctions.Rounding(MathFunctions.RoundMode.CEIL, args, type);
      case "floor" -> new MathFunctions.Rounding(MathFunctions.RoundMode.FLOOR, args, type);
      case "sqrt", "cbrt", "ln", "log", "exp", "power" -> new MathFunctions.DoubleFunction(fn, args, type);
      case "sign" -> Evaluators.isFloating(args.get(0).type())
          ? new MathFunctions.DoubleFunction("sign", args, type) : new MathFunctions.ExactSign(args.get(0), type);
      case "pi" -> new Functions.Constant(type, Math.PI);
      case "random" -> new MathFunctions.Random(type);
      case "date_trunc" -> new DateFunctions.DateTrunc(args, type);
      case "date_part" -> new DateFunctions.DatePart(args, type);
      case "dateadd" -> new DateFunctions.DateAddUnit(args, type);
      case "datediff" -> new DateFunctions.DateDiff(args, type);
      case "add_months_eom", "last_day", "months_between", "add_micros", "date_diff_days" ->
          new DateFunctions.DateCall(fn, args, type);
      case "to_char", "to_date", "to_timestamp", "to_number" -> new DateFunctions.Formatting(fn, args, type);
      default -> {
        if (StringFunctions.NAMES.contains(fn)) {
          yield new StringFunctions.StringCall(fn, args, type);
        }
        throw new BlueshiftException(SqlState.UNDEFINED_FUNCTION, "function " + fn + " is not supported");
      }
    };
  }

  private static Object zero(SqlType type) {
    return Evaluators.isFloating(type) ? (Object) 0.0 : (Object) 0L;
  }

  /** Wraps an evaluator with a cast when its type differs from the target. */
  public static Evaluator coerce(Evaluator e, SqlType target) {
    if (e.type().equals(target)) {
      return e;
    }
    if (e instanceof Functions.Constant c) {
      return new Functions.Constant(target, Casts.cast(c.value(), c.type(), target));
    }
    return new Functions.Cast(e, target);
  }

  private static List<Evaluator> coerceAll(List<Evaluator> args, SqlType target) {
    List<Evaluator> out = new ArrayList<>(args.size());
    for (Evaluator e : args) {
      out.add(coerce(e, target));
    }
    return out;
  }

  /** CASE operands: when1, then1, when2, then2, …, else — coerce the THEN/ELSE values. */
  private static List<Evaluator> coerceBranches(List<Evaluator> args, SqlType target) {
    List<Evaluator> out = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      boolean isValue = i % 2 == 1 || i == args.size() - 1;
      out.add(isValue ? coerce(args.get(i), target) : args.get(i));
    }
    return out;
  }
}
