package dev.blueshift.coordinator.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.protocol.catalog.CatalogRecord;
import dev.blueshift.protocol.catalog.ClusterTopology;
import dev.blueshift.protocol.catalog.DistStyle;
import dev.blueshift.protocol.catalog.SegmentEntry;
import dev.blueshift.protocol.catalog.TableDef;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog log: batched commits, rebasing of concurrent appends, conflicts, replay. */
class CatalogTest {
  private static final ClusterTopology TOPOLOGY = ClusterTopology.newBuilder().setWorkers(1).setSlicesPerWorker(2).build();

  @TempDir
  Path dir;

  private static TableDef table(Catalog catalog, String name) {
    return TableDef.newBuilder().setTableId(catalog.reserveTableId()).setSchema("public").setName(name)
        .setDistStyle(DistStyle.DIST_EVEN).setDistKey(-1).build();
  }

  private static SegmentEntry segment(String path, long rows) {
    return SegmentEntry.newBuilder().setWorker(0).setSlice(0).setPath(path).setRowCount(rows).build();
  }

  @Test
  void batchedChangesAreReplayedTogetherAfterReopening() {
    try (Catalog catalog = Catalog.open(dir, TOPOLOGY)) {
      TableDef t = table(catalog, "t");
      TableSnapshot fresh = new TableSnapshot(t, 0, List.of());
      catalog.commit(List.of(Changes.create(t), Changes.append(fresh, List.of(segment("a", 3)))));
      TableSnapshot v1 = catalog.table("public", "t");
      assertThat(v1.version()).isEqualTo(1);
      catalog.commit(List.of(Changes.replace(v1, List.of(segment("b", 2)), t.toBuilder().setName("u").build())));
    }
    try (Catalog catalog = Catalog.open(dir, TOPOLOGY)) {
      assertThat(catalog.table("public", "t")).isNull();
      TableSnapshot u = catalog.table("public", "u");
      assertThat(u.version()).isEqualTo(2);
      assertThat(u.segments()).extracting(SegmentEntry::getPath).containsExactly("b");
      assertThat(u.rowCount()).isEqualTo(2);
      assertThat(catalog.reserveTableId()).isGreaterThan(u.id());
    }
  }

  @Test
  void appendsMadeOnAnOlderVersionMoveOntoTheCurrentOneButRewritesConflict() {
    try (Catalog catalog = Catalog.open(dir, TOPOLOGY)) {
      TableDef t = table(catalog, "t");
      TableSnapshot v0 = catalog.commit(List.of(Changes.create(t))).relation(t.getTableId());
      catalog.commit(List.of(Changes.append(v0, List.of(segment("first", 1)))));
      catalog.commit(List.of(Changes.append(v0, List.of(segment("second", 1)))));
      TableSnapshot v2 = catalog.table("public", "t");
      assertThat(v2.version()).isEqualTo(2);
      assertThat(v2.segments()).extracting(SegmentEntry::getPath).containsExactly("first", "second");
      List<CatalogRecord> staleRewrite = List.of(Changes.replace(v0, List.of(segment("x", 1)), null));
      assertThatThrownBy(() -> catalog.commit(staleRewrite))
          .isInstanceOf(BlueshiftException.class)
          .satisfies(e -> assertThat(((BlueshiftException) e).sqlState()).isEqualTo("40001"));
      assertThat(catalog.table("public", "t")).isEqualTo(v2);
      TableDef dup = table(catalog, "t");
      assertThatThrownBy(() -> catalog.commit(List.of(Changes.create(dup)))).hasMessageContaining("already exists");
    }
  }
}
