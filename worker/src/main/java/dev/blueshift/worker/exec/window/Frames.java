package dev.blueshift.worker.exec.window;

import dev.blueshift.protocol.WindowFrame;

/**
 * Partition and peer-group boundaries of sorted rows, and the frame of each row: inclusive row
 * ranges {@code [start, end]} (empty when start > end).
 */
final class Frames {
  final int rows;
  final int[] partitionStart;
  final int[] partitionEnd;
  final int[] peerStart;
  final int[] peerEnd;

  Frames(int rows, boolean[] partitionStarts, boolean[] peerStarts) {
    this.rows = rows;
    partitionStart = new int[rows];
    partitionEnd = new int[rows];
    peerStart = new int[rows];
    peerEnd = new int[rows];
    spans(partitionStarts, partitionStart, partitionEnd);
    spans(peerStarts, peerStart, peerEnd);
  }

  private void spans(boolean[] starts, int[] start, int[] end) {
    int s = 0;
    for (int i = 0; i < rows; i++) {
      if (starts[i]) {
        s = i;
      }
      start[i] = s;
    }
    int e = rows - 1;
    for (int i = rows - 1; i >= 0; i--) {
      end[i] = e;
      if (starts[i]) {
        e = i - 1;
      }
    }
  }

  int start(WindowFrame f, int i) {
    if (f.getStartUnbounded()) {
      return partitionStart[i];
    }
    if (!f.getRows()) {
      return peerStart[i];
    }
    long s = i + f.getStartOffset();
    return (int) Math.min(Math.max(s, partitionStart[i]), partitionEnd[i] + 1L);
  }

  int end(WindowFrame f, int i) {
    if (f.getEndUnbounded()) {
      return partitionEnd[i];
    }
    if (!f.getRows()) {
      return peerEnd[i];
    }
    long e = i + f.getEndOffset();
    return (int) Math.max(Math.min(e, partitionEnd[i]), partitionStart[i] - 1L);
  }

  /** Whether every frame starts at its partition's first row (running aggregates). */
  static boolean startsAtPartition(WindowFrame f) {
    return f.getStartUnbounded();
  }
}
