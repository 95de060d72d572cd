package dev.blueshift.coordinator.load;

import dev.blueshift.coordinator.cluster.ClusterClient;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.catalog.SegmentEntry;
import dev.blueshift.protocol.catalog.TableDef;
import dev.blueshift.protocol.load.AbortLoadRequest;
import dev.blueshift.protocol.load.LoadInputSpec;
import dev.blueshift.protocol.load.LoadOptionValue;
import dev.blueshift.protocol.load.LoadRejectedRow;
import dev.blueshift.protocol.load.LoadReply;
import dev.blueshift.protocol.load.LoadRequest;
import dev.blueshift.protocol.load.LoadResult;
import dev.blueshift.protocol.load.LoadServiceGrpc;
import dev.blueshift.protocol.load.LoadedInput;
import dev.blueshift.protocol.load.NewSegment;
import dev.blueshift.protocol.load.SliceProgress;
import dev.blueshift.worker.load.Compression;
import dev.blueshift.worker.load.LoadError;
import dev.blueshift.worker.load.LoadOption;
import dev.blueshift.worker.service.GrpcErrors;
import dev.blueshift.worker.types.ProtoTypes;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's side of a parallel COPY: cuts the files into inputs (large uncompressed files
 * of a line format into line-aligned byte ranges), gives each input to a slice (largest first, to
 * the slice with the fewest bytes so far), sends every worker its slices' inputs, follows their
 * progress, and gathers the new segments, line counts and rejected rows. Rejected rows get the
 * true line number of their file (a range counts from its own first line; the lines of the
 * ranges before it are added here). On any failure every worker deletes the load's segments.
 */
final class DistributedLoad {
  /** A file smaller than twice this is never split. */
  static final long MIN_RANGE_BYTES = 4L << 20;
  static final long MAX_RANGE_BYTES = 256L << 20;

  /** One input as planned: a whole file or a byte range, and the slice that parses it. */
  record Input(int index, int fileIndex, Path file, long start, long end, long bytes, int slice) {}

  /** What the workers gave back: per-input counts, rejected rows with their true lines and slices, new segments. */
  record Outcome(List<Input> inputs, long[] lines, long[] rows, boolean stopped, List<LoadError> errors,
      List<Integer> errorSlices, List<SegmentEntry> segments) {}

  private final ClusterClient cluster;
  private final String loadId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  DistributedLoad(ClusterClient cluster) {
    this.cluster = cluster;
  }

  /** Splits and assigns the files; {@code splittable}: the format allows line-aligned ranges. */
  List<Input> plan(List<Path> files, boolean splittable, boolean compressedByOption) {
    long[] sizes = new long[files.size()];
    long total = 0;
    for (int i = 0; i < files.size(); i++) {
      try {
        sizes[i] = Files.size(files.get(i));
      } catch (IOException e) {
        throw new BlueshiftException(SqlState.IO_ERROR, "cannot read " + files.get(i) + ": " + e.getMessage(), e);
      }
      total += sizes[i];
    }
    int slices = cluster.totalSlices();
    // about two ranges per slice for the whole COPY, so slices finish close together
    long rangeBytes = Math.max(MIN_RANGE_BYTES, Math.min(MAX_RANGE_BYTES, total / Math.max(1, slices * 2L) + 1));
    List<Input> planned = new ArrayList<>();
    for (int f = 0; f < files.size(); f++) {
      Path file = files.get(f);
      boolean split = splittable && !compressedByOption && !compressedName(file) && sizes[f] >= 2 * MIN_RANGE_BYTES
          && sizes[f] > rangeBytes;
      if (!split) {
        planned.add(new Input(planned.size(), f, file, 0, -1, sizes[f], -1));
        continue;
      }
      long parts = (sizes[f] + rangeBytes - 1) / rangeBytes;
      long step = (sizes[f] + parts - 1) / parts;
      for (long start = 0; start < sizes[f]; start += step) {
        long end = Math.min(sizes[f], start + step);
        planned.add(new Input(planned.size(), f, file, start, end, end - start, -1));
      }
    }
    long[] load = new long[slices];
    // interleave the slices over the workers: slice order 0, spw, 2spw, …, 1, spw+1, …
    int[] order = new int[slices];
    int k = 0;
    for (int i = 0; i < cluster.slicesPerWorker(); i++) {
      for (int w = 0; w < cluster.workerCount(); w++) {
        order[k++] = w * cluster.slicesPerWorker() + i;
      }
    }
    List<Input> bySize = new ArrayList<>(planned);
    bySize.sort(Comparator.comparingLong(Input::bytes).reversed().thenComparingInt(Input::index));
    Input[] assigned = new Input[planned.size()];
    for (Input in : bySize) {
      int best = order[0];
      for (int s : order) {
        if (load[s] < load[best]) {
          best = s;
        }
      }
      load[best] += Math.max(1, in.bytes());
      assigned[in.index()] = new Input(in.index(), in.fileIndex(), in.file(), in.start(), in.end(), in.bytes(), best);
    }
    return List.of(assigned);
  }

