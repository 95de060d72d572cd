package dev.blueshift.coordinator.plan;

import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.protocol.ExchangeKind;
import dev.blueshift.protocol.PlanNode;
import java.util.List;

/**
 * One fragment of a distributed plan: its operator tree, where it runs, and (except for the root)
 * how its output is exchanged.
 *
 * @param sinkExchange the exchange id this fragment sends to, or -1 for the root
 * @param tables the tables its scans read (for segment assignment)
 */
public record FragmentPlan(int id, PlanNode root, Placement placement, ExchangeKind sinkKind,
    List<Integer> hashKeys, int sinkExchange, List<TableSnapshot> tables) {}
