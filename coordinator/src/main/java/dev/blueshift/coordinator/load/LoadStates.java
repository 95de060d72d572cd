package dev.blueshift.coordinator.load;

import dev.blueshift.protocol.load.SliceProgress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The COPYs running now and each slice's latest progress, as the workers report it; behind
 * {@code stv_load_state}. A load is listed from its start until it commits or fails.
 */
public final class LoadStates {
  /** One slice's row of stv_load_state (Redshift's columns). */
  public record SliceState(int session, long query, int slice, int pid, long recordMicros, long bytesToLoad,
      long bytesLoaded, long bytesToLoadCompressed, long bytesLoadedCompressed, long lines, int numFiles,
      int numFilesComplete, String currentFile, int pctComplete) {}

  private final Map<Long, Running> running = new ConcurrentHashMap<>();

  /** One running load: the slices' latest progress. */
  final class Running implements AutoCloseable {
    private final int session;
    private final long query;
    private final Map<Integer, SliceState> slices = new TreeMap<>();

    private Running(int session, long query) {
      this.session = session;
      this.query = query;
    }

    synchronized void update(SliceProgress p, boolean compressed) {
      int pct = p.getBytesToLoad() == 0 ? 100 : (int) Math.min(100, p.getBytesLoaded() * 100 / p.getBytesToLoad());
      slices.put(p.getSlice(), new SliceState(session, query, p.getSlice(), session, nowMicros(), p.getBytesToLoad(),
          p.getBytesLoaded(), compressed ? p.getBytesToLoad() : 0, compressed ? p.getBytesLoaded() : 0, p.getLines(),
          p.getNumFiles(), p.getNumFilesComplete(), p.getCurrentFile(), pct));
    }

    synchronized List<SliceState> rows() {
      return new ArrayList<>(slices.values());
    }

    @Override
    public void close() {
      running.remove(query);
    }
  }

  /** Registers a load until the returned handle is closed. */
  Running start(int session, long query) {
    Running r = new Running(session, query);
    running.put(query, r);
    return r;
  }

  /** Every running load's slices, by query then slice. */
  public List<SliceState> rows() {
    List<SliceState> out = new ArrayList<>();
    new TreeMap<>(running).values().forEach(r -> out.addAll(r.rows()));
    return out;
  }

  private static long nowMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }
}
