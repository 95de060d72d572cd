package dev.blueshift.coordinator.plan;

/** Where the instances of a fragment run. */
public enum Placement {
  /** One instance per slice of the cluster, on the slice's worker. */
  ALL_SLICES,
  /** One instance on the first slice (reads a DISTSTYLE ALL table's copy on worker 0). */
  FIRST_SLICE,
  /** The root fragment, run by the coordinator itself. */
  COORDINATOR
}
