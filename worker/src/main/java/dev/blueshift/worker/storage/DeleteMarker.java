package dev.blueshift.worker.storage;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.DeleteMark;
import dev.blueshift.protocol.DeleteTarget;
import dev.blueshift.protocol.MarkDeletesRequest;
import dev.blueshift.protocol.MarkDeletesResponse;
import dev.blueshift.storage.segment.BlockPredicate;
import dev.blueshift.storage.segment.DeleteVector;
import dev.blueshift.storage.segment.DeleteVectorFile;
import dev.blueshift.storage.segment.SegmentReader;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.Batches;
import dev.blueshift.worker.exec.BlockFilters;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.expr.Evaluator;
import dev.blueshift.worker.exec.expr.ExprCompiler;
import dev.blueshift.worker.exec.expr.Value;
import dev.blueshift.worker.types.ArrowSchemas;
import dev.blueshift.worker.types.ProtoTypes;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The worker's half of a DELETE with delete vectors: evaluates the condition over every row of
 * each segment (deleted rows included: marking them again changes nothing) and writes the union
 * with the segment's current delete vector as a new delete-vector file. Row positions are the
 * segment's file order, as {@code LiveSegmentReader} applies them. Nothing here is committed: the
 * coordinator commits the new files or they are garbage.
 */
public final class DeleteMarker {
  private DeleteMarker() {}

  public static MarkDeletesResponse mark(MarkDeletesRequest request, LocalStorage storage, ExecContext context) {
    int[] columns = request.getColumnsList().stream().mapToInt(Integer::intValue).toArray();
    List<SqlType> types = ProtoTypes.types(request.getOutputList());
    Schema schema = ArrowSchemas.schema(request.getOutputList());
    Evaluator condition = request.hasCondition() ? ExprCompiler.compile(request.getCondition(), types) : null;
    BlockPredicate blocks = request.hasBlockFilter() && condition != null
        ? BlockFilters.fromExpr(request.getBlockFilter(), columns, types)
        : BlockPredicate.ALWAYS;
    MarkDeletesResponse.Builder response = MarkDeletesResponse.newBuilder();
    for (DeleteTarget target : request.getSegmentsList()) {
      context.checkCancelled();
      response.addMarks(markSegment(target, request, columns, schema, condition, blocks, storage, context));
    }
    return response.build();
  }

  private static DeleteMark markSegment(DeleteTarget target, MarkDeletesRequest request, int[] columns, Schema schema,
      Evaluator condition, BlockPredicate blocks, LocalStorage storage, ExecContext context) {
    DeleteVector before = target.getDeleteVector().isEmpty() ? null
        : DeleteVectorFile.read(storage.resolve(target.getDeleteVector()));
    long rows;
    long[] words;
    try (SegmentReader reader = SegmentReader.open(storage.resolve(target.getPath()), context.allocator())) {
      rows = reader.rowCount();
      if (before != null && before.rowCount() != rows) {
        throw new BlueshiftException(SqlState.DATA_CORRUPTED, "delete vector " + target.getDeleteVector()
            + " covers " + before.rowCount() + " rows, segment " + target.getPath() + " has " + rows);
      }
      words = new long[(int) ((rows + 63) >>> 6)];
      if (condition == null) {
        for (long r = 0; r < rows; r++) {
          words[(int) (r >>> 6)] |= 1L << r;
        }
      } else {
        long[] blockStart = new long[reader.blockCount() + 1];
        for (int b = 0; b < reader.blockCount(); b++) {
          blockStart[b + 1] = blockStart[b] + reader.blockRowCount(b);
        }
        for (int b : reader.matchingBlocks(blocks)) {
          context.checkCancelled();
          try (VectorSchemaRoot batch = Batches.retype(reader.readBlock(b, columns), schema, context.allocator());
              Value v = condition.evaluate(batch, context)) {
            for (int r = 0; r < batch.getRowCount(); r++) {
              if (!v.isNull(r) && v.getBoolean(r)) {
                long position = blockStart[b] + r;
                words[(int) (position >>> 6)] |= 1L << position;
              }
            }
          }
        }
      }
    }
    DeleteVector marked = DeleteVector.fromWords(rows, words);
    DeleteVector after = before == null ? marked : before.union(marked);
    long newly = after.deletedCount() - (before == null ? 0 : before.deletedCount());
    DeleteMark.Builder mark = DeleteMark.newBuilder().setPath(target.getPath()).setRowCount(rows)
        .setDeletedRows(after.deletedCount()).setNewlyDeleted(newly);
    if (newly > 0 && after.liveCount() > 0) {
      String path = DeleteVectorFile.path(target.getPath(), request.getVersion(), request.getToken());
      DeleteVectorFile.write(storage.prepareNewSegment(path), after);
      mark.setDeleteVector(path);
    }
    return mark.build();
  }
}
