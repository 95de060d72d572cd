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
        case "getTables", "getColumns", "getSchemas" -> resultSet(new String[0], new int[0], new Object[0][]);
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
      case "getResultSet" -> current[0] instanceof ResultSet ? current[0] : null;
      case "getUpdateCount" -> current[0] instanceof Integer i ? i : -1;
      case "close", "cancel" -> null;
      default -> throw new UnsupportedOperationException(m.getName());
    });
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
