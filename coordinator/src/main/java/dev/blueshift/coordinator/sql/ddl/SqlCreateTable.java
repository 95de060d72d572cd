package dev.blueshift.coordinator.sql.ddl;

import dev.blueshift.error.SqlState;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * Redshift {@code CREATE [TEMP|TEMPORARY] TABLE [IF NOT EXISTS] name (columns…) [DISTSTYLE …]
 * [DISTKEY(c)] [COMPOUND|INTERLEAVED] SORTKEY(c, …)}, or {@code CREATE TABLE name [attributes] AS
 * query}.
 *
 * <p>Column-level {@code DISTKEY}/{@code SORTKEY} are folded into {@link #distKey} and
 * {@link #sortKey}, so a consumer reads the key only from the table.
 */
public final class SqlCreateTable extends SqlCreate {
  public final SqlIdentifier name;
  public final boolean temporary;
  /** Column declarations; empty for {@code CREATE TABLE … AS query}. */
  public final List<SqlColumnDeclaration> columns;
  /** {@code DISTSTYLE} as written, or null when absent; see {@link #effectiveDistStyle()}. */
  public final DistStyle diststyle;
  /** Distribution key column (table- or column-level {@code DISTKEY}), or null. */
  public final SqlIdentifier distKey;
  /** Sort key columns in key order; empty when there is none. */
  public final List<SqlIdentifier> sortKey;
  /** Style of {@link #sortKey}: null when there is no sort key, else COMPOUND unless INTERLEAVED. */
  public final SortKeyStyle sortKeyStyle;
  /** Primary key columns (table constraint or column-level), empty when none. Not enforced. */
  public final List<SqlIdentifier> primaryKey;
  /** The query of {@code CREATE TABLE … AS query}, else null. */
  public final SqlNode query;
  /** The table of {@code CREATE TABLE name (LIKE table …)}, else null. */
  public final SqlIdentifier likeTable;
  /** {@code LIKE table INCLUDING DEFAULTS}: copy the column defaults too. */
  public final boolean likeIncludingDefaults;

  public SqlCreateTable(SqlParserPos pos, boolean replace, boolean temporary, boolean ifNotExists,
      SqlIdentifier name, List<SqlColumnDeclaration> columns, List<SqlIdentifier> primaryKey,
      Attributes attributes, SqlNode query) {
    super(DdlOperators.CREATE_TABLE, pos, replace, ifNotExists);
    if (replace) {
      throw SqlErrors.syntax(pos, "CREATE OR REPLACE TABLE is not supported");
    }
    if (columns.isEmpty() && query == null && attributes.likeTable == null) {
      throw SqlErrors.syntax(pos, "CREATE TABLE " + name + " needs a column list or AS query");
    }
    this.name = name;
    this.temporary = temporary;
    this.columns = List.copyOf(columns);
    this.query = query;
    this.likeTable = attributes.likeTable;
    this.likeIncludingDefaults = attributes.likeIncludingDefaults;

    SqlIdentifier dk = attributes.distKey;
    List<SqlIdentifier> sk = new ArrayList<>(attributes.sortKey);
    List<SqlIdentifier> pk = new ArrayList<>(primaryKey);
    for (SqlColumnDeclaration c : columns) {
      if (c.distKey) {
        if (dk != null) {
          throw SqlErrors.at(SqlState.INVALID_TABLE_DEFINITION, c.getParserPosition(),
              "table \"" + name + "\": more than one DISTKEY (\"" + dk + "\" and \"" + c.name + "\")");
        }
        dk = c.name;
      }
      if (c.sortKey) {
        if (!attributes.sortKey.isEmpty()) {
          throw SqlErrors.at(SqlState.INVALID_TABLE_DEFINITION, c.getParserPosition(),
              "table \"" + name + "\": column-level SORTKEY on \"" + c.name
                  + "\" conflicts with the table-level SORTKEY");
        }
        sk.add(c.name);
      }
      if (c.primaryKey) {
        if (!primaryKey.isEmpty()) {
          throw SqlErrors.at(SqlState.INVALID_TABLE_DEFINITION, c.getParserPosition(),
              "table \"" + name + "\": more than one PRIMARY KEY");
        }
        pk.add(c.name);
      }
    }
    DistStyle style = attributes.distStyle;
    if (dk != null && style != null && style != DistStyle.KEY) {
      throw SqlErrors.at(SqlState.INVALID_TABLE_DEFINITION, pos,
          "table \"" + name + "\": DISTKEY \"" + dk + "\" is not allowed with DISTSTYLE " + style);
    }
    if (style == DistStyle.KEY && dk == null) {
      throw SqlErrors.at(SqlState.INVALID_TABLE_DEFINITION, pos,
          "table \"" + name + "\": DISTSTYLE KEY needs a DISTKEY column");
    }
    this.diststyle = style;
    this.distKey = dk;
    this.sortKey = List.copyOf(sk);
    this.sortKeyStyle = sk.isEmpty() ? null
        : attributes.sortKeyStyle == null ? SortKeyStyle.COMPOUND : attributes.sortKeyStyle;
    this.primaryKey = List.copyOf(pk);
  }

  /** The distribution that applies: KEY when there is a DISTKEY, else the written style, else AUTO. */
  public DistStyle effectiveDistStyle() {
    if (distKey != null) {
      return DistStyle.KEY;
    }
    return diststyle == null ? DistStyle.AUTO : diststyle;
  }

  /** The column declared with {@code name} (exact match), or null. */
  public SqlColumnDeclaration column(String columnName) {
    for (SqlColumnDeclaration c : columns) {
      if (c.columnName().equals(columnName)) {
        return c;
      }
    }
    return null;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, new SqlNodeList(columns, SqlParserPos.ZERO), query);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE");
    if (temporary) {
      writer.keyword("TEMPORARY");
    }
    writer.keyword("TABLE");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
    boolean columnDistKey = false;
    boolean columnSortKey = false;
    if (!columns.isEmpty() || likeTable != null) {
      SqlWriter.Frame frame = writer.startList("(", ")");
      if (likeTable != null) {
        writer.sep(",");
        writer.keyword("LIKE");
        likeTable.unparse(writer, 0, 0);
        writer.keyword(likeIncludingDefaults ? "INCLUDING DEFAULTS" : "EXCLUDING DEFAULTS");
      }
      for (SqlColumnDeclaration c : columns) {
        writer.sep(",");
        c.unparse(writer, 0, 0);
        columnDistKey |= c.distKey;
        columnSortKey |= c.sortKey;
      }
      if (primaryKey.size() > 0 && columns.stream().noneMatch(c -> c.primaryKey)) {
        writer.sep(",");
        writer.keyword("PRIMARY KEY");
        identifierList(writer, primaryKey);
      }
      writer.endList(frame);
    }
    if (diststyle != null) {
      writer.keyword("DISTSTYLE");
      writer.keyword(diststyle.name());
    }
    if (distKey != null && !columnDistKey) {
      writer.keyword("DISTKEY");
      identifierList(writer, List.of(distKey));
    }
    if (!sortKey.isEmpty() && !columnSortKey) {
      if (sortKeyStyle == SortKeyStyle.INTERLEAVED) {
        writer.keyword("INTERLEAVED");
      }
      writer.keyword("SORTKEY");
      identifierList(writer, sortKey);
    }
    if (query != null) {
      writer.keyword("AS");
      writer.newlineAndIndent();
      query.unparse(writer, 0, 0);
    }
  }

  static void identifierList(SqlWriter writer, List<SqlIdentifier> ids) {
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlIdentifier id : ids) {
      writer.sep(",");
      id.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }

  /** Table attributes after the column list, collected by the parser in any order. */
  public static final class Attributes {
    private DistStyle distStyle;
    private SqlIdentifier distKey;
    private final List<SqlIdentifier> sortKey = new ArrayList<>();
    private SortKeyStyle sortKeyStyle;
    private boolean sortKeySeen;
    private SqlIdentifier likeTable;
    private boolean likeIncludingDefaults;

    /** {@code LIKE table [INCLUDING | EXCLUDING DEFAULTS]} inside the parentheses. */
    public void like(SqlIdentifier table, boolean includingDefaults, SqlParserPos pos) {
      if (likeTable != null) {
        throw SqlErrors.syntax(pos, "LIKE given twice");
      }
      likeTable = table;
      likeIncludingDefaults = includingDefaults;
    }

    public void distStyle(DistStyle style, SqlParserPos pos) {
      if (distStyle != null) {
        throw SqlErrors.syntax(pos, "DISTSTYLE given twice");
      }
      distStyle = style;
    }

    public void distKey(SqlIdentifier column, SqlParserPos pos) {
      if (distKey != null) {
        throw SqlErrors.syntax(pos, "DISTKEY given twice");
      }
      distKey = column;
    }

    /** {@code [COMPOUND|INTERLEAVED] SORTKEY (cols)}; an empty list means {@code SORTKEY AUTO}. */
    public void sortKey(SortKeyStyle style, List<SqlIdentifier> columns, SqlParserPos pos) {
      if (sortKeySeen) {
        throw SqlErrors.syntax(pos, "SORTKEY given twice");
      }
      sortKeySeen = true;
      sortKeyStyle = style;
      sortKey.addAll(columns);
    }
  }
}
