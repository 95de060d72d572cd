package dev.blueshift.coordinator.plan;

/** Where the instances of a fragment run. */
public enum Placement {
  /** One instance per slice of the cluster, on the slice's worker. */
  ALL_SLICES,
  /**
   * One instance, on slice 0's worker (it reads that worker's copy of DISTSTYLE ALL tables). A
   * single-instance plan that reads no table runs on the coordinator when it is the root.
   */
  SINGLE,
  /** The root fragment, run by the coordinator itself. */
  COORDINATOR
}
