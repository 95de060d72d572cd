package dev.blueshift.coordinator.exec;

import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.protocol.ColumnStats;
import dev.blueshift.protocol.PlanNode;
import dev.blueshift.protocol.TableScan;
import dev.blueshift.protocol.catalog.SegmentEntry;
import dev.blueshift.storage.segment.BlockPredicate;
import dev.blueshift.storage.segment.ZoneMap;
import dev.blueshift.worker.exec.BlockFilters;
import dev.blueshift.worker.exec.PlanNodes;
import dev.blueshift.worker.types.ProtoTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Zone-map pruning of whole segments at planning time: a fragment's scans carry the zone-map form
 * of their filters, and a segment whose column ranges (recorded in the catalog when it was
 * written) cannot satisfy any scan of its table in the fragment is not sent to the worker at all.
 */
final class SegmentPruning {
  /** The zone-map predicates of each table's scans in one fragment; a table scanned twice needs either. */
  private final Map<Long, List<BlockPredicate>> predicates = new HashMap<>();

  SegmentPruning(PlanNode fragmentRoot) {
    for (PlanNode node : PlanNodes.number(fragmentRoot).keySet()) {
      if (node.hasScan()) {
        TableScan scan = node.getScan();
        int[] columns = scan.getColumnsList().stream().mapToInt(Integer::intValue).toArray();
        BlockPredicate p = scan.hasBlockFilter()
            ? BlockFilters.fromExpr(scan.getBlockFilter(), columns, ProtoTypes.types(scan.getOutputList()))
            : BlockPredicate.ALWAYS;
        predicates.computeIfAbsent(scan.getTableId(), t -> new ArrayList<>()).add(p);
      }
    }
  }

  /** False only when no scan of the table in this fragment can match a row of the segment. */
  boolean mightMatch(TableSnapshot table, SegmentEntry segment) {
    List<BlockPredicate> scans = predicates.get(table.id());
    if (scans == null || segment.getStatsCount() != table.columnCount()) {
      return true; // not scanned here, or written without ranges: keep it
    }
    for (BlockPredicate p : scans) {
      if (p == BlockPredicate.ALWAYS || p.mightMatch(column -> zoneMap(segment, column))) {
        return true;
      }
    }
    return false;
  }

  private static ZoneMap zoneMap(SegmentEntry segment, int column) {
    ColumnStats stats = segment.getStats(column);
    return new ZoneMap(ProtoTypes.value(stats.getMin()), ProtoTypes.value(stats.getMax()), stats.getNullCount(),
        segment.getRowCount());
  }
}
