package dev.blueshift.sqltests.differential;

import dev.blueshift.sqltests.differential.RandomQuery.And;
import dev.blueshift.sqltests.differential.RandomQuery.Atom;
import dev.blueshift.sqltests.differential.RandomQuery.Item;
import dev.blueshift.sqltests.differential.RandomQuery.Join;
import dev.blueshift.sqltests.differential.RandomQuery.Not;
import dev.blueshift.sqltests.differential.RandomQuery.Or;
import dev.blueshift.sqltests.differential.RandomQuery.Pred;
import dev.blueshift.sqltests.differential.RandomQuery.Select;
import dev.blueshift.sqltests.differential.RandomQuery.SetOp;
import dev.blueshift.sqltests.differential.RandomTables.Category;
import dev.blueshift.sqltests.differential.RandomTables.ColType;
import dev.blueshift.sqltests.differential.RandomTables.Column;
import dev.blueshift.sqltests.differential.RandomTables.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Random queries over {@link RandomTables} from a small grammar whose meaning is the same on
 * Redshift/PostgreSQL and on DuckDB. What is left out on purpose, and why:
 * <ul>
 *   <li>{@code /}: integer division truncates in Redshift, not in DuckDB;
 *   <li>{@code AVG} of a non-double: Redshift's AVG of integers is an integer and of DECIMAL keeps
 *       the scale, DuckDB's is a double, so AVG is always over {@code CAST(x AS DOUBLE PRECISION)};
 *   <li>ORDER BY always names NULLS FIRST/LAST (the defaults differ); LIMIT only under an ORDER BY of
 *       every output column; ROW_NUMBER only ordered by a unique column last;
 *   <li>casts from floating point to integer (PostgreSQL rounds half to even), from BOOLEAN to text,
 *       and string functions on CHAR (blank padding);
 *   <li>comparisons between CHAR and VARCHAR, and set operations mixing them.
 * </ul>
 * Constructs that Blueshift gets wrong today are excluded through {@link Exclusions}, each naming
 * its entry in {@code /work/notes/engine-bugs.md}.
 */
final class QueryGenerator {

  /**
   * Constructs left out because of known engine bugs; {@code -Ddiff.knownBugs=true} generates them
   * anyway (to check whether they are fixed).
   */
  static final class Exclusions {
    static final boolean INCLUDE_KNOWN_BUGS = Boolean.getBoolean("diff.knownBugs");
    /** SQLT-1: LENGTH(varchar) is "No match found for function signature length(<CHARACTER>)". */
    static final boolean SQLT_1_LENGTH = false; // fixed in be225fd; set back to !INCLUDE_KNOWN_BUGS if it regresses
    /** SQLT-2: a set operation whose output repeats a column name fails under ORDER BY ("ambiguous"). */
    static final boolean SQLT_2_SETOP_DUPLICATE_NAMES = !INCLUDE_KNOWN_BUGS;
    /** SQLT-3: without GROUP BY, COUNT(…) beside a COUNT(DISTINCT …) is NULL instead of 0 on no rows. */
    static final boolean SQLT_3_GLOBAL_COUNT_DISTINCT = false; // fixed in be225fd
    /** SQLT-4: a comparison of a CASE with non-literal branches fails ("IS NOT TRUE is not supported yet"). */
    static final boolean SQLT_4_CASE_IN_COMPARISON = false; // fixed in be225fd
    /** SQLT-5: NOT EXISTS correlated on keys of different integer types fails for some inner predicates. */
    static final boolean SQLT_5_CORRELATION_ACROSS_INT_TYPES = !INCLUDE_KNOWN_BUGS;

    private Exclusions() {}
  }

  /** A column as seen in a query: {@code alias.name}. */
  record Ref(String alias, Column column) {
    String sql() {
      return alias + "." + column.name();
    }

    Category category() {
      return column.type().category;
    }
  }

  /** An expression and what it yields. */
  record Expr(String sql, Category category) {}

  private final Random r;
  private final List<Table> tables;
  private int aliasCounter;

  QueryGenerator(Random r, List<Table> tables) {
    this.r = r;
    this.tables = tables;
  }

