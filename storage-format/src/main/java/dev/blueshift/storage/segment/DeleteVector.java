package dev.blueshift.storage.segment;

import java.util.Arrays;

/**
 * The deleted rows of one segment: a bitmap over row positions in file order (block 0's rows first,
 * then block 1's, …, as {@code SegmentReader} numbers them). Immutable; a delete makes a new vector
 * with {@link #union}, written as a new version of the segment's delete-vector file.
 */
public final class DeleteVector {
  private final long rowCount;
  private final long[] words;
  private final long deletedCount;

  private DeleteVector(long rowCount, long[] words) {
    this.rowCount = rowCount;
    this.words = words;
    long n = 0;
    for (long w : words) {
      n += Long.bitCount(w);
    }
    this.deletedCount = n;
  }

  /** No row of a segment of {@code rowCount} rows deleted. */
  public static DeleteVector none(long rowCount) {
    return new DeleteVector(checkRows(rowCount), new long[wordCount(rowCount)]);
  }

  /** The given row positions (any order, repeats allowed) deleted. */
  public static DeleteVector of(long rowCount, long... deletedRows) {
    long[] words = new long[wordCount(checkRows(rowCount))];
    for (long r : deletedRows) {
      if (r < 0 || r >= rowCount) {
        throw new IllegalArgumentException("row " + r + " outside a segment of " + rowCount + " rows");
      }
      words[(int) (r >>> 6)] |= 1L << r;
    }
    return new DeleteVector(rowCount, words);
  }

  /** A vector from its bitmap words (bit r of word r/64 set = row r deleted); the array is copied. */
  public static DeleteVector fromWords(long rowCount, long[] words) {
    checkRows(rowCount);
    if (words.length != wordCount(rowCount)) {
      throw new IllegalArgumentException(words.length + " words for " + rowCount + " rows");
    }
    int tail = (int) (rowCount & 63);
    if (tail != 0 && (words[words.length - 1] >>> tail) != 0) {
      throw new IllegalArgumentException("bits set beyond row " + rowCount);
    }
    return new DeleteVector(rowCount, words.clone());
  }

  private static long checkRows(long rowCount) {
    if (rowCount < 0 || rowCount > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("segment row count out of range: " + rowCount);
    }
    return rowCount;
  }

  private static int wordCount(long rowCount) {
    return (int) ((rowCount + 63) >>> 6);
  }

  /** Rows of the segment this vector belongs to. */
  public long rowCount() {
    return rowCount;
  }

  /** How many rows are deleted. */
  public long deletedCount() {
    return deletedCount;
  }

  /** Rows still visible. */
  public long liveCount() {
    return rowCount - deletedCount;
  }

  public boolean isEmpty() {
    return deletedCount == 0;
  }

  public boolean isDeleted(long row) {
    if (row < 0 || row >= rowCount) {
      throw new IndexOutOfBoundsException("row " + row + " of " + rowCount);
    }
    return (words[(int) (row >>> 6)] & (1L << row)) != 0;
  }

  /** Deleted rows among positions [from, to). */
  public long deletedIn(long from, long to) {
    long n = 0;
    for (long r = from; r < to; ) {
      if ((r & 63) == 0 && to - r >= 64) {
        n += Long.bitCount(words[(int) (r >>> 6)]);
        r += 64;
      } else {
        if (isDeleted(r)) {
          n++;
        }
        r++;
      }
    }
    return n;
  }

  /** Rows deleted here or in {@code other} (same segment). */
  public DeleteVector union(DeleteVector other) {
    if (other.rowCount != rowCount) {
      throw new IllegalArgumentException("delete vectors of " + rowCount + " and " + other.rowCount + " rows");
    }
    long[] w = words.clone();
    for (int i = 0; i < w.length; i++) {
      w[i] |= other.words[i];
    }
    return new DeleteVector(rowCount, w);
  }

  /** A copy of the bitmap words. */
  public long[] words() {
    return words.clone();
  }

  /** Deleted row positions in ascending order. */
  public long[] deletedRows() {
    long[] rows = new long[(int) deletedCount];
    int k = 0;
    for (int i = 0; i < words.length; i++) {
      long w = words[i];
      while (w != 0) {
        rows[k++] = ((long) i << 6) + Long.numberOfTrailingZeros(w);
        w &= w - 1;
      }
    }
    return rows;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeleteVector d && d.rowCount == rowCount && Arrays.equals(d.words, words);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(rowCount) * 31 + Arrays.hashCode(words);
  }

  @Override
  public String toString() {
    return "DeleteVector[" + deletedCount + " of " + rowCount + " rows deleted]";
  }
}
