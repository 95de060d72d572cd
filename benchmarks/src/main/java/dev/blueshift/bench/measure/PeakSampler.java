package dev.blueshift.bench.measure;

import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Polls a memory reading every quarter second and keeps the highest, for processes whose kernel
 * peak (VmHWM) does not add up across a tree.
 */
public final class PeakSampler implements AutoCloseable {
  private final ScheduledExecutorService poller;
  private final AtomicLong peak = new AtomicLong(-1);
  private final Supplier<OptionalLong> reading;

  public PeakSampler(Supplier<OptionalLong> reading) {
    this.reading = reading;
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bench-memory-sampler");
      t.setDaemon(true);
      return t;
    });
    poller.scheduleAtFixedRate(this::sample, 0, 250, TimeUnit.MILLISECONDS);
  }

  private synchronized void sample() {
    reading.get().ifPresent(v -> peak.accumulateAndGet(v, Math::max));
  }

  /** The highest reading so far, or empty when none could be read. */
  public OptionalLong peakBytes() {
    sample();
    long p = peak.get();
    return p < 0 ? OptionalLong.empty() : OptionalLong.of(p);
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
