package dev.blueshift.coordinator.plan;

import dev.blueshift.coordinator.engine.ResultColumn;
import java.util.List;
import java.util.Map;

/**
 * A query cut into fragments. The root fragment runs on the coordinator and produces the result
 * columns; {@code consumerOf} maps each exchange id to the fragment that reads it.
 */
public record DistributedPlan(List<FragmentPlan> fragments, FragmentPlan root, Map<Integer, Integer> consumerOf,
    List<ResultColumn> columns) {

  public FragmentPlan fragment(int id) {
    for (FragmentPlan f : fragments) {
      if (f.id() == id) {
        return f;
      }
    }
    throw new IllegalArgumentException("no fragment " + id);
  }
}
