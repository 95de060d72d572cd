package dev.blueshift.worker.exec.spill;

import org.apache.arrow.memory.AllocationReservation;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Java-heap state an operator holds (hash table slots, accumulator arrays, sort indices),
 * reserved against its query's allocator so the query's memory limit covers it as well as the
 * Arrow buffers. Grows by {@link #tryReserve}, drops to nothing with {@link #release}.
 */
public final class MemoryReservation implements AutoCloseable {
  private static final long GRANULE = 4096;
  private final BufferAllocator allocator;
  private AllocationReservation reservation;
  private long reserved;

  public MemoryReservation(BufferAllocator allocator) {
    this.allocator = allocator;
  }

  /**
   * Makes the reservation at least {@code bytes}; false when the allocator refuses (its limit or
   * a parent's would be exceeded). Called per batch, never per row.
   */
  public boolean tryReserve(long bytes) {
    if (bytes <= reserved) {
      return true;
    }
    long delta = (bytes - reserved + GRANULE - 1) / GRANULE * GRANULE;
    if (reservation == null) {
      reservation = allocator.newReservation();
    }
    // AllocationReservation.add rounds each amount up to a power of two: add delta bit by bit so
    // exactly delta is reserved
    for (long bit = Long.highestOneBit(delta); bit >= GRANULE; bit >>>= 1) {
      if ((delta & bit) != 0) {
        if (!reservation.add(bit)) {
          return false;
        }
        reserved += bit;
      }
    }
    return true;
  }

  /** Bytes reserved now. */
  public long reserved() {
    return reserved;
  }

  /** Gives everything back (the state it covered is gone or about to be). */
  public void release() {
    if (reservation != null) {
      reservation.close();
      reservation = null;
    }
    reserved = 0;
  }

  @Override
  public void close() {
    release();
  }
}
