package dev.blueshift.coordinator.dml;

import dev.blueshift.coordinator.catalog.Changes;
import dev.blueshift.coordinator.catalog.TableSnapshot;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;

/** {@code TRUNCATE [TABLE] t}: one commit that drops every segment. */
public final class TruncateStatement {
  private TruncateStatement() {}

  public static void execute(StatementContext context, SqlIdentifier name) {
    TableSnapshot table = Relations.table(context.relations(), name, "truncate");
    context.commit(List.of(Changes.replace(table, List.of(), null)));
  }
}
