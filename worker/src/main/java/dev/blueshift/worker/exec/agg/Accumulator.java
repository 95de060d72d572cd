package dev.blueshift.worker.exec.agg;

import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** The running state of one aggregate call for every group. */
interface Accumulator {

  /** Makes room for groups [0, groups). */
  void ensureGroups(int groups);

  /** Java-heap bytes of state per group of capacity (for the query's memory reservation). */
  long bytesPerGroup();

  /** Java-heap bytes held beside the per-group arrays (e.g. MIN/MAX strings). */
  default long variableBytes() {
    return 0;
  }

  /** Adds a raw input row to a group (SINGLE and PARTIAL phases). */
  void add(VectorSchemaRoot batch, int row, int group);

  /** Merges a row of state columns into a group (FINAL phase, and spilled state in any phase). */
  void merge(VectorSchemaRoot batch, int row, int group);

  /** Writes the state of groups [from, from+count) into rows [0, count) of the state vectors. */
  void writeStates(List<FieldVector> states, int from, int count);

  /** Writes the final value of groups [from, from+count) into rows [0, count). */
  void writeResult(FieldVector out, int from, int count);
}
