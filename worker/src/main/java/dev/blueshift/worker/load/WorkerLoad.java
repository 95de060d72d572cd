package dev.blueshift.worker.load;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.protocol.catalog.ColumnDef;
import dev.blueshift.protocol.load.LoadInputSpec;
import dev.blueshift.protocol.load.LoadOptionValue;
import dev.blueshift.protocol.load.LoadProgress;
import dev.blueshift.protocol.load.LoadRejectedRow;
import dev.blueshift.protocol.load.LoadReply;
import dev.blueshift.protocol.load.LoadRequest;
import dev.blueshift.protocol.load.LoadResult;
import dev.blueshift.protocol.load.LoadedInput;
import dev.blueshift.protocol.load.SliceProgress;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exchange.NodeChannels;
import dev.blueshift.worker.storage.LocalStorage;
import dev.blueshift.worker.types.ProtoTypes;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One worker's part of a COPY: each of its slices parses the inputs assigned to it (one thread per
 * slice), the {@link SliceRouter} places the rows, and the reply lists the new (uncommitted)
 * segments, each input's line and row counts and the rejected rows. Progress goes out at most
 * every {@link #PROGRESS_MILLIS} while it runs.
 */
final class WorkerLoad {
  static final long PROGRESS_MILLIS = 200;

  private final LoadRequest request;
  private final LocalStorage storage;
  private final NodeChannels channels;
  private final BufferAllocator allocator;
  private final ExecutorService threads;
  private final StreamObserver<LoadReply> reply;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong rejected = new AtomicLong();
  private final Map<Integer, SliceState> slices = new LinkedHashMap<>();
  private long lastProgress;

  /** Live progress of one slice (read by the progress sender under the reply's lock). */
  private static final class SliceState {
    final int slice;
    final List<LoadInputSpec> inputs = new ArrayList<>();
    final AtomicLong bytesLoaded = new AtomicLong();
    final AtomicLong lines = new AtomicLong();
    volatile int filesComplete;
    volatile String currentFile = "";
    long bytesToLoad;

    SliceState(int slice) {
      this.slice = slice;
    }
  }

  WorkerLoad(LoadRequest request, LocalStorage storage, NodeChannels channels, BufferAllocator allocator,
      ExecutorService threads, StreamObserver<LoadReply> reply) {
    this.request = request;
    this.storage = storage;
    this.channels = channels;
    this.allocator = allocator;
    this.threads = threads;
    this.reply = reply;
  }

  void run() {
    List<LoadOption> optionList = new ArrayList<>();
    for (LoadOptionValue o : request.getOptionsList()) {
      optionList.add(new LoadOption(o.getName(), o.hasValue() ? o.getValue() : null));
    }
    LoadOptions options = LoadOptions.parse(optionList);
    LoadTarget target = target();
    LoadFormat format = LoadFormats.of(options);
    for (LoadInputSpec in : request.getInputsList()) {
      SliceState s = slices.computeIfAbsent(in.getSlice(), SliceState::new);
      s.inputs.add(in);
      s.bytesToLoad += in.getBytes();
    }
    Context context = Context.current();
    LoadResult.Builder result = LoadResult.newBuilder();
    try (SliceRouter router = new SliceRouter(request.getTable(), request.getLoadId(), request.getWorker(),
        request.getWorkersList(), request.getSlicesPerWorker(), storage, channels, allocator)) {
      List<Future<List<Object>>> tasks = new ArrayList<>();
      for (SliceState s : slices.values()) {
        tasks.add(threads.submit(context.wrap(() -> parseSlice(s, format, target, options, router))));
      }
      RuntimeException failure = null;
      for (Future<List<Object>> t : tasks) {
        try {
          for (Object o : t.get()) {
            if (o instanceof LoadedInput li) {
              result.addInputs(li);
            } else {
              result.addRejected((LoadRejectedRow) o);
            }
          }
        } catch (ExecutionException e) {
          stop.set(true);
          Throwable cause = e.getCause();
          failure = failure != null ? failure : cause instanceof RuntimeException r ? r
              : new BlueshiftException(SqlState.INTERNAL_ERROR, "load failed: " + cause, cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stop.set(true);
          failure = failure != null ? failure : new BlueshiftException(SqlState.QUERY_CANCELED, "load interrupted");
        }
      }
      if (failure != null) {
        throw failure;
      }
      if (context.isCancelled()) {
        throw new BlueshiftException(SqlState.QUERY_CANCELED, "load cancelled");
      }
      if (!stop.get()) {
        result.addAllSegments(router.finish());
      }
    }
    sendProgress(true);
    synchronized (reply) {
      reply.onNext(LoadReply.newBuilder().setResult(result).build());
      reply.onCompleted();
    }
  }

  /** Parses one slice's inputs in order; returns their LoadedInput and LoadRejectedRow messages. */
  private List<Object> parseSlice(SliceState state, LoadFormat format, LoadTarget target, LoadOptions options,
      SliceRouter router) {
    List<Object> out = new ArrayList<>();
    FormatParser parser = format.parser(target, options, allocator);
    Context context = Context.current();
    for (LoadInputSpec spec : state.inputs) {
      if (stop.get() || context.isCancelled()) {
        break;
      }
      state.currentFile = spec.getFile();
      LoadInput plain = spec.getEnd() < 0 ? LoadInput.wholeFile(Path.of(spec.getFile()))
          : LoadInput.range(Path.of(spec.getFile()), spec.getStart(), spec.getEnd());
      long before = state.bytesLoaded.get();
      InputStream counted = new Counting(plain.open(options.compression()), state);
      LoadInput input = new LoadInput(plain.name(), plain.file(), plain.start(), plain.end(), counted);
      List<LoadError> errors = new ArrayList<>();
      long[] rowsSeen = {0};
      ParseResult r = parser.parse(input, batch -> {
        rowsSeen[0] += batch.getRowCount();
        state.lines.addAndGet(batch.getRowCount());
        if (request.getNoLoad() || stop.get() || context.isCancelled()) {
          batch.close();
        } else {
          router.add(batch);
        }
        sendProgress(false);
      }, errors);
      try {
        counted.close(); // parsers that read the file by themselves leave it open
      } catch (IOException e) {
        // nothing was lost: the input has been read
      }
      // a parser that reads by itself (not through open()) leaves the count behind: settle it
      state.bytesLoaded.set(Math.max(state.bytesLoaded.get(), before + spec.getBytes()));
      state.lines.addAndGet(r.lines() - rowsSeen[0]);
      state.filesComplete++;
      out.add(LoadedInput.newBuilder().setIndex(spec.getIndex()).setLines(r.lines()).setRows(r.rows())
          .setStopped(r.stopped()).build());
      for (LoadError e : errors) {
        out.add(rejectedRow(spec.getIndex(), state.slice, e));
      }
      if (r.stopped() || rejected.addAndGet(errors.size()) > options.maxErrors()) {
        stop.set(true); // past MAXERROR on this worker alone: the load fails, stop early
      }
      sendProgress(false);
    }
    return out;
  }

  private static LoadRejectedRow rejectedRow(int input, int slice, LoadError e) {
    LoadRejectedRow.Builder b = LoadRejectedRow.newBuilder().setInput(input).setSlice(slice).setLine(e.line())
        .setPosition(e.position()).setCode(e.code()).setReason(e.reason() == null ? "" : e.reason());
    if (e.column() != null) {
      b.setColumn(e.column());
    }
    if (e.type() != null) {
      b.setType(e.type());
    }
    if (e.rawLine() != null) {
      b.setRawLine(e.rawLine());
    }
    if (e.rawValue() != null) {
      b.setRawValue(e.rawValue());
    }
    return b.build();
  }

  private LoadTarget target() {
    List<String> names = new ArrayList<>();
    List<SqlType> types = new ArrayList<>();
    List<Boolean> notNull = new ArrayList<>();
    for (ColumnDef c : request.getTable().getColumnsList()) {
      names.add(c.getName());
      types.add(ProtoTypes.fromProto(c.getType()));
      notNull.add(c.getNotNull());
    }
    int[] fileColumns = request.getFileColumnsList().stream().mapToInt(Integer::intValue).toArray();
    Object[] fixed = new Object[types.size()];
    for (int c = 0; c < fixed.length && c < request.getFixedCount(); c++) {
      fixed[c] = ProtoTypes.value(request.getFixed(c));
    }
    return new LoadTarget(names, types, notNull, fileColumns, fixed);
  }

  /** Sends the slices' progress, at most every PROGRESS_MILLIS unless {@code force}. */
  private void sendProgress(boolean force) {
    long now = System.currentTimeMillis();
    synchronized (reply) {
      if (!force && now - lastProgress < PROGRESS_MILLIS) {
        return;
      }
      lastProgress = now;
      LoadProgress.Builder p = LoadProgress.newBuilder();
      for (SliceState s : slices.values()) {
        p.addSlices(SliceProgress.newBuilder().setSlice(s.slice).setBytesToLoad(s.bytesToLoad)
            .setBytesLoaded(Math.min(s.bytesToLoad, s.bytesLoaded.get())).setLines(s.lines.get())
            .setNumFiles(s.inputs.size()).setNumFilesComplete(s.filesComplete).setCurrentFile(s.currentFile));
      }
      reply.onNext(LoadReply.newBuilder().setProgress(p).build());
    }
  }

  /** Counts the bytes a parser reads, for progress. */
  private static final class Counting extends FilterInputStream {
    private final SliceState state;

    Counting(InputStream in, SliceState state) {
      super(in);
      this.state = state;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        state.bytesLoaded.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = in.read(buf, off, len);
      if (n > 0) {
        state.bytesLoaded.addAndGet(n);
      }
      return n;
    }
  }
}
