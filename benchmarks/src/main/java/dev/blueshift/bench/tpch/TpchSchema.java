package dev.blueshift.bench.tpch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The TPC-H schema of ../shared/tpch/ddl.sql: Redshift DDL for Blueshift (with its DISTKEY/SORTKEY
 * choices), the same statements without Redshift's physical clauses for DuckDB and PostgreSQL, and
 * the spec's primary keys.
 */
public final class TpchSchema {
  private static final Pattern REDSHIFT_CLAUSES = Pattern.compile(
      "\\s+(DISTSTYLE\\s+\\w+|DISTKEY\\s*\\([^)]*\\)|(COMPOUND\\s+|INTERLEAVED\\s+)?SORTKEY\\s*\\([^)]*\\)|ENCODE\\s+\\w+)",
      Pattern.CASE_INSENSITIVE);

  /** TPC-H clause 1.4.2.2 primary keys, added after the load as usual. */
  public static final Map<String, String> PRIMARY_KEYS = Map.of(
      "region", "r_regionkey",
      "nation", "n_nationkey",
      "supplier", "s_suppkey",
      "part", "p_partkey",
      "partsupp", "ps_partkey, ps_suppkey",
      "customer", "c_custkey",
      "orders", "o_orderkey",
      "lineitem", "l_orderkey, l_linenumber");

  private final List<String> redshiftDdl;

  public TpchSchema(List<String> redshiftDdl) {
    this.redshiftDdl = List.copyOf(redshiftDdl);
  }

  public static TpchSchema read(Path shared) throws IOException {
    return parse(Files.readString(shared.resolve("tpch/ddl.sql")));
  }

  static TpchSchema parse(String script) {
    List<String> statements = new ArrayList<>();
    for (String s : script.replaceAll("(?m)^\\s*--.*$", "").split(";")) {
      if (!s.isBlank()) {
        statements.add(s.strip());
      }
    }
    return new TpchSchema(statements);
  }

  /** CREATE TABLE statements with DISTSTYLE, DISTKEY, SORTKEY and ENCODE, for Blueshift. */
  public List<String> redshift() {
    return redshiftDdl;
  }

  /** The same tables in standard SQL, for DuckDB and PostgreSQL. */
  public List<String> standard() {
    return redshiftDdl.stream().map(TpchSchema::standardSql).toList();
  }

  static String standardSql(String redshift) {
    return REDSHIFT_CLAUSES.matcher(redshift).replaceAll("");
  }
}
