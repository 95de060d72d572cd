package dev.blueshift.coordinator.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.protocol.catalog.ClusterTopology;
import dev.blueshift.protocol.catalog.DistStyle;
import dev.blueshift.protocol.catalog.SegmentEntry;
import dev.blueshift.protocol.catalog.TableDef;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segment entries updated in place with a delete vector: live rows, replay, garbage, conflicts. */
class DeleteVectorCatalogTest {
  private static final ClusterTopology TOPOLOGY = ClusterTopology.newBuilder().setWorkers(1).setSlicesPerWorker(2).build();

  @TempDir
  Path dir;

  private static SegmentEntry segment(String path, long rows) {
    return SegmentEntry.newBuilder().setWorker(0).setSlice(0).setPath(path).setRowCount(rows).build();
  }

  @Test
  void markedDeletesReplaceEntriesInPlaceAndSurviveReplay() {
    long id;
    try (Catalog catalog = Catalog.open(dir, TOPOLOGY)) {
      TableDef t = TableDef.newBuilder().setTableId(catalog.reserveTableId()).setSchema("public").setName("t")
          .setDistStyle(DistStyle.DIST_EVEN).setDistKey(-1).build();
      id = t.getTableId();
      TableSnapshot v0 = catalog.commit(List.of(Changes.create(t))).relation(id);
      catalog.commit(List.of(Changes.append(v0, List.of(segment("a.seg", 10), segment("b.seg", 5), segment("c.seg", 7)))));
      TableSnapshot v1 = catalog.state().relation(id);
      SegmentEntry a = v1.segments().get(0).toBuilder().setDeleteVector("a.seg.2-x.del").setDeletedRows(3).build();
      catalog.commit(List.of(Changes.markDeleted(v1, List.of(a), List.of(TableSnapshot.segmentKey(v1.segments().get(1))))));
      TableSnapshot v2 = catalog.state().relation(id);
      assertThat(v2.segments()).extracting(SegmentEntry::getPath).containsExactly("a.seg", "c.seg");
      assertThat(v2.segments().get(0).getDeleteVector()).isEqualTo("a.seg.2-x.del");
      assertThat(v2.rowCount()).isEqualTo(7 + 7);
      assertThat(catalog.livePaths(0)).containsExactlyInAnyOrder("a.seg", "a.seg.2-x.del", "c.seg");

      // a DELETE planned on v1 conflicts with the one committed since, like a rewrite would
      SegmentEntry stale = v1.segments().get(2).toBuilder().setDeleteVector("c.seg.2-y.del").setDeletedRows(1).build();
      assertThatThrownBy(() -> catalog.commit(List.of(Changes.markDeleted(v1, List.of(stale), List.of()))))
          .isInstanceOfSatisfying(BlueshiftException.class, e -> assertThat(e.sqlState()).isEqualTo("40001"));

      SegmentEntry again = v2.segments().get(0).toBuilder().setDeleteVector("a.seg.3-z.del").setDeletedRows(4).build();
      catalog.commit(List.of(Changes.markDeleted(v2, List.of(again), List.of())));
      assertThat(catalog.livePaths(0)).as("the older vector is garbage").doesNotContain("a.seg.2-x.del")
          .contains("a.seg.3-z.del");
    }
    try (Catalog catalog = Catalog.open(dir, TOPOLOGY)) {
      TableSnapshot v3 = catalog.state().relation(id);
      assertThat(v3.version()).isEqualTo(3);
      assertThat(v3.rowCount()).isEqualTo(6 + 7);
      assertThat(v3.segments().get(0).getDeleteVector()).isEqualTo("a.seg.3-z.del");
      // a rewrite drops the segments and with them their vectors
      catalog.commit(List.of(Changes.replace(v3, List.of(segment("d.seg", 13)), null)));
      assertThat(catalog.livePaths(0)).containsExactly("d.seg");
    }
  }
}
