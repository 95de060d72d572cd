package dev.blueshift.coordinator.ddl;

import dev.blueshift.coordinator.catalog.Changes;
import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.dml.Relations;
import dev.blueshift.coordinator.dml.StatementContext;
import dev.blueshift.coordinator.engine.ResultColumn;
import dev.blueshift.coordinator.sql.parser.BlueshiftSqlParser;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.catalog.ColumnDef;
import dev.blueshift.protocol.catalog.TableDef;
import dev.blueshift.worker.types.ProtoTypes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.ddl.SqlCreateView;

/**
 * {@code CREATE [OR REPLACE] VIEW v [(columns)] AS query}: the query is planned once to check it
 * and learn its columns, then stored as SQL text in the catalog; queries expand it when they
 * read the view.
 */
public final class CreateViewStatement {
  private CreateViewStatement() {}

  public static void execute(StatementContext context, SqlCreateView create) {
    TableSnapshot existing = Relations.lookup(context.relations(), create.name, false);
    if (existing != null && !existing.isView()) {
      throw new BlueshiftException(SqlState.WRONG_OBJECT_TYPE, "\"" + existing.name() + "\" is not a view");
    }
    if (existing != null && !create.getReplace()) {
      throw new BlueshiftException(SqlState.DUPLICATE_TABLE, "relation \"" + existing.name() + "\" already exists");
    }
    String sql = BlueshiftSqlParser.toSql(create.query);
    List<ResultColumn> columns = context.plan(sql).columns();
    List<SqlNode> names = create.columnList == null ? null : create.columnList.getList();
    if (names != null && names.size() != columns.size()) {
      throw new BlueshiftException(SqlState.SYNTAX_ERROR, "CREATE VIEW names " + names.size()
          + " columns but the query has " + columns.size());
    }
    String[] sn = Relations.schemaAndName(create.name);
    TableDef.Builder def = TableDef.newBuilder().setSchema(sn[0]).setName(sn[1]).setDistKey(-1).setViewSql(sql);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < columns.size(); i++) {
      String name = names == null ? columns.get(i).name() : ((SqlIdentifier) names.get(i)).getSimple();
      if (!seen.add(name)) {
        throw new BlueshiftException(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" specified more than once");
      }
      def.addColumns(ColumnDef.newBuilder().setName(name).setType(ProtoTypes.toProto(columns.get(i).type(), true)));
    }
    if (existing != null) {
      context.commit(List.of(Changes.redefine(existing, def.setTableId(existing.id()).build())));
    } else {
      context.commit(List.of(Changes.create(def.setTableId(context.reserveTableId()).build())));
    }
  }
}
