package dev.blueshift.coordinator.plan;

import dev.blueshift.coordinator.catalog.TableSnapshot;
import dev.blueshift.coordinator.sql.parser.BlueshiftSqlParser;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql.validate.SqlValidatorException;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.apache.calcite.tools.RelConversionException;
import org.apache.calcite.tools.ValidationException;

/**
 * The SQL front end for queries: validate against a pinned catalog snapshot, convert to
 * relational algebra, simplify (constant folding, filter/project pushdown) and cut into fragments.
 */
public final class QueryPlanner {
  private final int totalSlices;
  private final dev.blueshift.coordinator.load.LoadHistory loads;

  public QueryPlanner(int totalSlices) {
    this(totalSlices, null);
  }

  /** {@code loads}: the COPY history that stl_load_errors and stl_load_commits show. */
  public QueryPlanner(int totalSlices, dev.blueshift.coordinator.load.LoadHistory loads) {
    this.loads = loads;
    this.totalSlices = totalSlices;
  }

  /** Plans a query (SELECT, VALUES, WITH …) given as SQL text. */
  public DistributedPlan plan(String sql, Iterable<TableSnapshot> tables) {
    return logical(sql, tables, (rel, names) -> {
      RexToProto rex = new RexToProto(rel.getCluster().getRexBuilder());
      return new Fragmenter(rex, totalSlices).plan(rel, names);
    });
  }

  /** The optimized logical plan of a query, as text (for EXPLAIN and plan tests). */
  public String logicalPlan(String sql, Iterable<TableSnapshot> tables) {
    return logical(sql, tables, (rel, names) -> RelOptUtil.toString(rel));
  }

  /** The optimized logical plan (for plan-shape tests). */
  RelNode optimized(String sql, Iterable<TableSnapshot> tables) {
    return logical(sql, tables, (rel, names) -> rel);
  }

  private <T> T logical(String sql, Iterable<TableSnapshot> tables, java.util.function.BiFunction<RelNode, List<String>, T> then) {
    SchemaPlus root = Frameworks.createRootSchema(false);
    SchemaPlus publicSchema = root.add("public", new CatalogSchema(tables));
    dev.blueshift.coordinator.system.SystemTables.register(root, tables, totalSlices, loads);
    FrameworkConfig config = Frameworks.newConfigBuilder()
        .parserConfig(BlueshiftSqlParser.config())
        .defaultSchema(publicSchema)
        .typeSystem(BlueshiftTypeSystem.INSTANCE)
        .sqlToRelConverterConfig(SqlToRelConverter.config().withExpand(false))
        .operatorTable(SqlOperatorTables.chain(SqlStdOperatorTable.instance(),
            SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.POSTGRESQL, SqlLibrary.REDSHIFT),
            RedshiftFunctions.TABLE))
        .build();
    Planner planner = Frameworks.getPlanner(config);
    try {
      SqlNode parsed = planner.parse(sql);
      SqlNode validated = planner.validate(parsed);
      RelRoot relRoot = planner.rel(validated);
      RelNode rel = LogicalOptimizer.optimize(relRoot.project());
      List<String> names = redshiftNames(validated, relRoot.validatedRowType.getFieldNames());
      return then.apply(rel, names);
    } catch (SqlParseException e) {
      throw new BlueshiftException(SqlState.SYNTAX_ERROR, e.getMessage(), e.getPos().getLineNum(), e.getPos().getColumnNum(), e);
    } catch (ValidationException e) {
      throw validationError(e);
    } catch (RelConversionException e) {
      throw new BlueshiftException(SqlState.INTERNAL_ERROR, e.getMessage(), e);
    } finally {
      planner.close();
    }
  }

  /** Calcite's validation error as a user-facing error with SQLSTATE, line and column. */
  static BlueshiftException validationError(ValidationException e) {
    Throwable cause = e.getCause();
    int line = 0;
    int column = 0;
    String message = e.getMessage();
    if (cause instanceof CalciteContextException c) {
      line = c.getPosLine();
      column = c.getPosColumn();
      message = c.getCause() instanceof SqlValidatorException v ? v.getMessage() : c.getMessage();
    }
    SqlState state = SqlState.SYNTAX_ERROR;
    if (message != null) {
      java.util.regex.Matcher m;
      if ((m = java.util.regex.Pattern.compile("Object '([^']*)' not found").matcher(message)).find()) {
        state = SqlState.UNDEFINED_TABLE;
        message = "relation \"" + m.group(1) + "\" does not exist";
      } else if ((m = java.util.regex.Pattern.compile("Column '([^']*)' not found").matcher(message)).find()) {
        state = SqlState.UNDEFINED_COLUMN;
        message = "column \"" + m.group(1) + "\" does not exist";
      } else if (message.contains("No match found for function")) {
        state = SqlState.UNDEFINED_FUNCTION;
      }
    }
    return new BlueshiftException(state, message, line, column, e);
  }

  /**
   * Redshift's names for unaliased result columns: a function call is named after the function
   * ({@code count}), anything else {@code ?column?} — instead of Calcite's {@code EXPR$n}.
   */
  static List<String> redshiftNames(SqlNode validated, List<String> derived) {
    SqlNode query = validated instanceof org.apache.calcite.sql.SqlOrderBy o ? o.query : validated;
    if (!(query instanceof org.apache.calcite.sql.SqlSelect select) || select.getSelectList().size() != derived.size()) {
      return derived;
    }
    List<String> names = new java.util.ArrayList<>(derived);
    for (int i = 0; i < names.size(); i++) {
      if (!names.get(i).startsWith("EXPR$")) {
        continue;
      }
      SqlNode item = select.getSelectList().get(i);
      names.set(i, item instanceof org.apache.calcite.sql.SqlBasicCall call
          && call.getOperator() instanceof org.apache.calcite.sql.SqlFunction f
          ? f.getName().toLowerCase(java.util.Locale.ROOT) : "?column?");
    }
    return names;
  }

  /** For EXPLAIN: the optimized logical plan as text. */
  public static String explainLogical(RelNode rel) {
    return RelOptUtil.toString(rel);
  }
}
