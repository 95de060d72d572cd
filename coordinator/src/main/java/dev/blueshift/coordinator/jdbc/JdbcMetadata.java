package dev.blueshift.coordinator.jdbc;

import dev.blueshift.coordinator.system.PgType;
import dev.blueshift.coordinator.system.PinnedCatalog;
import dev.blueshift.types.SqlType;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.MetaImpl;

/**
 * Answers JDBC {@link DatabaseMetaData} requests from the SQL system views, the way pgjdbc answers
 * them from pg_catalog: each request is one query on {@code information_schema}, whose rows are
 * filtered by the request's name patterns and shaped into the columns JDBC defines.
 */
final class JdbcMetadata {
  /** Runs a query in the client's session and returns all its rows. */
  interface SqlRunner {
    List<Object[]> query(String sql);
  }

  /** A metadata result: JDBC's columns for the request and the rows, in JDBC's order. */
  record Result(List<ColumnMetaData> columns, List<Object> rows) {}

  static final String TABLE = "TABLE";
  static final String VIEW = "VIEW";
  static final String SYSTEM_TABLE = "SYSTEM TABLE";
  /** getTableTypes, sorted as JDBC asks. */
  static final List<String> TABLE_TYPES = List.of(SYSTEM_TABLE, TABLE, VIEW);

  private final SqlRunner sql;

  JdbcMetadata(SqlRunner sql) {
    this.sql = sql;
  }

  Result catalogs() {
    List<Object> rows = new ArrayList<>();
    rows.add(new Object[] {PinnedCatalog.DATABASE});
    return new Result(new Columns().string("TABLE_CAT", false).build(), rows);
  }

  Result schemas(String catalog, String schemaPattern) {
    List<Object> rows = new ArrayList<>();
    if (catalogMatches(catalog)) {
      Pattern schema = like(schemaPattern);
      for (Object[] r : sql.query("SELECT schema_name FROM information_schema.schemata")) {
        if (schema.matcher((String) r[0]).matches()) {
          rows.add(new Object[] {r[0], PinnedCatalog.DATABASE});
        }
      }
    }
    rows.sort(Comparator.comparing(r -> (String) ((Object[]) r)[0]));
    return new Result(new Columns().string("TABLE_SCHEM", false).string("TABLE_CATALOG", true).build(), rows);
  }

  Result tables(String catalog, String schemaPattern, String tablePattern, List<String> types) {
    List<Object> rows = new ArrayList<>();
    if (catalogMatches(catalog)) {
      Pattern schema = like(schemaPattern);
      Pattern table = like(tablePattern);
      Set<String> wanted = types == null ? null : Set.copyOf(upper(types));
      for (Object[] r : sql.query("SELECT table_schema, table_name, table_type FROM information_schema.tables")) {
        String type = tableType((String) r[0], (String) r[2]);
        if (schema.matcher((String) r[0]).matches() && table.matcher((String) r[1]).matches()
            && (wanted == null || wanted.contains(type))) {
          rows.add(new Object[] {PinnedCatalog.DATABASE, r[0], r[1], type, null, null, null, null, null, null});
        }
      }
    }
    rows.sort(Comparator.comparing((Object r) -> (String) ((Object[]) r)[3])
        .thenComparing(r -> (String) ((Object[]) r)[1]).thenComparing(r -> (String) ((Object[]) r)[2]));
    return new Result(new Columns().string("TABLE_CAT", true).string("TABLE_SCHEM", true)
        .string("TABLE_NAME", false).string("TABLE_TYPE", false).string("REMARKS", true)
        .string("TYPE_CAT", true).string("TYPE_SCHEM", true).string("TYPE_NAME", true)
        .string("SELF_REFERENCING_COL_NAME", true).string("REF_GENERATION", true).build(), rows);
  }

  /** JDBC's table type: system schemas hold SYSTEM TABLEs, views are VIEWs, the rest TABLEs. */
  static String tableType(String schema, String informationSchemaType) {
    if (schema.equals(PinnedCatalog.PG_CATALOG) || schema.equals(PinnedCatalog.INFORMATION_SCHEMA)) {
      return SYSTEM_TABLE;
    }
    return informationSchemaType.equals("VIEW") ? VIEW : TABLE;
  }

