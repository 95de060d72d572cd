package dev.blueshift.worker.exec.agg;

import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** The running state of one aggregate call for every group. */
interface Accumulator {

  /** Makes room for groups [0, groups). */
  void ensureGroups(int groups);

  /** Adds a raw input row to a group (SINGLE and PARTIAL phases). */
  void add(VectorSchemaRoot batch, int row, int group);

  /** Merges a row of state columns into a group (FINAL phase). */
  void merge(VectorSchemaRoot batch, int row, int group);

  /** Writes the state of groups [0, groups) into the state vectors (PARTIAL phase). */
  void writeStates(List<FieldVector> states, int groups);

  /** Writes the final value of groups [0, groups) (SINGLE and FINAL phases). */
  void writeResult(FieldVector out, int groups);
}