  RandomQuery next() {
    aliasCounter = 0;
    int kind = r.nextInt(100);
    if (kind < 27) {
      return plain();
    } else if (kind < 52) {
      return aggregate();
    } else if (kind < 66) {
      return window();
    } else if (kind < 80) {
      return setOp();
    } else if (kind < 90) {
      return derived();
    }
    return scalarSubquerySelect();
  }

  /** {@code n} or {@code n OFFSET m}. */
  private String limit(int max) {
    int n = 1 + r.nextInt(max);
    return r.nextInt(4) == 0 ? n + " OFFSET " + r.nextInt(5) : String.valueOf(n);
  }

  /** A representative column type of each category, for the columns of a derived table. */
  private static ColType typeOf(Category c) {
    return switch (c) {
      case INT -> ColType.BIGINT;
      case DEC -> ColType.DEC_18_4;
      case FLOAT -> ColType.DOUBLE;
      case BOOL -> ColType.BOOLEAN;
      case CHAR -> ColType.CHAR;
      case VARCHAR -> ColType.VARCHAR;
      case DATE -> ColType.DATE;
      case TS -> ColType.TIMESTAMP;
    };
  }

  /**
   * A query over a derived table: {@code SELECT … FROM (SELECT [DISTINCT] e0 AS d0, … FROM … [GROUP
   * BY …]) d WHERE … [GROUP BY …]}.
   */
  private Select derived() {
    List<Ref> inner = new ArrayList<>();
    String[] from = new String[2];
    List<Join> joins = from(inner, from, r.nextInt(2));
    List<String> exprs = new ArrayList<>();
    List<Column> columns = new ArrayList<>();
    List<String> groupBy = new ArrayList<>();
    boolean grouped = r.nextInt(3) == 0;
    int n = 2 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      Expr e;
      if (grouped && i > 0) {
        String agg = aggregate(inner, false);
        e = new Expr(agg, agg.startsWith("COUNT") ? Category.INT : agg.startsWith("AVG") ? Category.FLOAT
            : Category.DEC);
        if (agg.startsWith("MIN(") || agg.startsWith("MAX(") || agg.startsWith("SUM(")) {
          String arg = agg.substring(4, agg.length() - 1);
          e = new Expr(agg, inner.stream().filter(x -> x.sql().equals(arg)).map(Ref::category).findFirst()
              .orElse(Category.DEC));
        }
      } else {
        // the outer query compares these columns: a CASE among them is SQLT-4
        e = expr(inner, 1, !Exclusions.SQLT_4_CASE_IN_COMPARISON);
        if (grouped) {
          groupBy.add(e.sql());
        }
      }
      exprs.add(e.sql() + " AS d" + i);
      columns.add(new Column("d" + i, typeOf(e.category())));
    }
    Pred innerWhere = r.nextBoolean() ? null : pred(inner, 1);
    String sub = "(SELECT " + (!grouped && r.nextInt(4) == 0 ? "DISTINCT " : "") + String.join(", ", exprs)
        + " FROM " + from[0] + " " + from[1] + joins.stream().map(Join::sql).reduce("", String::concat)
        + (innerWhere == null ? "" : " WHERE " + innerWhere.sql())
        + (groupBy.isEmpty() ? "" : " GROUP BY " + String.join(", ", groupBy)) + ")";
    String d = alias();
    List<Ref> scope = new ArrayList<>();
    columns.forEach(c -> scope.add(new Ref(d, c)));
    List<Item> items = new ArrayList<>();
    List<String> outerGroup = new ArrayList<>();
    if (r.nextBoolean()) {
      Ref key = ref(scope, x -> true);
      outerGroup.add(key.sql());
      items.add(new Item(key.sql(), direction()));
      items.add(new Item(aggregate(scope, false), direction()));
    } else {
      int m = 1 + r.nextInt(3);
      for (int i = 0; i < m; i++) {
        items.add(new Item(expr(scope, 1).sql(), direction()));
      }
    }
    Pred where = r.nextInt(3) == 0 ? null : pred(scope, 2);
    boolean ordered = r.nextInt(3) == 0;
    return new Select(false, items, sub, d, List.of(), where, outerGroup, null, ordered,
        ordered && r.nextBoolean() ? limit(10) : null);
  }

  // ---- query shapes ------------------------------------------------------------------------------

  private Select plain() {
    List<Ref> scope = new ArrayList<>();
    String[] from = new String[2];
    List<Join> joins = from(scope, from, r.nextInt(3));
    List<Item> items = new ArrayList<>();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      items.add(new Item(expr(scope, 2).sql(), direction()));
    }
    Pred where = r.nextInt(5) == 0 ? null : where(scope, from[1]);
    boolean ordered = r.nextInt(3) == 0;
    return new Select(r.nextInt(6) == 0, items, from[0], from[1], joins, where, List.of(), null, ordered,
        ordered && r.nextBoolean() ? limit(15) : null);
  }

  private Select aggregate() {
    List<Ref> scope = new ArrayList<>();
    String[] from = new String[2];
    List<Join> joins = from(scope, from, r.nextInt(4) == 0 ? 1 : 0);
    List<Item> items = new ArrayList<>();
    List<String> groupBy = new ArrayList<>();
    int keys = r.nextInt(3);
    for (int i = 0; i < keys; i++) {
      Ref key = r.nextInt(3) == 0 ? ref(scope, c -> c.column().name().equals("k")) : ref(scope, c -> true);
      if (!groupBy.contains(key.sql())) {
        groupBy.add(key.sql());
        items.add(new Item(key.sql(), direction()));
      }
    }
    boolean global = groupBy.isEmpty();
    int aggs = 1 + r.nextInt(3);
    for (int i = 0; i < aggs; i++) {
      items.add(new Item(aggregate(scope, global), direction()));
    }
    Pred where = r.nextInt(3) == 0 ? null : where(scope, from[1]);
    Pred having = r.nextInt(3) == 0 ? having(scope, global) : null;
    boolean ordered = r.nextInt(3) == 0;
    return new Select(false, items, from[0], from[1], joins, where, groupBy, having, ordered,
        ordered && r.nextBoolean() ? limit(10) : null);
  }

  private Select window() {
    List<Ref> scope = new ArrayList<>();
    Table t = table();
    String a = alias();
    addScope(scope, t, a);
    List<Item> items = new ArrayList<>();
    items.add(new Item(a + ".id", direction()));
    if (r.nextBoolean()) {
      items.add(new Item(expr(scope, 1).sql(), direction()));
    }
    int n = 1 + r.nextInt(2);
    for (int i = 0; i < n; i++) {
      items.add(new Item(windowFunction(scope, a), direction()));
    }
    Pred where = r.nextBoolean() ? null : where(scope, a);
    boolean ordered = r.nextInt(3) == 0;
    return new Select(false, items, t.name(), a, List.of(), where, List.of(), null, ordered,
        ordered && r.nextBoolean() ? limit(15) : null);
  }

  private SetOp setOp() {
    List<Category> shape = new ArrayList<>(List.of(Category.INT));
    int more = r.nextInt(3);
    for (int i = 0; i < more; i++) {
      shape.add(RandomTables.pick(r, Category.values()));
    }
    Select left = setOpSide(shape);
    Select right = setOpSide(shape);
    String op = RandomTables.pick(r, "UNION", "UNION ALL", "INTERSECT", "EXCEPT");
    List<String> directions = null;
    String limit = null;
    if (r.nextInt(3) == 0) {
      directions = new ArrayList<>();
      for (int i = 0; i < shape.size(); i++) {
        directions.add(direction());
      }
      limit = r.nextBoolean() ? limit(10) : null;
    }
    return new SetOp(left, op, right, directions, limit);
  }

  private Select setOpSide(List<Category> shape) {
    List<Ref> scope = new ArrayList<>();
    Table t = table();
    String a = alias();
    addScope(scope, t, a);
    List<Item> items = new ArrayList<>();
    for (Category c : shape) {
      List<Ref> fits = scope.stream().filter(x -> x.category() == c).toList();
      // a CHAR literal is cast so that both sides are CHAR (no question of padding in the result type)
      String filler = c == Category.CHAR ? "CAST(" + literal(c) + " AS CHAR(6))" : literal(c);
      String column = fits.isEmpty() ? filler : fits.get(r.nextInt(fits.size())).sql();
      boolean repeated = items.stream().anyMatch(i -> i.expr().equals(column));
      items.add(new Item(repeated && Exclusions.SQLT_2_SETOP_DUPLICATE_NAMES ? filler : column, "ASC NULLS LAST"));
    }
    return new Select(false, items, t.name(), a, List.of(), r.nextInt(4) == 0 ? null : where(scope, a), List.of(),
        null, false, null);
  }

  private Select scalarSubquerySelect() {
    List<Ref> scope = new ArrayList<>();
    Table t = table();
    String a = alias();
    addScope(scope, t, a);
    List<Item> items = new ArrayList<>();
    items.add(new Item(a + ".id", direction()));
    items.add(new Item(scalarSubquery(scope), direction()));
    if (r.nextBoolean()) {
      items.add(new Item(expr(scope, 1).sql(), direction()));
    }
    Pred where = r.nextBoolean() ? null : where(scope, a);
    boolean ordered = r.nextInt(3) == 0;
    return new Select(false, items, t.name(), a, List.of(), where, List.of(), null, ordered,
        ordered && r.nextBoolean() ? limit(15) : null);
  }

  // ---- FROM and joins ----------------------------------------------------------------------------

  private List<Join> from(List<Ref> scope, String[] from, int joinCount) {
    Table first = table();
    String a = alias();
    addScope(scope, first, a);
    from[0] = first.name();
    from[1] = a;
    List<String> aliases = new ArrayList<>(List.of(a));
    List<Table> joined = new ArrayList<>(List.of(first));
    List<Join> joins = new ArrayList<>();
    for (int i = 0; i < joinCount; i++) {
      Table t = table();
      String b = alias();
      int o = r.nextInt(aliases.size());
      String other = aliases.get(o);
      String key = RandomTables.pick(r, "k", "k", "k", "id");
      String otherKey = RandomTables.pick(r, "k", "k", "id");
      if (i > 0 && key.equals("k") && otherKey.equals("k")) {
        // one skewed-key join at most: two would multiply the hot key's rows into the millions
        key = "id";
      }
      if (r.nextInt(4) == 0) {
        // on columns of another type that both tables have (strings, dates, decimals … with NULLs)
        List<String[]> pairs = new ArrayList<>();
        for (Column x : joined.get(o).columns()) {
          for (Column y : t.columns()) {
            if (x.type().category == y.type().category && x.type().category != Category.FLOAT
                && !x.name().equals("id") && !x.name().equals("k")) {
              pairs.add(new String[] {x.name(), y.name()});
            }
          }
        }
        if (!pairs.isEmpty()) {
          String[] pair = pairs.get(r.nextInt(pairs.size()));
          otherKey = pair[0];
          key = pair[1];
        }
      }
      String on = other + "." + otherKey + " = " + b + "." + key;
      if (r.nextInt(4) == 0) {
        // a second condition on the joined table (a residual filter in the join)
        List<Ref> joinedScope = new ArrayList<>();
        addScope(joinedScope, t, b);
        on += " AND " + atom(joinedScope, 0).sql();
      }
      String type = RandomTables.pick(r, "INNER", "INNER", "LEFT", "LEFT", "RIGHT", "FULL");
      joins.add(new Join(type, t.name(), b, on));
      addScope(scope, t, b);
      aliases.add(b);
      joined.add(t);
    }
    return joins;
  }

  private Table table() {
    return tables.get(r.nextInt(tables.size()));
  }

  private String alias() {
    return "a" + aliasCounter++;
  }

  private static void addScope(List<Ref> scope, Table t, String alias) {
    t.columns().forEach(c -> scope.add(new Ref(alias, c)));
  }

  // ---- expressions -------------------------------------------------------------------------------

  private Ref ref(List<Ref> scope, Predicate<Ref> filter) {
    List<Ref> fits = scope.stream().filter(filter).toList();
    if (fits.isEmpty()) {
      fits = scope;
    }
    return fits.get(r.nextInt(fits.size()));
  }

  /** A scalar expression over the scope. */
  Expr expr(List<Ref> scope, int depth) {
    return expr(scope, depth, true);
  }

  /** An expression to be compared in a predicate. */
  private Expr comparedExpr(List<Ref> scope) {
    return expr(scope, 1, !Exclusions.SQLT_4_CASE_IN_COMPARISON);
  }

  private Expr expr(List<Ref> scope, int depth, boolean allowCase) {
    Ref c = ref(scope, x -> true);
    Expr col = new Expr(c.sql(), c.category());
    if (depth <= 0) {
      return col;
    }
    switch (r.nextInt(10)) {
      case 0, 1, 2, 3:
        return col;
      case 4: {
        Ref n = ref(scope, x -> x.category().numeric());
        if (!n.category().numeric()) {
          return col;
        }
        return switch (r.nextInt(5)) {
          case 0 -> new Expr("(" + n.sql() + " + " + literal(n.category()) + ")", n.category());
          case 1 -> new Expr("(" + n.sql() + " * " + (r.nextInt(7) - 3) + ")", n.category());
          case 2 -> {
            Ref m = ref(scope, x -> x.category() == n.category());
            yield new Expr("(" + n.sql() + " - " + m.sql() + ")", n.category());
          }
          case 3 -> new Expr("ABS(" + n.sql() + ")", n.category());
          // division only in floating point, by a non-zero constant (integer division differs)
          default -> new Expr("(CAST(" + n.sql() + " AS DOUBLE PRECISION) / " + RandomTables.pick(r, "4", "-2.5", "8")
              + ")", Category.FLOAT);
        };
      }
      case 5:
        return new Expr("COALESCE(" + c.sql() + ", " + literal(c.category()) + ")", c.category());
      case 6: {
        if (!allowCase || (c.category() == Category.BOOL && Exclusions.SQLT_4_CASE_IN_COMPARISON)) {
          return col;
        }
        Expr other = r.nextBoolean() ? new Expr(literal(c.category()), c.category())
            : colOf(scope, c.category());
        return new Expr("CASE WHEN " + atom(scope, 0).sql() + " THEN " + c.sql() + " ELSE " + other.sql() + " END",
            c.category());
      }
      case 7:
        return cast(c);
      case 8: {
        Ref v = ref(scope, x -> x.category() == Category.VARCHAR);
        if (v.category() != Category.VARCHAR) {
          return col;
        }
        return switch (r.nextInt(3)) {
          case 0 -> new Expr("UPPER(" + v.sql() + ")", Category.VARCHAR);
          case 1 -> Exclusions.SQLT_1_LENGTH ? new Expr("LOWER(" + v.sql() + ")", Category.VARCHAR)
              : new Expr("LENGTH(" + v.sql() + ")", Category.INT);
          default -> new Expr("(" + v.sql() + " || 'z')", Category.VARCHAR);
        };
      }
      default: {
        Ref d = ref(scope, x -> x.category() == Category.DATE || x.category() == Category.TS);
        if (d.category() != Category.DATE && d.category() != Category.TS) {
          return col;
        }
        return new Expr("EXTRACT(" + RandomTables.pick(r, "YEAR", "MONTH", "DAY") + " FROM " + d.sql() + ")",
            Category.INT);
      }
    }
  }

  private Expr colOf(List<Ref> scope, Category category) {
    Ref c = ref(scope, x -> x.category() == category);
    return c.category() == category ? new Expr(c.sql(), category) : new Expr(literal(category), category);
  }

  private Expr cast(Ref c) {
    String s = c.sql();
    return switch (c.category()) {
      case INT -> switch (r.nextInt(4)) {
        case 0 -> new Expr("CAST(" + s + " AS BIGINT)", Category.INT);
        case 1 -> new Expr("CAST(" + s + " AS DECIMAL(22,2))", Category.DEC);
        case 2 -> new Expr("CAST(" + s + " AS DOUBLE PRECISION)", Category.FLOAT);
        default -> new Expr("CAST(" + s + " AS VARCHAR(20))", Category.VARCHAR);
      };
      case DEC -> switch (r.nextInt(3)) {
        case 0 -> new Expr("CAST(" + s + " AS INTEGER)", Category.INT);
        case 1 -> new Expr("CAST(" + s + " AS DECIMAL(20,1))", Category.DEC);
        default -> new Expr("CAST(" + s + " AS DOUBLE PRECISION)", Category.FLOAT);
      };
      case FLOAT -> new Expr("CAST(" + s + " AS DOUBLE PRECISION)", Category.FLOAT);
      case DATE -> r.nextBoolean() ? new Expr("CAST(" + s + " AS TIMESTAMP)", Category.TS)
          : new Expr("CAST(" + s + " AS VARCHAR(20))", Category.VARCHAR);
      case TS -> new Expr("CAST(" + s + " AS DATE)", Category.DATE);
      default -> new Expr(s, c.category());
    };
  }

  /** A literal of the category from the domain of the generated values. */
  String literal(Category c) {
    return switch (c) {
      case INT -> String.valueOf(r.nextBoolean() ? r.nextInt(21) - 10 : r.nextInt(201) - 100);
      case DEC -> (r.nextInt(2001) - 1000) + "." + (r.nextInt(90) + 10);
      case FLOAT -> String.valueOf((r.nextInt(801) - 400) / 4.0);
      case BOOL -> r.nextBoolean() ? "TRUE" : "FALSE";
      case CHAR, VARCHAR -> "'" + RandomTables.pick(r, RandomTables.WORDS) + "'";
      case DATE -> "DATE '" + LocalDate.of(2023, 1, 1).plusDays(r.nextInt(800)) + "'";
      case TS -> "TIMESTAMP '" + LocalDate.of(2023, 1, 1).plusDays(r.nextInt(800)) + " "
          + String.format("%02d:%02d:00", r.nextInt(24), r.nextInt(60)) + "'";
    };
  }

  // ---- predicates --------------------------------------------------------------------------------

  /** A WHERE condition, possibly with subqueries correlated to {@code outerAlias}. */
  private Pred where(List<Ref> scope, String outerAlias) {
    Pred p = pred(scope, 2);
    if (r.nextInt(4) == 0) {
      Pred sub = subqueryPred(scope, outerAlias);
      p = r.nextInt(3) == 0 ? sub : new And(p, sub);
    }
    return p;
  }

  private Pred pred(List<Ref> scope, int depth) {
    if (depth <= 0 || r.nextInt(3) == 0) {
      return atom(scope, depth);
    }
    return switch (r.nextInt(5)) {
      case 0, 1 -> new And(pred(scope, depth - 1), pred(scope, depth - 1));
      case 2, 3 -> new Or(pred(scope, depth - 1), pred(scope, depth - 1));
      default -> new Not(pred(scope, depth - 1));
    };
  }

  private Atom atom(List<Ref> scope, int depth) {
    Expr e;
    if (depth > 0 && r.nextInt(4) == 0) {
      e = comparedExpr(scope);
    } else {
      Ref c = ref(scope, x -> true);
      e = new Expr(c.sql(), c.category());
    }
    String s = e.sql();
    Category cat = e.category();
    switch (r.nextInt(9)) {
      case 0:
        return new Atom(s + (r.nextBoolean() ? " IS NULL" : " IS NOT NULL"));
      case 1: {
        String lo = literal(cat);
        String hi = literal(cat);
        return new Atom(s + (r.nextInt(4) == 0 ? " NOT" : "") + " BETWEEN " + lo + " AND " + hi);
      }
      case 2: {
        List<String> values = new ArrayList<>();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
          values.add(r.nextInt(12) == 0 ? "NULL" : literal(cat));
        }
        return new Atom(s + (r.nextInt(3) == 0 ? " NOT IN (" : " IN (") + String.join(", ", values) + ")");
      }
      case 3: {
        Ref v = ref(scope, x -> x.category() == Category.VARCHAR);
        if (v.category() == Category.VARCHAR) {
          String pattern = RandomTables.pick(r, "a%", "%b", "%a%", "_b%", "ab", "x1%", "%", "_");
          return new Atom(v.sql() + (r.nextInt(4) == 0 ? " NOT LIKE '" : " LIKE '") + pattern + "'");
        }
        break;
      }
      case 4: {
        Ref b = ref(scope, x -> x.category() == Category.BOOL);
        if (b.category() == Category.BOOL) {
          return new Atom(r.nextBoolean() ? b.sql() : b.sql() + " = " + literal(Category.BOOL));
        }
        break;
      }
      case 5: {
        Category want = cat;
        Ref other = ref(scope, x -> x.category() == want
            || (want.numeric() && x.category().numeric() && want != Category.FLOAT));
        if (other.category() == cat || (cat.numeric() && other.category().numeric())) {
          return new Atom(s + " " + comparison() + " " + other.sql());
        }
        break;
      }
      default:
        break;
    }
    return new Atom(s + " " + comparison() + " " + literal(cat));
  }

  private String comparison() {
    return RandomTables.pick(r, "=", "<>", "<", "<=", ">", ">=");
  }

  /** IN / NOT IN / EXISTS / NOT EXISTS / comparison with a scalar subquery. */
  private Pred subqueryPred(List<Ref> scope, String outerAlias) {
    Ref outerKey = ref(scope, x -> x.alias().equals(outerAlias) && x.column().name().equals("k"));
    int shape = r.nextInt(4);
    Table t = table();
    if (shape == 1 && Exclusions.SQLT_5_CORRELATION_ACROSS_INT_TYPES) {
      List<Table> sameKey = tables.stream().filter(x -> x.column("k").type() == outerKey.column().type()).toList();
      t = sameKey.isEmpty() ? t : sameKey.get(r.nextInt(sameKey.size()));
    }
    String s = alias();
    List<Ref> inner = new ArrayList<>();
    addScope(inner, t, s);
    Pred innerWhere = r.nextBoolean() ? null : pred(inner, 1);
    String whereSql = innerWhere == null ? "" : " WHERE " + innerWhere.sql();
    switch (shape) {
      case 0: {
        String innerName = RandomTables.pick(r, "k", "id");
        Ref innerCol = ref(inner, x -> x.column().name().equals(innerName));
        return new Atom(outerKey.sql() + (r.nextInt(3) == 0 ? " NOT IN" : " IN") + " (SELECT " + innerCol.sql()
            + " FROM " + t.name() + " " + s + whereSql + ")");
      }
      case 1: {
        String corr = s + ".k = " + outerKey.sql();
        return new Atom((r.nextInt(3) == 0 ? "NOT " : "") + "EXISTS (SELECT 1 FROM " + t.name() + " " + s
            + " WHERE " + corr + (innerWhere == null ? "" : " AND " + innerWhere.sql()) + ")");
      }
      default: {
        Ref n = ref(inner, x -> x.category().numeric());
        String agg = RandomTables.pick(r, "MIN", "MAX", "SUM", "COUNT");
        boolean correlated = r.nextBoolean();
        String sub = "(SELECT " + agg + "(" + n.sql() + ") FROM " + t.name() + " " + s
            + (correlated ? " WHERE " + s + ".k = " + outerKey.sql() : whereSql) + ")";
        Ref outer = ref(scope, x -> x.category().numeric());
        return new Atom(outer.sql() + " " + comparison() + " " + sub);
      }
    }
  }

  private String scalarSubquery(List<Ref> scope) {
    Table t = table();
    String s = alias();
    List<Ref> inner = new ArrayList<>();
    addScope(inner, t, s);
    Ref outerKey = ref(scope, x -> x.column().name().equals("k"));
    Ref n = ref(inner, x -> x.category() != Category.BOOL);
    String agg = r.nextBoolean() ? "COUNT(*)" : RandomTables.pick(r, "MIN", "MAX", "COUNT") + "(" + n.sql() + ")";
    String where = r.nextInt(3) == 0 ? "" : " WHERE " + s + "." + RandomTables.pick(r, "k", "id") + " = "
        + outerKey.sql();
    return "(SELECT " + agg + " FROM " + t.name() + " " + s + where + ")";
  }

  // ---- aggregates and windows --------------------------------------------------------------------

  private String aggregate(List<Ref> scope, boolean global) {
    switch (r.nextInt(7)) {
      case 0:
        return "COUNT(*)";
      case 1:
        return "COUNT(" + ref(scope, x -> true).sql() + ")";
      case 2:
        return (global && Exclusions.SQLT_3_GLOBAL_COUNT_DISTINCT ? "COUNT(" : "COUNT(DISTINCT ")
            + ref(scope, x -> true).sql() + ")";
      case 3: {
        Ref n = ref(scope, x -> x.category().numeric());
        return n.category().numeric() ? "SUM(" + n.sql() + ")" : "COUNT(*)";
      }
      case 4: {
        Ref n = ref(scope, x -> x.category().numeric());
        return n.category().numeric() ? "AVG(CAST(" + n.sql() + " AS DOUBLE PRECISION))" : "COUNT(*)";
      }
      default: {
        Ref m = ref(scope, x -> x.category() != Category.BOOL);
        return (r.nextBoolean() ? "MIN(" : "MAX(") + m.sql() + ")";
      }
    }
  }

  private Pred having(List<Ref> scope, boolean global) {
    Pred p = switch (r.nextInt(3)) {
      case 0 -> new Atom("COUNT(*) " + comparison() + " " + r.nextInt(20));
      case 1 -> {
        Ref n = ref(scope, x -> x.category().numeric());
        yield n.category().numeric() ? new Atom("SUM(" + n.sql() + ") " + comparison() + " " + literal(n.category()))
            : new Atom("COUNT(*) > 1");
      }
      default -> {
        Ref m = ref(scope, x -> x.category() != Category.BOOL);
        yield new Atom((r.nextBoolean() ? "MIN(" : "MAX(") + m.sql() + ") " + comparison() + " "
            + literal(m.category()));
      }
    };
    if (r.nextInt(4) == 0) {
      p = new Or(p, new Atom((global && Exclusions.SQLT_3_GLOBAL_COUNT_DISTINCT ? "COUNT(" : "COUNT(DISTINCT ")
          + ref(scope, x -> true).sql() + ") " + comparison() + " " + r.nextInt(5)));
    }
    return p;
  }

  private String windowFunction(List<Ref> scope, String alias) {
    String partition = r.nextInt(4) == 0 ? "" : "PARTITION BY " + ref(scope, x -> true).sql() + " ";
    Ref order = ref(scope, x -> true);
    String orderBy = "ORDER BY " + order.sql() + " " + direction();
    String total = orderBy + ", " + alias + ".id " + RandomTables.pick(r, "ASC", "DESC");
    switch (r.nextInt(9)) {
      case 0:
        // a total order: the unique id breaks the ties
        return "ROW_NUMBER() OVER (" + partition + total + ")";
      case 6: {
        Ref v = ref(scope, x -> true);
        return (r.nextBoolean() ? "LAG(" : "LEAD(") + v.sql() + (r.nextBoolean() ? ", 2" : "") + ") OVER ("
            + partition + total + ")";
      }
      case 7: {
        Ref v = ref(scope, x -> true);
        return (r.nextBoolean() ? "FIRST_VALUE(" : "LAST_VALUE(") + v.sql() + ") OVER (" + partition + total
            + " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)";
      }
      case 8: {
        Ref n = ref(scope, x -> x.category().numeric());
        String arg = n.category().numeric() ? n.sql() : "1";
        String frame = RandomTables.pick(r, "ROWS BETWEEN 2 PRECEDING AND CURRENT ROW",
            "ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING", "ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING",
            "ROWS UNBOUNDED PRECEDING");
        return (r.nextBoolean() ? "SUM(" + arg + ")" : "AVG(CAST(" + arg + " AS DOUBLE PRECISION))") + " OVER ("
            + partition + total + " " + frame + ")";
      }
      case 1:
        return "RANK() OVER (" + partition + orderBy + ")";
      case 2:
        return "DENSE_RANK() OVER (" + partition + orderBy + ")";
      case 3: {
        Ref n = ref(scope, x -> x.category().numeric());
        String arg = n.category().numeric() ? n.sql() : "1";
        return "SUM(" + arg + ") OVER (" + partition + (r.nextBoolean() ? orderBy : "") + ")";
      }
      case 4:
        return "COUNT(*) OVER (" + partition + (r.nextBoolean() ? orderBy : "") + ")";
      default: {
        Ref m = ref(scope, x -> x.category() != Category.BOOL);
        return (r.nextBoolean() ? "MIN(" : "MAX(") + m.sql() + ") OVER (" + partition + ")";
      }
    }
  }

  private String direction() {
    return RandomTables.pick(r, "ASC", "DESC") + RandomTables.pick(r, " NULLS FIRST", " NULLS LAST");
  }
}
