package dev.blueshift.coordinator.sql.ddl;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * Redshift {@code COPY table [(column, …)] FROM {'path' | STDIN} [WITH] option …}: bulk load.
 * Options are listed in {@link SqlCopyOption}; credentials-type options (IAM_ROLE, CREDENTIALS,
 * REGION, …) are accepted so that Redshift scripts run, and carry no meaning here.
 */
public final class SqlCopy extends SqlCall {
  public final SqlIdentifier table;
  /** Target columns in file order; empty means all columns in table order. */
  public final List<SqlIdentifier> columns;
  /** The source path or URI, or null when {@link #fromStdin}. */
  public final String from;
  public final boolean fromStdin;
  public final List<SqlCopyOption> options;

  public SqlCopy(SqlParserPos pos, SqlIdentifier table, List<SqlIdentifier> columns, String from,
      boolean fromStdin, List<SqlCopyOption> options) {
    super(pos);
    this.table = table;
    this.columns = List.copyOf(columns);
    this.from = from;
    this.fromStdin = fromStdin;
    this.options = List.copyOf(options);
  }

  /** The option with this canonical (upper-case) name, if given. */
  public Optional<SqlCopyOption> option(String name) {
    return options.stream().filter(o -> o.name().equals(name)).findFirst();
  }

  public boolean hasOption(String name) {
    return option(name).isPresent();
  }

  /** The option's value as text, if the option was given with a value. */
  public Optional<String> stringOption(String name) {
    return option(name).map(SqlCopyOption::stringValue);
  }

  /**
   * The data format: CSV, JSON, PARQUET, AVRO, ORC, SHAPEFILE or FIXEDWIDTH when one is named
   * (as a flag or with {@code FORMAT AS}), else TEXT (delimited text, Redshift's default).
   */
  public String format() {
    Optional<String> f = stringOption("FORMAT");
    if (f.isPresent()) {
      return f.get();
    }
    for (String name : List.of("CSV", "JSON", "PARQUET", "AVRO", "ORC", "SHAPEFILE", "FIXEDWIDTH")) {
      if (hasOption(name)) {
        return name;
      }
    }
    return "TEXT";
  }

  @Override public SqlOperator getOperator() {
    return DdlOperators.COPY;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(table);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("COPY");
    table.unparse(writer, 0, 0);
    if (!columns.isEmpty()) {
      SqlCreateTable.identifierList(writer, columns);
    }
    writer.keyword("FROM");
    if (fromStdin) {
      writer.keyword("STDIN");
    } else {
      SqlLiteral.createCharString(from, SqlParserPos.ZERO).unparse(writer, 0, 0);
    }
    SqlCopyOption.unparseAll(writer, options);
  }
}
