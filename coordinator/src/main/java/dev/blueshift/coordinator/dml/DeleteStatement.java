package dev.blueshift.coordinator.dml;

import dev.blueshift.coordinator.catalog.Changes;
import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.cluster.ClusterClient;
import dev.blueshift.coordinator.load.TableWriter;
import dev.blueshift.coordinator.plan.DistributedPlan;
import dev.blueshift.coordinator.plan.FragmentPlan;
import dev.blueshift.coordinator.sql.parser.BlueshiftSqlParser;
import dev.blueshift.protocol.DeleteMark;
import dev.blueshift.protocol.DeleteTarget;
import dev.blueshift.protocol.MarkDeletesRequest;
import dev.blueshift.protocol.MarkDeletesResponse;
import dev.blueshift.protocol.PlanNode;
import dev.blueshift.protocol.TableScan;
import dev.blueshift.protocol.catalog.DistStyle;
import dev.blueshift.protocol.catalog.SegmentEntry;
import dev.blueshift.worker.service.GrpcErrors;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.calcite.sql.SqlDelete;

/**
 * {@code DELETE FROM t [[AS] alias] [WHERE cond]}.
 *
 * <p>When the condition reads only the table's own row (the query {@code SELECT 1 FROM t WHERE cond}
 * plans to filters and projections over one scan of {@code t}), every worker evaluates it over its
 * segments and writes, per segment with newly deleted rows, a new version of the segment's delete
 * vector (the union with the current one); the statement commits the new vectors in place of the old
 * ones, and drops segments whose rows are all deleted. Cost follows the rows scanned, not the table
 * rewritten. When the table would then hold more deleted rows than live ones, the statement instead
 * rewrites the table (copy-on-write, which also drops every delete vector): the vector files just
 * written become garbage.
 *
 * <p>Otherwise (subqueries, USING-style joins, a condition the workers cannot evaluate alone) it is
 * copy-on-write: one query reads every row with a marker telling whether the condition holds (TRUE
 * only: NULL keeps the row); the rows without it become the table's next version. Nothing is written
 * when no row matches. Files of a statement that fails or is rolled back are never committed and are
 * collected as garbage.
 */
public final class DeleteStatement {
  private DeleteStatement() {}

  /** Runs the DELETE and returns the number of rows deleted. */
  public static long execute(StatementContext context, SqlDelete delete) {
    TableSnapshot table = Relations.table(context.relations(), delete.getTargetTable(), "delete from");
    if (delete.getCondition() == null) {
      long rows = table.rowCount();
      if (rows > 0) {
        context.commit(List.of(Changes.replace(table, List.of(), null)));
      }
      return rows;
    }
    String alias = delete.getAlias() == null ? null : delete.getAlias().getSimple();
    String condition = BlueshiftSqlParser.toSql(delete.getCondition());
    if (table.rowCount() == 0) {
      return 0;
    }
    RowFilter filter = rowFilter(context.plan("SELECT 1 FROM " + from(table, alias) + " WHERE " + condition), table);
    if (filter != null) {
      Marked marked = mark(context, table, filter);
      if (marked.deleted() == 0) {
        return 0;
      }
      if (!marked.mostlyDeleted()) {
        context.commit(List.of(Changes.markDeleted(table, marked.updated(), marked.removed())));
        return marked.deleted();
      }
    }
    return rewrite(context, table, condition, alias);
  }

  /** Copy-on-write of the whole table without the rows the condition holds for. */
  private static long rewrite(StatementContext context, TableSnapshot table, String condition, String alias) {
    String sql = "SELECT CASE WHEN " + condition + " THEN 1 ELSE 0 END, * FROM " + from(table, alias);
    try (TableRewrite rewrite = new TableRewrite(context, table, table.def())) {
      long deleted = rewrite.appendQuery(sql, 1, row -> ((Number) row[0]).intValue() == 0).dropped();
      if (deleted > 0) {
        rewrite.commit();
      }
      return deleted;
    }
  }

  /**
   * The scan and row condition of a plan that is filters and projections over one scan of the
   * table (and exchanges gathering it), or null when the plan is anything else.
   */
  static RowFilter rowFilter(DistributedPlan plan, TableSnapshot table) {
    RowFilter found = null;
    for (FragmentPlan f : plan.fragments()) {
      RowFilter r = chain(f.root(), table.id());
      if (r == BAD) {
        return null;
      }
      if (r != null) {
        if (found != null) {
          return null; // two scans (a self-join): not one row at a time
        }
        found = r;
      }
    }
    return found;
  }

  private static final RowFilter BAD = new RowFilter(TableScan.getDefaultInstance(), null);

