package dev.blueshift.worker.service;

import dev.blueshift.protocol.ExecuteFragmentRequest;
import dev.blueshift.protocol.ExecuteFragmentResponse;
import dev.blueshift.protocol.SegmentRef;
import dev.blueshift.protocol.TableSlice;
import dev.blueshift.worker.exchange.ExchangeRegistry;
import dev.blueshift.worker.exchange.ExchangeSink;
import dev.blueshift.worker.exchange.NodeChannels;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Operator;
import dev.blueshift.worker.exec.PlanBuilder;
import dev.blueshift.worker.exec.spill.QueryMemory;
import dev.blueshift.worker.storage.LocalStorage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Runs one fragment instance to completion: operators pulled batch by batch into its exchange sink. */
public final class FragmentExecutor {
  /** Spill files live here, under the worker's data directory; operators delete their own. */
  public static final String SPILL_DIRECTORY = "spill";

  private FragmentExecutor() {}

  public static ExecuteFragmentResponse run(ExecuteFragmentRequest request, ExecContext context,
      LocalStorage storage, ExchangeRegistry exchanges, NodeChannels channels) {
    Map<Long, List<Path>> segments = new HashMap<>();
    Map<Path, Path> deleteVectors = new HashMap<>();
    for (TableSlice t : request.getTablesList()) {
      List<Path> files = new ArrayList<>();
      for (SegmentRef s : t.getSegmentsList()) {
        files.add(storage.resolve(s.getPath()));
        if (!s.getDeleteVector().isEmpty()) {
          deleteVectors.put(storage.resolve(s.getPath()), storage.resolve(s.getDeleteVector()));
        }
      }
      segments.put(t.getTableId(), files);
    }
    context.spillDirectory(storage.root().resolve(SPILL_DIRECTORY));
    try {
      return execute(request, context, exchanges, channels, segments, deleteVectors);
    } catch (OutOfMemoryException e) {
      // an allocation beyond the query's limit outside a spilling operator (or past what spilling can do)
      throw QueryMemory.fromArrow(e, context.allocator());
    } catch (OutOfMemoryError e) {
      throw QueryMemory.fromHeap(e, context.allocator());
    } catch (RuntimeException e) {
      // a refused allocation wrapped by a reader (e.g. while decoding a segment) is still out of memory
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof OutOfMemoryException oom) {
          throw QueryMemory.fromArrow(oom, context.allocator());
        }
      }
      throw e;
    }
  }

  private static ExecuteFragmentResponse execute(ExecuteFragmentRequest request, ExecContext context,
      ExchangeRegistry exchanges, NodeChannels channels, Map<Long, List<Path>> segments,
      Map<Path, Path> deleteVectors) {
    if (request.getProfile()) {
      context.enableProfiling();
    }
    PlanBuilder builder = new PlanBuilder(context, exchanges, request.getQueryId(), request.getInstance(), segments,
        deleteVectors);
    try (Operator root = builder.build(request.getFragment().getRoot());
        ExchangeSink sink = new ExchangeSink(request.getFragment().getSink(), channels, request.getQueryId(),
            request.getInstance(), context)) {
      VectorSchemaRoot batch;
      while ((batch = root.next()) != null) {
        try (VectorSchemaRoot b = batch) {
          context.checkCancelled();
          sink.accept(b);
        }
      }
      sink.finish();
      return ExecuteFragmentResponse.newBuilder()
          .setRowsOut(sink.rowsSent())
          .setBlocksRead(context.blocksRead.get())
          .setBlocksSkipped(context.blocksSkipped.get())
          .addAllOperators(context.profile())
          .build();
    }
  }
}
