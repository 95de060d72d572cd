package dev.blueshift.coordinator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.plan.stats.TableStatistics;
import dev.blueshift.coordinator.server.LocalCluster;
import dev.blueshift.coordinator.sql.parser.TpchFiles;
import dev.blueshift.protocol.ColumnStats;
import dev.blueshift.protocol.Literal;
import dev.blueshift.protocol.catalog.SegmentEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.TableScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cost model's statistics: zone-map ranges and ANALYZE counts steering join order. */
class StatisticsTest {
  /** Key ranges of TPC-H at scale factor 1, as the segments' zone statistics would hold them. */
  private static final Map<String, long[]> SF1_RANGES = Map.ofEntries(
      Map.entry("c_custkey", new long[] {1, 150_000}), Map.entry("c_nationkey", new long[] {0, 24}),
      Map.entry("s_suppkey", new long[] {1, 10_000}), Map.entry("s_nationkey", new long[] {0, 24}),
      Map.entry("o_orderkey", new long[] {1, 6_000_000}), Map.entry("o_custkey", new long[] {1, 150_000}),
      Map.entry("l_orderkey", new long[] {1, 6_000_000}), Map.entry("l_suppkey", new long[] {1, 10_000}),
      Map.entry("l_partkey", new long[] {1, 200_000}), Map.entry("n_nationkey", new long[] {0, 24}),
      Map.entry("n_regionkey", new long[] {0, 4}), Map.entry("r_regionkey", new long[] {0, 4}),
      Map.entry("p_partkey", new long[] {1, 200_000}), Map.entry("ps_partkey", new long[] {1, 200_000}),
      Map.entry("ps_suppkey", new long[] {1, 10_000}));

  /** The TPC-H tables at SF1 with zone statistics on their key columns (none on the others). */
  static List<TableSnapshot> tpchWithRanges() throws Exception {
    List<TableSnapshot> out = new ArrayList<>();
    for (TableSnapshot t : TpchPlanDump.tables(TpchFiles.dir().resolve("ddl.sql"))) {
      SegmentEntry.Builder segment = t.segments().get(0).toBuilder();
      for (int c = 0; c < t.columnCount(); c++) {
        long[] range = SF1_RANGES.get(t.columnName(c));
        segment.addStats(range == null
            ? ColumnStats.newBuilder().setMin(Literal.newBuilder().setIsNull(true)).setMax(Literal.newBuilder().setIsNull(true))
            : ColumnStats.newBuilder().setMin(Literal.newBuilder().setLongValue(range[0]))
                .setMax(Literal.newBuilder().setLongValue(range[1])));
      }
      out.add(new TableSnapshot(t.def(), t.version(), List.of(segment.build())));
    }
    return out;
  }

  @Test
  void integerRangesBoundDistinctCounts() throws Exception {
    TableSnapshot customer = tpchWithRanges().stream().filter(t -> t.name().equals("customer")).findFirst().orElseThrow();
    TableStatistics stats = TableStatistics.of(customer);
    assertThat(stats.rowCount()).isEqualTo(150_000);
    assertThat(stats.column(customer.columnIndex("c_nationkey")).distinct()).isEqualTo(25);
    assertThat(stats.column(customer.columnIndex("c_custkey")).distinct()).isEqualTo(150_000);
    assertThat(stats.column(customer.columnIndex("c_name")).hasDistinct()).isFalse();
  }

  /** TPC-H Q5 has a customer-supplier condition on nation keys: joining those two first makes 60 M rows. */
  @Test
  void q5DoesNotJoinCustomerWithSupplierBeforeOrders() throws Exception {
    String sql = TpchFiles.read("queries/q05.sql");
    RelNode plan = new QueryPlanner(4).optimized(sql, tpchWithRanges());
    List<Set<String>> joins = new ArrayList<>();
    tables(plan, joins);
    assertThat(joins).isNotEmpty();
    for (Set<String> joined : joins) {
      if (joined.contains("customer") && joined.contains("supplier")) {
        assertThat(joined).as("a join over customer and supplier").contains("orders", "lineitem");
      }
    }
  }

  /** The tables under {@code rel}; adds the table set of every join to {@code joins}. */
  private static Set<String> tables(RelNode rel, List<Set<String>> joins) {
    Set<String> out = new HashSet<>();
    if (rel instanceof TableScan scan) {
      out.add(scan.getTable().getQualifiedName().get(scan.getTable().getQualifiedName().size() - 1));
    }
    for (RelNode input : rel.getInputs()) {
      out.addAll(tables(input, joins));
    }
    if (rel instanceof Join) {
      joins.add(out);
    }
    return out;
  }

  @Test
  void analyzeRecordsDistinctCounts(@TempDir Path dir) throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir, 2, 2, 0);
        Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "admin", "");
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (k INT, tag VARCHAR(10), note VARCHAR(10))");
      st.execute("INSERT INTO t VALUES (1, 'a', NULL), (2, 'b', 'x'), (3, 'a', NULL), (4, 'c', 'y'), (5, 'a', 'x')");
      st.execute("CREATE VIEW v AS SELECT k FROM t");
      assertThat(single(st, "SELECT stats_off FROM svv_table_info WHERE \"table\" = 't'")).isEqualTo("100.00");
      assertThat(single(st, "SELECT COUNT(*) FROM pg_stats WHERE tablename = 't'")).isEqualTo("0");

      st.execute("ANALYZE t");
      assertThat(single(st, "SELECT stats_off FROM svv_table_info WHERE \"table\" = 't'")).isEqualTo("0.00");
      List<String> stats = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT attname, n_distinct, null_frac FROM pg_stats WHERE tablename = 't'"
          + " ORDER BY attname")) {
        while (rs.next()) {
          stats.add(rs.getString(1) + " " + rs.getFloat(2) + " " + rs.getFloat(3));
        }
      }
      assertThat(stats).containsExactly("k 5.0 0.0", "note 2.0 0.4", "tag 3.0 0.0");

      st.execute("INSERT INTO t VALUES (6, 'd', 'z')");
      assertThat(single(st, "SELECT stats_off FROM svv_table_info WHERE \"table\" = 't'")).isEqualTo("16.67");
      st.execute("ANALYZE"); // every table
      assertThat(single(st, "SELECT n_distinct FROM pg_stats WHERE tablename = 't' AND attname = 'tag'")).isEqualTo("4.0");

      assertThatThrownBy(() -> st.execute("ANALYZE t (nope)")).hasMessageContaining("column \"nope\"");
      assertThatThrownBy(() -> st.execute("ANALYZE v")).hasMessageContaining("view");
      assertThatThrownBy(() -> st.execute("ANALYZE missing")).hasMessageContaining("\"missing\" does not exist");
    }
  }

  private static String single(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }
}