  /** Walks Project* [Filter] Scan (or an exchange source); BAD for any other shape. */
  private static RowFilter chain(PlanNode node, long tableId) {
    while (node.hasProject()) {
      node = node.getProject().getInput();
    }
    if (node.hasExchangeSource()) {
      return null;
    }
    dev.blueshift.protocol.Expr condition = null;
    if (node.hasFilter()) {
      condition = node.getFilter().getCondition();
      node = node.getFilter().getInput();
    }
    if (!node.hasScan() || node.getScan().getTableId() != tableId) {
      return BAD;
    }
    return new RowFilter(node.getScan(), condition);
  }

  /** The scan a DELETE's condition reads and the condition over its output (null: every row). */
  record RowFilter(TableScan scan, dev.blueshift.protocol.Expr condition) {}

  /** What the workers marked: entries to update, segments to drop, rows newly deleted. */
  private record Marked(List<SegmentEntry> updated, List<String> removed, long deleted, boolean mostlyDeleted) {}

  private static Marked mark(StatementContext context, TableSnapshot table, RowFilter filter) {
    Map<Integer, List<SegmentEntry>> byWorker = new HashMap<>();
    for (SegmentEntry s : table.segments()) {
      byWorker.computeIfAbsent(s.getWorker(), w -> new ArrayList<>()).add(s);
    }
    MarkDeletesRequest.Builder base = MarkDeletesRequest.newBuilder().setTableId(table.id())
        .addAllColumns(filter.scan().getColumnsList()).addAllOutput(filter.scan().getOutputList())
        .setVersion(table.version() + 1).setToken(Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
    if (filter.condition() != null) {
      base.setCondition(filter.condition());
    }
    if (filter.scan().hasBlockFilter()) {
      base.setBlockFilter(filter.scan().getBlockFilter());
    }
    Map<Integer, CompletableFuture<MarkDeletesResponse>> calls = new HashMap<>();
    try (TableWriter writer = context.writer(table.def(), table.version() + 1)) {
      ClusterClient cluster = writer.cluster();
      for (Map.Entry<Integer, List<SegmentEntry>> e : byWorker.entrySet()) {
        MarkDeletesRequest.Builder request = base.clone();
        for (SegmentEntry s : e.getValue()) {
          request.addSegments(DeleteTarget.newBuilder().setPath(s.getPath()).setDeleteVector(s.getDeleteVector()));
        }
        CompletableFuture<MarkDeletesResponse> future = new CompletableFuture<>();
        cluster.async(e.getKey()).markDeletes(request.build(), new StreamObserver<>() {
          @Override
          public void onNext(MarkDeletesResponse value) {
            future.complete(value);
          }

          @Override
          public void onError(Throwable t) {
            future.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {
            future.completeExceptionally(new IllegalStateException("worker sent no answer"));
          }
        });
        calls.put(e.getKey(), future);
      }
    }
    boolean replicated = table.def().getDistStyle() == DistStyle.DIST_ALL;
    List<SegmentEntry> updated = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    long deleted = 0;
    long deletedAfter = 0;
    long liveAfter = 0;
    RuntimeException failure = null;
    for (Map.Entry<Integer, List<SegmentEntry>> e : byWorker.entrySet()) {
      MarkDeletesResponse response;
      try {
        response = calls.get(e.getKey()).get();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        failure = failure != null ? failure : GrpcErrors.fromThrowable(ex);
        continue;
      } catch (ExecutionException ex) {
        failure = failure != null ? failure : GrpcErrors.fromThrowable(ex.getCause());
        continue;
      }
      List<SegmentEntry> segments = e.getValue();
      for (int i = 0; i < segments.size(); i++) {
        SegmentEntry s = segments.get(i);
        DeleteMark m = response.getMarks(i);
        boolean counted = !replicated || s.getWorker() == 0;
        if (counted) {
          deleted += m.getNewlyDeleted();
          if (m.getDeletedRows() < m.getRowCount()) { // a wholly deleted segment leaves the table
            deletedAfter += m.getDeletedRows();
            liveAfter += m.getRowCount() - m.getDeletedRows();
          }
        }
        if (m.getNewlyDeleted() == 0) {
          continue;
        }
        if (m.getDeletedRows() == m.getRowCount()) {
          removed.add(TableSnapshot.segmentKey(s));
        } else {
          updated.add(s.toBuilder().setDeleteVector(m.getDeleteVector()).setDeletedRows(m.getDeletedRows()).build());
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return new Marked(updated, removed, deleted, deletedAfter > liveAfter);
  }

  /** The FROM clause naming the table, with the statement's alias. */
  static String from(TableSnapshot table, String alias) {
    return Relations.sqlName(table) + (alias == null ? "" : " AS " + Relations.quote(alias));
  }
}
