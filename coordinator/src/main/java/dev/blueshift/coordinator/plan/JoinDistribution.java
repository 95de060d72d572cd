package dev.blueshift.coordinator.plan;

import dev.blueshift.protocol.JoinType;
import java.util.ArrayList;
import java.util.List;

/**
 * The choice of how a join's inputs meet: which input moves how, and which input is hashed
 * (built). Costs are rows moved across the network, from the planner's estimates: co-located
 * joins move nothing, redistributing one side moves that side, broadcasting moves the side once
 * per slice.
 *
 * @param leftHash the columns to hash the left input on when {@code leftMove} is HASH
 * @param single the join runs as one instance (both inputs on one node)
 */
record JoinDistribution(JoinStrategy strategy, Move leftMove, Move rightMove, List<Integer> leftHash,
    List<Integer> rightHash, boolean buildLeft, boolean single) {

  enum Move { NONE, REPLICATE, BROADCAST, HASH, GATHER }

  static JoinDistribution choose(Fragmenter.Part left, Fragmenter.Part right, JoinType type, List<Integer> leftKeys,
      List<Integer> rightKeys, int slices) {
    // the preserved side of an outer join (and the output side of semi/anti) must stay partitioned
    boolean rightMayRepeat = type == JoinType.JOIN_INNER || type == JoinType.JOIN_LEFT
        || type == JoinType.JOIN_SEMI || type == JoinType.JOIN_ANTI;
    boolean leftMayRepeat = type == JoinType.JOIN_INNER || type == JoinType.JOIN_RIGHT;
    boolean keyed = !leftKeys.isEmpty();

    if (left.single() && right.single()) {
      return of(JoinStrategy.DS_DIST_NONE, Move.NONE, Move.NONE, List.of(), List.of(), left, right, slices, true);
    }
    if (right.single() || left.single()) {
      boolean rightIsSingle = right.single();
      Fragmenter.Part s = rightIsSingle ? right : left;
      if (rightIsSingle ? rightMayRepeat : leftMayRepeat) {
        Move spread = s.replicable() ? Move.REPLICATE : Move.BROADCAST;
        JoinStrategy strategy = s.replicable() ? JoinStrategy.DS_DIST_ALL_NONE : JoinStrategy.DS_BCAST_INNER;
        return rightIsSingle
            ? of(strategy, Move.NONE, spread, List.of(), List.of(), left, right, slices, false)
            : of(strategy, spread, Move.NONE, List.of(), List.of(), left, right, slices, false);
      }
      if (keyed) {
        // the single side is hashed out to the slices; the other follows unless already placed
        if (rightIsSingle) {
          List<Integer> match = matching(left.hashKeys(), leftKeys, rightKeys);
          return match != null
              ? of(JoinStrategy.DS_DIST_INNER, Move.NONE, Move.HASH, List.of(), match, left, right, slices, false)
              : of(JoinStrategy.DS_DIST_BOTH, Move.HASH, Move.HASH, leftKeys, rightKeys, left, right, slices, false);
        }
        List<Integer> match = matching(right.hashKeys(), rightKeys, leftKeys);
        return match != null
            ? of(JoinStrategy.DS_DIST_OUTER, Move.HASH, Move.NONE, match, List.of(), left, right, slices, false)
            : of(JoinStrategy.DS_DIST_BOTH, Move.HASH, Move.HASH, leftKeys, rightKeys, left, right, slices, false);
      }
      return rightIsSingle
          ? of(JoinStrategy.DS_GATHER_BOTH, Move.GATHER, Move.NONE, List.of(), List.of(), left, right, slices, true)
          : of(JoinStrategy.DS_GATHER_BOTH, Move.NONE, Move.GATHER, List.of(), List.of(), left, right, slices, true);
    }

    // both inputs spread over the slices
    double inf = Double.MAX_VALUE;
    double broadcastRight = rightMayRepeat ? right.rows() * slices : inf;
    double broadcastLeft = leftMayRepeat ? left.rows() * slices : inf;
    if (keyed) {
      if (colocated(left.hashKeys(), right.hashKeys(), leftKeys, rightKeys)) {
        return of(JoinStrategy.DS_DIST_NONE, Move.NONE, Move.NONE, List.of(), List.of(), left, right, slices, false);
      }
      List<Integer> rightToMatch = matching(left.hashKeys(), leftKeys, rightKeys);
      List<Integer> leftToMatch = matching(right.hashKeys(), rightKeys, leftKeys);
      double distInner = rightToMatch != null ? right.rows() : inf;
      double distOuter = leftToMatch != null ? left.rows() : inf;
      double distBoth = left.rows() + right.rows();
      double best = Math.min(Math.min(distInner, distOuter), Math.min(Math.min(broadcastRight, broadcastLeft), distBoth));
      if (best == distInner) {
        return of(JoinStrategy.DS_DIST_INNER, Move.NONE, Move.HASH, List.of(), rightToMatch, left, right, slices, false);
      } else if (best == distOuter) {
        return of(JoinStrategy.DS_DIST_OUTER, Move.HASH, Move.NONE, leftToMatch, List.of(), left, right, slices, false);
      } else if (best == broadcastRight) {
        return of(JoinStrategy.DS_BCAST_INNER, Move.NONE, Move.BROADCAST, List.of(), List.of(), left, right, slices, false);
      } else if (best == broadcastLeft) {
        return of(JoinStrategy.DS_BCAST_INNER, Move.BROADCAST, Move.NONE, List.of(), List.of(), left, right, slices, false);
      }
      return of(JoinStrategy.DS_DIST_BOTH, Move.HASH, Move.HASH, leftKeys, rightKeys, left, right, slices, false);
    }
    if (broadcastRight < inf || broadcastLeft < inf) {
      return broadcastRight <= broadcastLeft
          ? of(JoinStrategy.DS_BCAST_INNER, Move.NONE, Move.BROADCAST, List.of(), List.of(), left, right, slices, false)
          : of(JoinStrategy.DS_BCAST_INNER, Move.BROADCAST, Move.NONE, List.of(), List.of(), left, right, slices, false);
    }
    return of(JoinStrategy.DS_GATHER_BOTH, Move.GATHER, Move.GATHER, List.of(), List.of(), left, right, slices, true);
  }

  /** Builds the side with fewer rows per instance once the moves are done. */
  private static JoinDistribution of(JoinStrategy strategy, Move leftMove, Move rightMove, List<Integer> leftHash,
      List<Integer> rightHash, Fragmenter.Part left, Fragmenter.Part right, int slices, boolean single) {
    double l = perInstance(left, leftMove, slices, single);
    double r = perInstance(right, rightMove, slices, single);
    return new JoinDistribution(strategy, leftMove, rightMove, leftHash, rightHash, l < r, single);
  }

  private static double perInstance(Fragmenter.Part part, Move move, int slices, boolean single) {
    boolean whole = single || move == Move.REPLICATE || move == Move.BROADCAST || move == Move.GATHER;
    return whole ? part.rows() : part.rows() / slices;
  }

  /** Both sides are hashed on corresponding join keys, in the same order. */
  private static boolean colocated(List<Integer> leftHash, List<Integer> rightHash, List<Integer> leftKeys,
      List<Integer> rightKeys) {
    if (leftHash.isEmpty() || leftHash.size() != rightHash.size()) {
      return false;
    }
    for (int i = 0; i < leftHash.size(); i++) {
      boolean found = false;
      for (int j = 0; j < leftKeys.size() && !found; j++) {
        found = leftKeys.get(j).equals(leftHash.get(i)) && rightKeys.get(j).equals(rightHash.get(i));
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /**
   * The other side's key columns that line up with a side's existing hash columns, or null when
   * that side is not hashed on join keys.
   */
  private static List<Integer> matching(List<Integer> hash, List<Integer> keys, List<Integer> otherKeys) {
    if (hash.isEmpty()) {
      return null;
    }
    List<Integer> out = new ArrayList<>();
    for (int h : hash) {
      int j = keys.indexOf(h);
      if (j < 0) {
        return null;
      }
      out.add(otherKeys.get(j));
    }
    return out;
  }
}
