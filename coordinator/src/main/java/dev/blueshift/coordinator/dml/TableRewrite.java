package dev.blueshift.coordinator.dml;

import dev.blueshift.coordinator.catalog.Changes;
import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.engine.RowCursor;
import dev.blueshift.coordinator.load.TableWriter;
import dev.blueshift.protocol.catalog.CatalogRecord;
import dev.blueshift.protocol.catalog.TableDef;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.types.ProtoTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Copy-on-write of a whole table: queries produce the rows of its next version, which are written
 * as new segments and committed in one record that replaces every segment of the version read. A
 * failure before the commit leaves the table exactly as it was (the new segments are garbage).
 * Used by DELETE, UPDATE and ALTER TABLE ADD/DROP COLUMN.
 */
public final class TableRewrite implements AutoCloseable {
  private final StatementContext context;
  private final TableSnapshot table;
  private final TableDef newDef;
  private final TableWriter writer;
  private final RowAppender rows;

  /** A rewrite of {@code table} into {@code newDef} (the same definition unless ALTER changes it). */
  public TableRewrite(StatementContext context, TableSnapshot table, TableDef newDef) {
    this.context = context;
    this.table = table;
    this.newDef = newDef;
    this.writer = context.writer(newDef, table.version() + 1);
    this.rows = new RowAppender(newDef, writer, context.allocator());
  }

  /**
   * Runs a query whose columns are the new table's columns, preceded by {@code skipColumns}
   * marker columns, and appends the rows the filter keeps (converted to the column types).
   */
  public Appended appendQuery(String sql, int skipColumns, Predicate<Object[]> keep) {
    long kept = 0;
    long dropped = 0;
    int n = newDef.getColumnsCount();
    SqlType[] types = new SqlType[n];
    for (int c = 0; c < n; c++) {
      types[c] = ProtoTypes.fromProto(newDef.getColumns(c).getType());
    }
    try (RowCursor cursor = context.run(context.plan(sql))) {
      for (List<Object[]> chunk = cursor.next(QueryRows.CHUNK); !chunk.isEmpty(); chunk = cursor.next(QueryRows.CHUNK)) {
        for (Object[] r : chunk) {
          if (!keep.test(r)) {
            dropped++;
            continue;
          }
          Object[] row = new Object[n];
          for (int c = 0; c < n; c++) {
            row[c] = AssignmentCast.convert(r[c + skipColumns], types[c], newDef.getColumns(c).getName());
          }
          rows.append(row);
          kept++;
        }
      }
    }
    return new Appended(kept, dropped);
  }

  /** How many rows of a query were kept and dropped. */
  public record Appended(long kept, long dropped) {}

  /** Writes the new segments and commits them in place of every segment of the version read. */
  public void commit() {
    commit(List.of());
  }

  /** The same, in one commit after {@code preceding} changes (CREATE TABLE AS creates the table first). */
  public void commit(List<CatalogRecord> preceding) {
    rows.flush();
    List<CatalogRecord> changes = new ArrayList<>(preceding);
    changes.add(Changes.replace(table, writer.write(), newDef.equals(table.def()) ? null : newDef));
    context.commit(changes);
  }

  @Override
  public void close() {
    rows.close();
    writer.close();
  }
}
