package dev.blueshift.coordinator.dml;

import dev.blueshift.coordinator.catalog.Catalog;
import dev.blueshift.coordinator.catalog.CatalogState;
import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

/** Name resolution for statements that name a table or view, with PostgreSQL's errors. */
public final class Relations {
  private Relations() {}

  /** [schema, name] of a possibly qualified name. */
  public static String[] schemaAndName(SqlIdentifier id) {
    if (id.names.size() == 1) {
      return new String[] {Catalog.DEFAULT_SCHEMA, id.names.get(0)};
    }
    return new String[] {id.names.get(id.names.size() - 2), id.names.get(id.names.size() - 1)};
  }

  /** The relation (table or view) named, or null when absent and not {@code required}. */
  public static TableSnapshot lookup(CatalogState state, SqlIdentifier name, boolean required) {
    String[] sn = schemaAndName(name);
    TableSnapshot t = state.relation(sn[0], sn[1]);
    if (t == null && required) {
      throw new BlueshiftException(SqlState.UNDEFINED_TABLE, "relation \"" + sn[1] + "\" does not exist",
          name.getParserPosition().getLineNum(), name.getParserPosition().getColumnNum(), null);
    }
    return t;
  }

  /**
   * The table named by a DML target; views and other table expressions are refused.
   * {@code action} says what the statement does to it ("insert into", "delete from", …).
   */
  public static TableSnapshot table(CatalogState state, SqlNode target, String action) {
    if (!(target instanceof SqlIdentifier name)) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "cannot " + action + " " + target + ": not a table name");
    }
    TableSnapshot t = lookup(state, name, true);
    if (t.isView()) {
      throw new BlueshiftException(SqlState.WRONG_OBJECT_TYPE, "cannot " + action + " view \"" + t.name() + "\"",
          name.getParserPosition().getLineNum(), name.getParserPosition().getColumnNum(), null);
    }
    return t;
  }

  /** The table's name as SQL text for a generated query ("schema"."name"). */
  public static String sqlName(TableSnapshot t) {
    return quote(t.schema()) + "." + quote(t.name());
  }

  /** A double-quoted identifier. */
  public static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
