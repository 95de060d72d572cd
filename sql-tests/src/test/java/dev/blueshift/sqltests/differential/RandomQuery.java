package dev.blueshift.sqltests.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A generated query as a small tree, so a failing query can be shrunk: every node lists the
 * smaller variants of itself ({@link #shrinks()}), and {@link Shrinker} keeps the first one that
 * still fails. Expressions are plain SQL text; only the parts worth dropping are nodes.
 */
sealed interface RandomQuery permits RandomQuery.Select, RandomQuery.SetOp {

  String sql();

  /** Smaller variants, most aggressive first; some may be invalid SQL (the shrinker checks on DuckDB). */
  List<RandomQuery> shrinks();

  /** True when the rows come in a total order that both engines must reproduce. */
  boolean ordered();

  /** A boolean condition: conjunctions and disjunctions are nodes so that they can be cut apart. */
  sealed interface Pred permits And, Or, Not, Atom {
    String sql();

    default List<Pred> shrinks() {
      return List.of();
    }
  }

  record And(Pred left, Pred right) implements Pred {
    public String sql() {
      return "(" + left.sql() + " AND " + right.sql() + ")";
    }

    public List<Pred> shrinks() {
      List<Pred> out = new ArrayList<>(List.of(left, right));
      left.shrinks().forEach(l -> out.add(new And(l, right)));
      right.shrinks().forEach(r -> out.add(new And(left, r)));
      return out;
    }
  }

  record Or(Pred left, Pred right) implements Pred {
    public String sql() {
      return "(" + left.sql() + " OR " + right.sql() + ")";
    }

    public List<Pred> shrinks() {
      List<Pred> out = new ArrayList<>(List.of(left, right));
      left.shrinks().forEach(l -> out.add(new Or(l, right)));
      right.shrinks().forEach(r -> out.add(new Or(left, r)));
      return out;
    }
  }

  record Not(Pred inner) implements Pred {
    public String sql() {
      return "(NOT " + inner.sql() + ")";
    }

    public List<Pred> shrinks() {
      List<Pred> out = new ArrayList<>(List.of(inner));
      inner.shrinks().forEach(i -> out.add(new Not(i)));
      return out;
    }
  }

  record Atom(String text) implements Pred {
    public String sql() {
      return text;
    }
  }

  /** A select-list entry and, when the query is ordered, its direction ({@code ASC NULLS FIRST} …). */
  record Item(String expr, String direction) {}

  /** {@code <type> JOIN <table> <alias> ON <on>}. */
  record Join(String type, String table, String alias, String on) {
    String sql() {
      return " " + type + " JOIN " + table + " " + alias + " ON " + on;
    }
  }

  /**
   * {@code SELECT [DISTINCT] items FROM table alias joins [WHERE] [GROUP BY] [HAVING] [ORDER BY
   * every item] [LIMIT n [OFFSET m]]}; {@code table} may be a parenthesized derived table. When ordered, the ORDER BY lists every output column by position, which
   * is a total order of the distinct rows, so LIMIT picks the same rows on both engines.
   */
  record Select(boolean distinct, List<Item> items, String table, String alias, List<Join> joins, Pred where,
      List<String> groupBy, Pred having, boolean orderAll, String limit) implements RandomQuery {

    public String sql() {
      StringBuilder s = new StringBuilder("SELECT ");
      if (distinct) {
        s.append("DISTINCT ");
      }
      s.append(items.stream().map(Item::expr).collect(Collectors.joining(", ")));
      s.append(" FROM ").append(table).append(' ').append(alias);
      joins.forEach(j -> s.append(j.sql()));
      if (where != null) {
        s.append(" WHERE ").append(where.sql());
      }
      if (!groupBy.isEmpty()) {
        s.append(" GROUP BY ").append(String.join(", ", groupBy));
      }
      if (having != null) {
        s.append(" HAVING ").append(having.sql());
      }
      if (orderAll) {
        s.append(orderByAll(items));
      }
      if (limit != null) {
        s.append(" LIMIT ").append(limit);
      }
      return s.toString();
    }

    public boolean ordered() {
      return orderAll;
    }

    public List<RandomQuery> shrinks() {
      List<RandomQuery> out = new ArrayList<>();
      for (int i = joins.size() - 1; i >= 0; i--) {
        List<Join> fewer = new ArrayList<>(joins);
        fewer.remove(i);
        out.add(new Select(distinct, items, table, alias, fewer, where, groupBy, having, orderAll, limit));
      }
      if (where != null) {
        out.add(new Select(distinct, items, table, alias, joins, null, groupBy, having, orderAll, limit));
        where.shrinks().forEach(w -> out.add(
            new Select(distinct, items, table, alias, joins, w, groupBy, having, orderAll, limit)));
      }
      if (having != null) {
        out.add(new Select(distinct, items, table, alias, joins, where, groupBy, null, orderAll, limit));
        having.shrinks().forEach(h -> out.add(
            new Select(distinct, items, table, alias, joins, where, groupBy, h, orderAll, limit)));
      }
      if (limit != null) {
        out.add(new Select(distinct, items, table, alias, joins, where, groupBy, having, false, null));
        out.add(new Select(distinct, items, table, alias, joins, where, groupBy, having, orderAll, null));
      } else if (orderAll) {
        out.add(new Select(distinct, items, table, alias, joins, where, groupBy, having, false, null));
      }
      if (distinct) {
        out.add(new Select(false, items, table, alias, joins, where, groupBy, having, orderAll, limit));
      }
      for (int i = 0; i < items.size() && items.size() > 1; i++) {
        List<Item> fewer = new ArrayList<>(items);
        fewer.remove(i);
        out.add(new Select(distinct, fewer, table, alias, joins, where, groupBy, having, orderAll, limit));
      }
      for (int i = 0; i < groupBy.size(); i++) {
        List<String> fewer = new ArrayList<>(groupBy);
        fewer.remove(i);
        out.add(new Select(distinct, items, table, alias, joins, where, fewer, having, orderAll, limit));
      }
      return out;
    }
  }

  /** {@code left UNION|INTERSECT|EXCEPT [ALL] right}, optionally ordered by every column with a LIMIT. */
  record SetOp(Select left, String op, Select right, List<String> directions, String limit) implements RandomQuery {
    public String sql() {
      StringBuilder s = new StringBuilder("(" + left.sql() + ") " + op + " (" + right.sql() + ")");
      if (directions != null) {
        s.append(" ORDER BY ");
        for (int i = 0; i < directions.size(); i++) {
          s.append(i == 0 ? "" : ", ").append(i + 1).append(' ').append(directions.get(i));
        }
      }
      if (limit != null) {
        s.append(" LIMIT ").append(limit);
      }
      return s.toString();
    }

    public boolean ordered() {
      return directions != null;
    }

    public List<RandomQuery> shrinks() {
      List<RandomQuery> out = new ArrayList<>(List.of(left, right));
      if (directions != null) {
        out.add(new SetOp(left, op, right, null, null));
      }
      for (RandomQuery l : left.shrinks()) {
        if (l instanceof Select ls && ls.items().size() == left.items().size()) {
          out.add(new SetOp(ls, op, right, directions, limit));
        }
      }
      for (RandomQuery r : right.shrinks()) {
        if (r instanceof Select rs && rs.items().size() == right.items().size()) {
          out.add(new SetOp(left, op, rs, directions, limit));
        }
      }
      return out;
    }
  }

  private static String orderByAll(List<Item> items) {
    StringBuilder s = new StringBuilder(" ORDER BY ");
    for (int i = 0; i < items.size(); i++) {
      s.append(i == 0 ? "" : ", ").append(i + 1).append(' ').append(items.get(i).direction());
    }
    return s.toString();
  }
}