  static boolean compressedName(Path file) {
    return Compression.ofFileName(file.toString()) != Compression.NONE;
  }

  /** Runs the load on the workers; on failure deletes whatever segments it wrote, then throws. */
  Outcome run(List<Input> inputs, TableDef def, int[] fileColumns, Object[] fixed, List<LoadOption> options,
      boolean noLoad, LoadStates.Running progress, boolean compressed) {
    List<String> workers = new ArrayList<>();
    for (int w = 0; w < cluster.workerCount(); w++) {
      workers.add(cluster.address(w));
    }
    LoadRequest.Builder common = LoadRequest.newBuilder().setLoadId(loadId).setTable(def)
        .addAllWorkers(workers).setSlicesPerWorker(cluster.slicesPerWorker()).setNoLoad(noLoad);
    for (int c : fileColumns) {
      common.addFileColumns(c);
    }
    for (Object v : fixed) {
      common.addFixed(ProtoTypes.literal(v));
    }
    for (LoadOption o : options) {
      LoadOptionValue.Builder b = LoadOptionValue.newBuilder().setName(o.name());
      if (o.value() != null) {
        b.setValue(o.value());
      }
      common.addOptions(b);
    }
    Context.CancellableContext context = Context.current().withCancellation();
    List<CompletableFuture<LoadResult>> results = new ArrayList<>();
    try {
      for (int w = 0; w < cluster.workerCount(); w++) {
        LoadRequest.Builder request = common.clone().setWorker(w);
        for (Input in : inputs) {
          if (cluster.workerOfSlice(in.slice()) == w) {
            request.addInputs(LoadInputSpec.newBuilder().setIndex(in.index()).setFile(in.file().toString())
                .setStart(in.start()).setEnd(in.end()).setSlice(in.slice()).setBytes(in.bytes()));
          }
        }
        if (request.getInputsCount() == 0) {
          continue;
        }
        CompletableFuture<LoadResult> result = new CompletableFuture<>();
        results.add(result);
        LoadServiceGrpc.LoadServiceStub stub = LoadServiceGrpc.newStub(cluster.channels().get(cluster.address(w)));
        LoadRequest built = request.build();
        context.run(() -> stub.load(built, new StreamObserver<>() {
          @Override
          public void onNext(LoadReply reply) {
            if (reply.hasProgress()) {
              for (SliceProgress p : reply.getProgress().getSlicesList()) {
                progress.update(p, compressed);
              }
            } else {
              result.complete(reply.getResult());
            }
          }

          @Override
          public void onError(Throwable t) {
            result.completeExceptionally(t);
            context.cancel(t); // stop the other workers at once
          }

          @Override
          public void onCompleted() {
            if (!result.isDone()) {
              result.completeExceptionally(new IllegalStateException("load ended without a result"));
            }
          }
        }));
      }
      List<LoadResult> done = new ArrayList<>();
      RuntimeException failure = null;
      for (CompletableFuture<LoadResult> f : results) {
        try {
          if (failure != null) {
            break;
          }
          done.add(f.get());
        } catch (ExecutionException e) {
          failure = GrpcErrors.fromThrowable(e.getCause());
          context.cancel(failure); // stop the other workers at once
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure = new BlueshiftException(SqlState.QUERY_CANCELED, "COPY interrupted");
          context.cancel(failure);
        }
      }
      if (failure != null) {
        throw failure;
      }
      return outcome(inputs, done);
    } catch (RuntimeException e) {
      context.cancel(e);
      abort(def.getTableId());
      throw e;
    } finally {
      context.cancel(null);
    }
  }

