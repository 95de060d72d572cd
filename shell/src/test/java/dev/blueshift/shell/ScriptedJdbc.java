package dev.blueshift.shell;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * A scripted JDBC driver for {@code jdbc:scripted:} URLs, standing in for the server at the JDBC
 * boundary (the shell must not depend on the coordinator): "select n" returns two integer rows,
 * "select s" a text row, "create…"/"insert…" update counts, anything else fails the way the
 * Blueshift driver reports a server error.
 */
final class ScriptedJdbc implements Driver {
  static final ScriptedJdbc INSTANCE = new ScriptedJdbc();
  final List<String> executed = new CopyOnWriteArrayList<>();
  /**
   * The relations the scripted catalog holds, as {schema, name, JDBC table type}; empty unless a
   * test fills it. Metadata and the catalog views answer from it like the server would.
   */
  final List<String[]> relations = new CopyOnWriteArrayList<>();

  static {
    try {
      java.sql.DriverManager.registerDriver(INSTANCE);
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public Connection connect(String url, Properties info) {
    if (!acceptsURL(url)) {
      return null;
    }
    return proxy(Connection.class, (p, m, a) -> switch (m.getName()) {
      case "createStatement" -> statement();
      case "getMetaData" -> proxy(DatabaseMetaData.class, (p2, m2, a2) -> switch (m2.getName()) {
        case "getTables" -> tables((String) a2[1], (String) a2[2], (String[]) a2[3]);
        case "getSchemas" -> schemas(a2 == null ? null : (String) a2[1]);
        default -> throw new UnsupportedOperationException(m2.getName());
      });
      case "close" -> null;
      case "isClosed" -> false;
      default -> throw new UnsupportedOperationException(m.getName());
    });
  }

  private Statement statement() {
    Object[] current = new Object[1];
    return proxy(Statement.class, (p, m, a) -> switch (m.getName()) {
      case "execute" -> {
        String sql = (String) a[0];
        executed.add(sql);
        String normalized = sql.replaceAll("\\s+", " ");
        if (normalized.equals("select n")) {
          current[0] = resultSet(new String[] {"n"}, new int[] {Types.INTEGER},
              new Object[][] {{1}, {null}});
          yield true;
        } else if (normalized.equals("select s")) {
          current[0] = resultSet(new String[] {"s", "ok"}, new int[] {Types.VARCHAR, Types.BOOLEAN},
              new Object[][] {{"a,b", true}});
          yield true;
        } else if (catalogQuery(normalized) != null) {
          current[0] = catalogQuery(normalized);
          yield true;
        } else if (CommandTag.leadingWords(sql, 1).equals(List.of("CREATE"))) {
          current[0] = 0;
          yield false;
        } else if (CommandTag.leadingWords(sql, 1).equals(List.of("INSERT"))) {
          current[0] = 5;
          yield false;
        }
        throw new SQLException("Error 0 (42P01) : Error while executing SQL \"" + sql
            + "\": Remote driver error: relation \"nope\" does not exist", "42P01");
      }
      case "executeQuery" -> {
        String sql = (String) a[0];
        executed.add(sql);
        ResultSet rows = catalogQuery(sql.replaceAll("\\s+", " "));
        if (rows == null) {
          throw new SQLException("relation does not exist: " + sql, "42P01");
        }
        yield rows;
      }
      case "getResultSet" -> current[0] instanceof ResultSet ? current[0] : null;
      case "getUpdateCount" -> current[0] instanceof Integer i ? i : -1;
      case "close", "cancel" -> null;
      default -> throw new UnsupportedOperationException(m.getName());
    });
  }

  private ResultSet tables(String schemaPattern, String namePattern, String[] types) {
    List<Object[]> rows = new java.util.ArrayList<>();
    for (String[] r : relations) {
      if (matches(schemaPattern, r[0]) && matches(namePattern, r[1])
          && (types == null || List.of(types).contains(r[2]))) {
        rows.add(new Object[] {r[0], r[1], r[2]});
      }
    }
    return resultSet(new String[] {"TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE"},
        new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR}, rows.toArray(Object[][]::new));
  }

  private ResultSet schemas(String pattern) {
    List<Object[]> rows = new java.util.ArrayList<>();
    for (String schema : schemaNames()) {
      if (matches(pattern, schema)) {
        rows.add(new Object[] {schema});
      }
    }
    return resultSet(new String[] {"TABLE_SCHEM"}, new int[] {Types.VARCHAR}, rows.toArray(Object[][]::new));
  }

  private List<String> schemaNames() {
    return relations.stream().map(r -> r[0]).distinct().sorted().toList();
  }

  /** A JDBC name pattern (%, _ and \ escapes) matched against a name; null matches all. */
  private static boolean matches(String pattern, String name) {
    if (pattern == null) {
      return true;
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        regex.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else {
        regex.append(c == '%' ? ".*" : c == '_' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return name.matches(regex.toString());
  }

  /** The rows the server's catalog views would return for the shell's catalog queries. */
  private ResultSet catalogQuery(String sql) {
    int v = Types.VARCHAR;
    if (sql.equals("SELECT schema_name, schema_owner FROM information_schema.schemata")) {
      return resultSet(new String[] {"schema_name", "schema_owner"}, new int[] {v, v}, schemaNames().stream()
          .map(s -> new Object[] {s, s.equals("pg_catalog") ? "rdsdb" : "admin"}).toArray(Object[][]::new));
    }
    if (sql.startsWith("SELECT \"column\", type, encoding, distkey, sortkey, notnull FROM pg_table_def")
        && sql.endsWith("WHERE schemaname = 'public' AND tablename = 'sales'")) {
      int b = Types.BOOLEAN;
      return resultSet(new String[] {"column", "type", "encoding", "distkey", "sortkey", "notnull"},
          new int[] {v, v, v, b, Types.INTEGER, b}, new Object[][] {
              {"region", "character varying(10)", "zstd", false, 0, false},
              {"qty", "integer", "none", true, 2, true},
              {"day", "date", "none", false, 1, false}});
    }
    if (sql.equals("SELECT diststyle FROM svv_table_info WHERE schema = 'public' AND \"table\" = 'sales'")) {
      return resultSet(new String[] {"diststyle"}, new int[] {v}, new Object[][] {{"KEY(qty)"}});
    }
    if (sql.startsWith("SELECT column_name, data_type, character_maximum_length, numeric_precision,")
        && sql.endsWith("WHERE table_schema = 'public' AND table_name = 'it''s' ORDER BY ordinal_position")) {
      int i = Types.INTEGER;
      return resultSet(new String[] {"column_name", "data_type", "character_maximum_length", "numeric_precision",
          "numeric_scale", "is_nullable"}, new int[] {v, v, i, i, i, v}, new Object[][] {
              {"name", "character varying", 20, null, null, "NO"},
              {"amount", "numeric", null, 12, 2, "YES"},
              {"n", "bigint", null, 64, 0, "YES"}});
    }
    return null;
  }

  private static ResultSet resultSet(String[] names, int[] types, Object[][] rows) {
    int[] at = {-1};
    ResultSetMetaData md = proxy(ResultSetMetaData.class, (p, m, a) -> switch (m.getName()) {
      case "getColumnCount" -> names.length;
      case "getColumnLabel", "getColumnName" -> names[(Integer) a[0] - 1];
      case "getColumnType" -> types[(Integer) a[0] - 1];
      case "getColumnTypeName" -> "type" + types[(Integer) a[0] - 1];
      default -> throw new UnsupportedOperationException(m.getName());
    });
    return proxy(ResultSet.class, (p, m, a) -> switch (m.getName()) {
      case "next" -> ++at[0] < rows.length;
      case "getObject" -> rows[at[0]][(Integer) a[0] - 1];
      case "getString" -> {
        int c = a[0] instanceof Integer i ? i - 1 : List.of(names).indexOf((String) a[0]);
        Object value = rows[at[0]][c];
        yield value == null ? null : value.toString();
      }
      case "getInt" -> rows[at[0]][(Integer) a[0] - 1] instanceof Integer i ? i : 0;
      case "getBoolean" -> Boolean.TRUE.equals(rows[at[0]][(Integer) a[0] - 1]);
      case "getMetaData" -> md;
      case "close" -> null;
      default -> throw new UnsupportedOperationException(m.getName());
    });
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(ScriptedJdbc.class.getClassLoader(), new Class<?>[] {type},
        handler);
  }

  @Override
  public boolean acceptsURL(String url) {
    return url.startsWith("jdbc:scripted:");
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getGlobal();
  }
}
