package dev.blueshift.shell;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * psql's informational commands: {@code \d} and {@code \dt} list relations, {@code \dn} lists
 * schemas (through JDBC metadata), {@code \d NAME} describes a table with Redshift's column
 * details (type, encoding, distkey, sortkey, nullability, from {@code pg_table_def}) and its
 * distribution style (from {@code svv_table_info}). Output is psql's aligned layout.
 */
final class CatalogCommands {
  private static final String SYSTEM_TABLE = "SYSTEM TABLE";

  private final Connection connection;
  private final PrintStream out;

  CatalogCommands(Connection connection, PrintStream out) {
    this.connection = connection;
    this.out = out;
  }

  /**
   * {@code \d} / {@code \dt} with an optional pattern. Without a schema in the pattern only
   * user relations are listed (psql hides the system schemas the same way).
   */
  void listRelations(String pattern, boolean tablesOnly) throws SQLException {
    NamePattern p = NamePattern.parse(pattern.isEmpty() ? "*" : pattern);
    List<String> types = new ArrayList<>(tablesOnly ? List.of("TABLE") : List.of("TABLE", "VIEW"));
    if (p.schema() != null) {
      types.add(SYSTEM_TABLE);
    }
    Map<String, String> owners = schemaOwners();
    List<List<String>> rows = new ArrayList<>();
    try (ResultSet rs = connection.getMetaData().getTables(null, p.schema(), p.name(), types.toArray(String[]::new))) {
      while (rs.next()) {
        String schema = rs.getString("TABLE_SCHEM");
        rows.add(Arrays.asList(schema, rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE").toLowerCase(Locale.ROOT),
            owners.get(schema)));
      }
    }
    rows.sort((a, b) -> a.get(0).equals(b.get(0)) ? a.get(1).compareTo(b.get(1)) : a.get(0).compareTo(b.get(0)));
    if (rows.isEmpty()) {
      out.println(pattern.isEmpty() ? "Did not find any relations."
          : "Did not find any relation named \"" + pattern + "\".");
      return;
    }
    print("List of relations", null, List.of("Schema", "Name", "Type", "Owner"), rows);
  }

  /** {@code \dn [PATTERN]}: user schemas (not pg_catalog, information_schema) and their owners. */
  void listSchemas(String pattern) throws SQLException {
    Map<String, String> owners = schemaOwners();
    List<List<String>> rows = new ArrayList<>();
    NamePattern p = NamePattern.parse(pattern.isEmpty() ? "*" : pattern);
    try (ResultSet rs = connection.getMetaData().getSchemas(null, p.name())) {
      while (rs.next()) {
        String schema = rs.getString("TABLE_SCHEM");
        if (pattern.isEmpty() && isSystemSchema(schema)) {
          continue;
        }
        rows.add(Arrays.asList(schema, owners.get(schema)));
      }
    }
    if (rows.isEmpty()) {
      out.println("Did not find any schemas.");
      return;
    }
    print("List of schemas", null, List.of("Name", "Owner"), rows);
  }

  /** {@code \d NAME}: describes every relation the name (or pattern) matches. */
  void describe(String pattern) throws SQLException {
    NamePattern p = NamePattern.parse(pattern);
    List<String[]> matches = new ArrayList<>();
    try (ResultSet rs = connection.getMetaData().getTables(null, p.schema(), p.name(), null)) {
      while (rs.next()) {
        matches.add(new String[] {rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE")});
      }
    }
    if (p.schema() == null && matches.stream().anyMatch(m -> !isSystemSchema(m[0]))) {
      // an unqualified name means the user's relation when there is one (pg_catalog comes later
      // on the search path only for names no user relation has)
      matches.removeIf(m -> isSystemSchema(m[0]));
    }
    if (matches.isEmpty()) {
      out.println("Did not find any relation named \"" + pattern + "\".");
      return;
    }
    for (String[] m : matches) {
      if (m[2].equals("TABLE")) {
        describeTable(m[0], m[1]);
      } else {
        describeColumns((m[2].equals("VIEW") ? "View" : "System table") + " \"" + m[0] + "." + m[1] + "\"", m[0], m[1]);
      }
    }
  }

  /** A stored table: Redshift's column details and its distribution and sort key. */
  private void describeTable(String schema, String table) throws SQLException {
    String where = " WHERE schemaname = " + NamePattern.literal(schema) + " AND tablename = " + NamePattern.literal(table);
    List<List<String>> rows = new ArrayList<>();
    List<String> sortKey = new ArrayList<>();
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("SELECT \"column\", type, encoding, distkey, sortkey, notnull FROM pg_table_def"
             + where)) {
      while (rs.next()) {
        int sortPosition = rs.getInt(5);
        rows.add(Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4) ? "t" : "f",
            Integer.toString(sortPosition), rs.getBoolean(6) ? "not null" : ""));
        if (sortPosition > 0) {
          while (sortKey.size() < sortPosition) {
            sortKey.add(null);
          }
          sortKey.set(sortPosition - 1, rs.getString(1));
        }
      }
    }
    List<String> footer = new ArrayList<>();
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("SELECT diststyle FROM svv_table_info WHERE schema = "
             + NamePattern.literal(schema) + " AND \"table\" = " + NamePattern.literal(table))) {
      if (rs.next()) {
        footer.add("Diststyle: " + rs.getString(1));
      }
    }
    if (!sortKey.isEmpty()) {
      footer.add("Sortkey: " + String.join(", ", sortKey));
    }
    print("Table \"" + schema + "." + table + "\"", footer,
        List.of("Column", "Type", "Encoding", "DistKey", "SortKey", "Nullable"), rows);
  }

  /** A view or system table: its columns' types and nullability. */
  private void describeColumns(String title, String schema, String name) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("SELECT column_name, data_type, character_maximum_length, numeric_precision,"
             + " numeric_scale, is_nullable FROM information_schema.columns WHERE table_schema = "
             + NamePattern.literal(schema) + " AND table_name = " + NamePattern.literal(name)
             + " ORDER BY ordinal_position")) {
      while (rs.next()) {
        String type = rs.getString(2);
        if (rs.getObject(3) != null) {
          type += "(" + rs.getInt(3) + ")";
        } else if (type.equals("numeric")) {
          type += "(" + rs.getInt(4) + "," + rs.getInt(5) + ")";
        }
        rows.add(Arrays.asList(rs.getString(1), type, "NO".equals(rs.getString(6)) ? "not null" : ""));
      }
    }
    print(title, List.of(), List.of("Column", "Type", "Nullable"), rows);
  }

  private Map<String, String> schemaOwners() throws SQLException {
    Map<String, String> owners = new HashMap<>();
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("SELECT schema_name, schema_owner FROM information_schema.schemata")) {
      while (rs.next()) {
        owners.put(rs.getString(1), rs.getString(2));
      }
    }
    return owners;
  }

  private static boolean isSystemSchema(String schema) {
    return schema.equals("pg_catalog") || schema.equals("information_schema");
  }

  private void print(String title, List<String> footer, List<String> headers, List<List<String>> rows) {
    List<TableColumn> columns = headers.stream().map(TableColumn::text).toList();
    new TabularResult(columns, rows).printTo(new AlignedPrinter(out, title, footer));
  }
}