  Result columns(String catalog, String schemaPattern, String tablePattern, String columnPattern) {
    List<Object> rows = new ArrayList<>();
    if (catalogMatches(catalog)) {
      Pattern schema = like(schemaPattern);
      Pattern table = like(tablePattern);
      Pattern column = like(columnPattern);
      for (Object[] r : sql.query("SELECT table_schema, table_name, column_name, ordinal_position, column_default,"
          + " is_nullable, udt_name, character_maximum_length, numeric_precision, numeric_scale"
          + " FROM information_schema.columns")) {
        if (!schema.matcher((String) r[0]).matches() || !table.matcher((String) r[1]).matches()
            || !column.matcher((String) r[2]).matches()) {
          continue;
        }
        SqlType t = PgType.fromColumn((String) r[6], (Integer) r[7], (Integer) r[8], (Integer) r[9]);
        boolean nullable = "YES".equals(r[5]);
        rows.add(new Object[] {PinnedCatalog.DATABASE, r[0], r[1], r[2], JdbcColumns.jdbcType(t), r[6],
            JdbcColumns.columnSize(t), null, JdbcColumns.decimalDigits(t), 10,
            nullable ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls, null, r[4], null, null,
            t.isString() ? t.length() : null, r[3], nullable ? "YES" : "NO", null, null, null, null, "NO", "NO"});
      }
    }
    rows.sort(Comparator.comparing((Object r) -> (String) ((Object[]) r)[1])
        .thenComparing(r -> (String) ((Object[]) r)[2]).thenComparing(r -> (Integer) ((Object[]) r)[16]));
    return new Result(new Columns().string("TABLE_CAT", true).string("TABLE_SCHEM", true)
        .string("TABLE_NAME", false).string("COLUMN_NAME", false).integer("DATA_TYPE", false)
        .string("TYPE_NAME", false).integer("COLUMN_SIZE", true).integer("BUFFER_LENGTH", true)
        .integer("DECIMAL_DIGITS", true).integer("NUM_PREC_RADIX", true).integer("NULLABLE", false)
        .string("REMARKS", true).string("COLUMN_DEF", true).integer("SQL_DATA_TYPE", true)
        .integer("SQL_DATETIME_SUB", true).integer("CHAR_OCTET_LENGTH", true).integer("ORDINAL_POSITION", false)
        .string("IS_NULLABLE", false).string("SCOPE_CATALOG", true).string("SCOPE_SCHEMA", true)
        .string("SCOPE_TABLE", true).smallint("SOURCE_DATA_TYPE", true).string("IS_AUTOINCREMENT", false)
        .string("IS_GENERATEDCOLUMN", false).build(), rows);
  }

  /** Blueshift has no primary keys (Redshift's are informational only): always empty. */
  static Result primaryKeys() {
    return new Result(new Columns().string("TABLE_CAT", true).string("TABLE_SCHEM", true)
        .string("TABLE_NAME", false).string("COLUMN_NAME", false).smallint("KEY_SEQ", false)
        .string("PK_NAME", true).build(), List.of());
  }

  static Result tableTypes() {
    List<Object> rows = new ArrayList<>();
    for (String t : TABLE_TYPES) {
      rows.add(new Object[] {t});
    }
    return new Result(new Columns().string("TABLE_TYPE", false).build(), rows);
  }

  /** No user-defined functions yet: an empty, well-formed result. */
  static Result functions() {
    return new Result(new Columns().string("FUNCTION_CAT", true).string("FUNCTION_SCHEM", true)
        .string("FUNCTION_NAME", false).string("REMARKS", true).smallint("FUNCTION_TYPE", false)
        .string("SPECIFIC_NAME", false).build(), List.of());
  }

