package dev.blueshift.coordinator.plan;

import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.ddl.TableDefinitions;
import dev.blueshift.coordinator.sql.ddl.SqlCreateTable;
import dev.blueshift.coordinator.sql.parser.BlueshiftSqlParser;
import dev.blueshift.protocol.catalog.SegmentEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Developer tool: prints the logical plan of each TPC-H query (run with exec or from the IDE). */
public final class TpchPlanDump {
  static final Map<String, Long> ROWS = Map.of("lineitem", 6_000_000L, "orders", 1_500_000L, "partsupp", 800_000L,
      "part", 200_000L, "customer", 150_000L, "supplier", 10_000L, "nation", 25L, "region", 5L);

  public static List<TableSnapshot> tables(Path ddl) throws Exception {
    List<TableSnapshot> out = new ArrayList<>();
    long id = 1;
    for (var node : BlueshiftSqlParser.parseStatements(Files.readString(ddl))) {
      var def = TableDefinitions.fromCreate((SqlCreateTable) node).toBuilder().setTableId(id++).build();
      long rows = ROWS.getOrDefault(def.getName(), 1000L);
      out.add(new TableSnapshot(def, 1, List.of(SegmentEntry.newBuilder().setRowCount(rows).build())));
    }
    return out;
  }

  public static void main(String[] args) throws Exception {
    Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
    List<TableSnapshot> tables = tables(shared.resolve("tpch/ddl.sql"));
    QueryPlanner planner = new QueryPlanner(4);
    for (int q = 1; q <= 22; q++) {
      String sql = Files.readString(shared.resolve(String.format("tpch/queries/q%02d.sql", q)));
      System.out.println("==== Q" + q);
      try {
        System.out.println(planner.logicalPlan(sql, tables));
        planner.plan(sql, tables);
        System.out.println("fragments: ok");
      } catch (RuntimeException e) {
        System.out.println("ERROR " + e);
      }
    }
  }
}
