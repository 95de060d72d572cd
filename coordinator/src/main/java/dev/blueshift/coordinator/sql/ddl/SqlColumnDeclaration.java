package dev.blueshift.coordinator.sql.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * One column of a Redshift {@code CREATE TABLE}:
 * {@code name type [ENCODE e] [DISTKEY] [SORTKEY] [DEFAULT expr] [IDENTITY(seed, step)]
 * [NOT NULL | NULL] [PRIMARY KEY] [UNIQUE] [REFERENCES t [(c)]]}.
 *
 * <p>{@code UNIQUE}, {@code PRIMARY KEY} and {@code REFERENCES} are informational in Redshift
 * (not enforced); they are recorded here so the catalog may keep them.
 */
public final class SqlColumnDeclaration extends SqlCall {
  /** Column compression encodings Redshift accepts (lower case). */
  public static final Set<String> ENCODINGS = Set.of(
      "raw", "az64", "bytedict", "delta", "delta32k", "lzo", "mostly8", "mostly16", "mostly32",
      "runlength", "text255", "text32k", "zstd", "auto");

  public final SqlIdentifier name;
  public final SqlDataTypeSpec type;
  /** Lower-case encoding name, or null when no {@code ENCODE} was given. */
  public final String encode;
  public final boolean notNull;
  public final SqlNode defaultValue;
  /** {@code IDENTITY(seed, step)}: both non-null, or both null when not an identity column. */
  public final SqlNode identitySeed;
  public final SqlNode identityStep;
  public final boolean primaryKey;
  public final boolean unique;
  public final SqlIdentifier referencesTable;
  public final SqlIdentifier referencesColumn;
  /** Column-level {@code DISTKEY}. */
  public final boolean distKey;
  /** Column-level {@code SORTKEY}. */
  public final boolean sortKey;

  private SqlColumnDeclaration(SqlParserPos pos, Builder b) {
    super(pos);
    this.name = b.name;
    this.type = b.type;
    this.encode = b.encode;
    this.notNull = b.notNull;
    this.defaultValue = b.defaultValue;
    this.identitySeed = b.identitySeed;
    this.identityStep = b.identityStep;
    this.primaryKey = b.primaryKey;
    this.unique = b.unique;
    this.referencesTable = b.referencesTable;
    this.referencesColumn = b.referencesColumn;
    this.distKey = b.distKey;
    this.sortKey = b.sortKey;
  }

  /** Starts a declaration of column {@code name} with type {@code type}. */
  public static Builder builder(SqlIdentifier name, SqlDataTypeSpec type) {
    return new Builder(name, type);
  }

  /** The column name as written (unquoted names are already folded to lower case by the parser). */
  public String columnName() {
    return name.getSimple();
  }

  @Override public SqlOperator getOperator() {
    return DdlOperators.COLUMN_DECL;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, type, defaultValue);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    name.unparse(writer, 0, 0);
    type.unparse(writer, 0, 0);
    if (encode != null) {
      writer.keyword("ENCODE");
      writer.keyword(encode.toUpperCase(Locale.ROOT));
    }
    if (distKey) {
      writer.keyword("DISTKEY");
    }
    if (sortKey) {
      writer.keyword("SORTKEY");
    }
    if (defaultValue != null) {
      writer.keyword("DEFAULT");
      defaultValue.unparse(writer, 0, 0);
    }
    if (identitySeed != null && identityStep != null) {
      writer.keyword("IDENTITY");
      SqlWriter.Frame frame = writer.startList("(", ")");
      writer.sep(",");
      identitySeed.unparse(writer, 0, 0);
      writer.sep(",");
      identityStep.unparse(writer, 0, 0);
      writer.endList(frame);
    }
    if (notNull) {
      writer.keyword("NOT NULL");
    }
    if (primaryKey) {
      writer.keyword("PRIMARY KEY");
    }
    if (unique) {
      writer.keyword("UNIQUE");
    }
    if (referencesTable != null) {
      writer.keyword("REFERENCES");
      referencesTable.unparse(writer, 0, 0);
      if (referencesColumn != null) {
        SqlWriter.Frame frame = writer.startList("(", ")");
        referencesColumn.unparse(writer, 0, 0);
        writer.endList(frame);
      }
    }
  }

  /** Accumulates column attributes in whatever order the DDL writes them. */
  public static final class Builder {
    private final SqlIdentifier name;
    private final SqlDataTypeSpec type;
    private String encode;
    private boolean notNull;
    private SqlNode defaultValue;
    private SqlNode identitySeed;
    private SqlNode identityStep;
    private boolean primaryKey;
    private boolean unique;
    private SqlIdentifier referencesTable;
    private SqlIdentifier referencesColumn;
    private boolean distKey;
    private boolean sortKey;
    private final List<String> seen = new ArrayList<>();

    private Builder(SqlIdentifier name, SqlDataTypeSpec type) {
      this.name = name;
      this.type = type;
    }

    private void once(String attribute, SqlParserPos pos) {
      if (seen.contains(attribute)) {
        throw SqlErrors.syntax(pos, "column \"" + name.getSimple() + "\": " + attribute + " given twice");
      }
      seen.add(attribute);
    }

    public Builder encode(String encoding, SqlParserPos pos) {
      once("ENCODE", pos);
      String e = encoding.toLowerCase(Locale.ROOT);
      if (!ENCODINGS.contains(e)) {
        throw SqlErrors.syntax(pos, "column \"" + name.getSimple() + "\": unknown encoding \"" + encoding
            + "\"; expected one of " + new java.util.TreeSet<>(ENCODINGS));
      }
      this.encode = e;
      return this;
    }

    public Builder nullability(boolean notNull, SqlParserPos pos) {
      once("NULL/NOT NULL", pos);
      this.notNull = notNull;
      return this;
    }

    public Builder defaultValue(SqlNode value, SqlParserPos pos) {
      once("DEFAULT", pos);
      this.defaultValue = value;
      return this;
    }

    public Builder identity(SqlNode seed, SqlNode step, SqlParserPos pos) {
      once("IDENTITY", pos);
      this.identitySeed = seed;
      this.identityStep = step;
      return this;
    }

    public Builder primaryKey(SqlParserPos pos) {
      once("PRIMARY KEY", pos);
      this.primaryKey = true;
      return this;
    }

    public Builder unique(SqlParserPos pos) {
      once("UNIQUE", pos);
      this.unique = true;
      return this;
    }

    public Builder references(SqlIdentifier table, SqlIdentifier column, SqlParserPos pos) {
      once("REFERENCES", pos);
      this.referencesTable = table;
      this.referencesColumn = column;
      return this;
    }

    public Builder distKey(SqlParserPos pos) {
      once("DISTKEY", pos);
      this.distKey = true;
      return this;
    }

    public Builder sortKey(SqlParserPos pos) {
      once("SORTKEY", pos);
      this.sortKey = true;
      return this;
    }

    public SqlColumnDeclaration build(SqlParserPos pos) {
      return new SqlColumnDeclaration(pos, this);
    }
  }
}