  /** One row per type Blueshift has, by PostgreSQL name, ordered by JDBC type. */
  static Result typeInfo() {
    List<Object> rows = new ArrayList<>();
    for (PgType p : PgType.ALL) {
      SqlType widest = widest(p.kind());
      boolean quoted = widest.isString() || p.kind() == SqlType.Kind.DATE || p.kind() == SqlType.Kind.TIMESTAMP
          || p.kind() == SqlType.Kind.TIMESTAMPTZ;
      String createParams = switch (p.kind()) {
        case CHAR, VARCHAR -> "length";
        case DECIMAL -> "precision,scale";
        default -> null;
      };
      boolean numeric = PgType.numericPrecision(widest) != null;
      rows.add(new Object[] {p.name(), JdbcColumns.jdbcType(widest), JdbcColumns.columnSize(widest),
          quoted ? "'" : null, quoted ? "'" : null, createParams, (short) DatabaseMetaData.typeNullable,
          widest.isString(), (short) DatabaseMetaData.typeSearchable, !numeric, false, false, null, (short) 0,
          (short) (p.kind() == SqlType.Kind.DECIMAL ? SqlType.MAX_DECIMAL_PRECISION : 0), null, null,
          numeric ? 10 : null});
    }
    rows.sort(Comparator.comparing(r -> (Integer) ((Object[]) r)[1]));
    return new Result(new Columns().string("TYPE_NAME", false).integer("DATA_TYPE", false)
        .integer("PRECISION", true).string("LITERAL_PREFIX", true).string("LITERAL_SUFFIX", true)
        .string("CREATE_PARAMS", true).smallint("NULLABLE", false).bool("CASE_SENSITIVE")
        .smallint("SEARCHABLE", false).bool("UNSIGNED_ATTRIBUTE").bool("FIXED_PREC_SCALE")
        .bool("AUTO_INCREMENT").string("LOCAL_TYPE_NAME", true).smallint("MINIMUM_SCALE", true)
        .smallint("MAXIMUM_SCALE", true).integer("SQL_DATA_TYPE", true).integer("SQL_DATETIME_SUB", true)
        .integer("NUM_PREC_RADIX", true).build(), rows);
  }

  /** The largest type of a family (its maximum size is what getTypeInfo's PRECISION reports). */
  private static SqlType widest(SqlType.Kind kind) {
    return switch (kind) {
      case DECIMAL -> SqlType.decimal(SqlType.MAX_DECIMAL_PRECISION, 0);
      case CHAR -> SqlType.character(SqlType.MAX_VARCHAR_LENGTH);
      case VARCHAR -> SqlType.varchar(SqlType.MAX_VARCHAR_LENGTH);
      default -> new SqlType(kind, 0, 0, 0);
    };
  }

  private static boolean catalogMatches(String catalog) {
    // null: any catalog; "": objects without a catalog, of which there are none
    return catalog == null || catalog.equals(PinnedCatalog.DATABASE);
  }

  private static List<String> upper(List<String> types) {
    List<String> out = new ArrayList<>();
    for (String t : types) {
      out.add(t.toUpperCase(Locale.ROOT));
    }
    return out;
  }

  /**
   * A JDBC name pattern as a regex: {@code %} any run, {@code _} any one character, {@code \}
   * escapes the next character (DatabaseMetaData.getSearchStringEscape); null matches anything.
   */
  static Pattern like(String pattern) {
    if (pattern == null) {
      return Pattern.compile(".*", Pattern.DOTALL);
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** Builds a metadata result's column list in order. */
  private static final class Columns {
    private final List<ColumnMetaData> list = new ArrayList<>();

    Columns string(String name, boolean nullable) {
      return add(name, String.class, nullable);
    }

    Columns integer(String name, boolean nullable) {
      return add(name, Integer.class, nullable);
    }

    Columns smallint(String name, boolean nullable) {
      return add(name, Short.class, nullable);
    }

    Columns bool(String name) {
      return add(name, Boolean.class, false);
    }

    private Columns add(String name, Class<?> type, boolean nullable) {
      list.add(MetaImpl.columnMetaData(name, list.size(), type, nullable));
      return this;
    }

    List<ColumnMetaData> build() {
      return List.copyOf(list);
    }
  }
}
