package dev.blueshift.coordinator.plan;

/**
 * How the rows of a join's two inputs are brought together, named as Redshift's EXPLAIN names
 * them (the inner side is the build side).
 */
public enum JoinStrategy {
  /** Both inputs already distributed on the join keys (or both on one node): no data moves. */
  DS_DIST_NONE,
  /** The inner input is a DISTSTYLE ALL table: every slice reads its worker's copy. */
  DS_DIST_ALL_NONE,
  /** The inner input is sent whole to every slice. */
  DS_BCAST_INNER,
  /** The inner input is redistributed on the join keys to match the outer input. */
  DS_DIST_INNER,
  /** The outer input is redistributed on the join keys to match the inner input. */
  DS_DIST_OUTER,
  /** Both inputs are redistributed on the join keys. */
  DS_DIST_BOTH,
  /** Both inputs are gathered to one node (a join with no equality keys that cannot broadcast). */
  DS_GATHER_BOTH
}