  private Outcome outcome(List<Input> inputs, List<LoadResult> done) {
    long[] lines = new long[inputs.size()];
    long[] rows = new long[inputs.size()];
    boolean stopped = false;
    List<LoadRejectedRow> rejected = new ArrayList<>();
    List<SegmentEntry> segments = new ArrayList<>();
    for (LoadResult r : done) {
      for (LoadedInput li : r.getInputsList()) {
        lines[li.getIndex()] = li.getLines();
        rows[li.getIndex()] = li.getRows();
        stopped |= li.getStopped();
      }
      rejected.addAll(r.getRejectedList());
      for (NewSegment s : r.getSegmentsList()) {
        segments.add(SegmentEntry.newBuilder().setWorker(s.getWorker()).setSlice(s.getSlice())
            .setPath(s.getSegment().getPath()).setRowCount(s.getSegment().getRowCount())
            .setBytes(s.getSegment().getBytes()).addAllStats(s.getSegment().getStatsList()).build());
      }
    }
    // a range's lines count from its own start: add the lines of the file's earlier ranges
    long[] lineOffset = new long[inputs.size()];
    List<Input> byPosition = new ArrayList<>(inputs);
    byPosition.sort(Comparator.comparingInt(Input::fileIndex).thenComparingLong(Input::start));
    long offset = 0;
    int file = -1;
    for (Input in : byPosition) {
      if (in.fileIndex() != file) {
        file = in.fileIndex();
        offset = 0;
      }
      lineOffset[in.index()] = offset;
      offset += lines[in.index()];
    }
    rejected.sort(Comparator.comparingInt((LoadRejectedRow r) -> inputs.get(r.getInput()).fileIndex())
        .thenComparingLong(r -> lineOffset[r.getInput()] + r.getLine()));
    List<LoadError> errors = new ArrayList<>();
    List<Integer> slices = new ArrayList<>();
    for (LoadRejectedRow r : rejected) {
      errors.add(new LoadError(inputs.get(r.getInput()).file().toString(), lineOffset[r.getInput()] + r.getLine(),
          r.hasColumn() ? r.getColumn() : null, r.hasType() ? r.getType() : null, r.getPosition(),
          r.hasRawLine() ? r.getRawLine() : null, r.hasRawValue() ? r.getRawValue() : null, r.getCode(), r.getReason()));
      slices.add(r.getSlice());
    }
    segments.sort(Comparator.comparingInt(SegmentEntry::getSlice).thenComparing(SegmentEntry::getPath));
    return new Outcome(inputs, lines, rows, stopped, errors, slices, segments);
  }

  /** Has every worker delete the segment files this load wrote (best effort: restart GC catches the rest). */
  void abort(long tableId) {
    for (int w = 0; w < cluster.workerCount(); w++) {
      try {
        LoadServiceGrpc.newBlockingStub(cluster.channels().get(cluster.address(w))).withDeadlineAfter(30, TimeUnit.SECONDS)
            .abortLoad(AbortLoadRequest.newBuilder().setTableId(tableId).setLoadId(loadId).build());
      } catch (RuntimeException e) {
        // an unreachable worker deletes the files at its next start (garbage collection)
      }
    }
  }
}
