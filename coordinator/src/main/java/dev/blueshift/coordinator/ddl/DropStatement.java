package dev.blueshift.coordinator.ddl;

import dev.blueshift.coordinator.catalog.Changes;
import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.dml.Relations;
import dev.blueshift.coordinator.dml.StatementContext;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;

/** {@code DROP TABLE} and {@code DROP VIEW [IF EXISTS]}; each refuses the other kind of relation. */
public final class DropStatement {
  private DropStatement() {}

  public static void execute(StatementContext context, SqlIdentifier name, boolean ifExists, boolean view) {
    TableSnapshot relation = Relations.lookup(context.relations(), name, !ifExists);
    if (relation == null) {
      return;
    }
    if (relation.isView() != view) {
      throw new BlueshiftException(SqlState.WRONG_OBJECT_TYPE, "\"" + relation.name() + "\" is not a "
          + (view ? "view" : "table") + "; use DROP " + (view ? "TABLE" : "VIEW") + " to remove it",
          name.getParserPosition().getLineNum(), name.getParserPosition().getColumnNum(), null);
    }
    context.commit(List.of(Changes.drop(relation)));
  }
}
