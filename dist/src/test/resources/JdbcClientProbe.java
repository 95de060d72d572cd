import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A JDBC client run as a single-file source program with only the shaded Blueshift driver jar on
 * its class path, as a BI or flow tool would use it. Prints {@code key=value} lines that the test
 * checks; any failure prints {@code error=...} and exits non-zero.
 *
 * <p>Arguments: JDBC URL, rows to insert, rows per executeBatch.
 */
public class JdbcClientProbe {
  public static void main(String[] args) throws Exception {
    String url = args[0];
    int rows = Integer.parseInt(args[1]);
    int batch = Integer.parseInt(args[2]);
    try (Connection c = DriverManager.getConnection(url, "admin", "")) {
      System.out.println("driver=" + DriverManager.getDriver(url).getClass().getName());
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE batch_t (id BIGINT NOT NULL, name VARCHAR(20), amount DECIMAL(12,2),"
            + " day DATE, flag BOOLEAN, ratio DOUBLE PRECISION) DISTKEY(id)");
      }
      int batches = 0;
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO batch_t (id, name, amount, day, flag, ratio) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < rows; i++) {
          ps.setLong(1, i);
          if (i % 10 == 0) {
            ps.setNull(2, Types.VARCHAR);
          } else {
            ps.setString(2, "n'" + i);
          }
          ps.setBigDecimal(3, java.math.BigDecimal.valueOf(i % 1000, 2));
          ps.setDate(4, java.sql.Date.valueOf(java.time.LocalDate.of(2024, 1, 1).plusDays(i % 366)));
          ps.setBoolean(5, i % 2 == 0);
          ps.setDouble(6, i / 4.0);
          ps.addBatch();
          if ((i + 1) % batch == 0 || i == rows - 1) {
            int[] counts = ps.executeBatch();
            long sum = 0;
            for (int n : counts) {
              sum += n;
            }
            if (sum != counts.length) {
              throw new IllegalStateException("batch counts sum to " + sum + " for " + counts.length + " rows");
            }
            batches++;
          }
        }
      }
      System.out.println("batches=" + batches);
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT version, tbl_rows FROM stv_table_versions WHERE tablename = 'batch_t'")) {
        rs.next();
        // version 0 is the empty table just created; each commit that changed it adds one
        System.out.println("commits=" + rs.getLong(1));
        System.out.println("table_rows=" + rs.getLong(2));
      }

      long read = 0;
      long idSum = 0;
      long nullNames = 0;
      int frames = 0;
      try (Statement s = c.createStatement()) {
        s.setFetchSize(10_000);
        try (ResultSet rs = s.executeQuery("SELECT id, name, amount, day, flag, ratio FROM batch_t")) {
          System.out.println("fetch_size=" + rs.getFetchSize());
          while (rs.next()) {
            long id = rs.getLong(1);
            idSum += id;
            String name = rs.getString(2);
            if (name == null) {
              nullNames++;
            } else if (!name.equals("n'" + id)) {
              throw new IllegalStateException("row " + id + ": name " + name);
            }
            if (rs.getBigDecimal(3).compareTo(java.math.BigDecimal.valueOf(id % 1000, 2)) != 0) {
              throw new IllegalStateException("row " + id + ": amount " + rs.getBigDecimal(3));
            }
            if (!rs.getDate(4).toLocalDate().equals(java.time.LocalDate.of(2024, 1, 1).plusDays(id % 366))) {
              throw new IllegalStateException("row " + id + ": day " + rs.getDate(4));
            }
            if (rs.getBoolean(5) != (id % 2 == 0) || rs.getDouble(6) != id / 4.0) {
              throw new IllegalStateException("row " + id + ": flag/ratio " + rs.getBoolean(5) + "/" + rs.getDouble(6));
            }
            read++;
          }
        }
      }
      System.out.println("read=" + read);
      System.out.println("id_sum=" + idSum);
      System.out.println("null_names=" + nullNames);

      DatabaseMetaData md = c.getMetaData();
      System.out.println("product=" + md.getDatabaseProductName());
      List<String[]> tables = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, null, "%", null)) {
        while (rs.next()) {
          tables.add(new String[] {rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE")});
        }
      }
      int columns = 0;
      List<String> mismatches = new ArrayList<>();
      for (String[] t : tables) {
        List<int[]> declared = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, t[0], t[1], "%")) {
          while (rs.next()) {
            int type = rs.getInt("DATA_TYPE");
            String typeName = rs.getString("TYPE_NAME");
            if (typeName == null || typeName.isEmpty() || !isJdbcType(type)) {
              mismatches.add(t[0] + "." + t[1] + "." + rs.getString("COLUMN_NAME") + ": type " + type + " " + typeName);
            }
            declared.add(new int[] {type, rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"), rs.getInt("NULLABLE")});
            names.add(rs.getString("COLUMN_NAME"));
            columns++;
          }
        }
        if (declared.isEmpty()) {
          mismatches.add(t[0] + "." + t[1] + ": no columns");
          continue;
        }
        // what a query of the table reports must agree with what getColumns declared
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT * FROM \"" + t[0] + "\".\"" + t[1] + "\" LIMIT 0")) {
          ResultSetMetaData rmd = rs.getMetaData();
          if (rmd.getColumnCount() != declared.size()) {
            mismatches.add(t[0] + "." + t[1] + ": " + rmd.getColumnCount() + " columns in a query, "
                + declared.size() + " in getColumns");
            continue;
          }
          for (int i = 0; i < declared.size(); i++) {
            if (rmd.getColumnType(i + 1) != declared.get(i)[0] || !rmd.getColumnName(i + 1).equals(names.get(i))) {
              mismatches.add(t[0] + "." + t[1] + "." + names.get(i) + ": getColumns type " + declared.get(i)[0]
                  + ", query type " + rmd.getColumnType(i + 1) + " (" + rmd.getColumnName(i + 1) + ")");
            }
          }
        }
      }
      System.out.println("tables=" + tables.size());
      System.out.println("columns=" + columns);
      for (String m : mismatches) {
        System.out.println("mismatch=" + m);
      }
      try (ResultSet rs = md.getColumns(null, "public", "batch_t", "%")) {
        while (rs.next()) {
          System.out.println("column=" + rs.getString("COLUMN_NAME") + " " + rs.getInt("DATA_TYPE") + " "
              + rs.getString("TYPE_NAME") + " " + rs.getInt("COLUMN_SIZE") + " " + rs.getInt("DECIMAL_DIGITS") + " "
              + rs.getInt("NULLABLE"));
        }
      }
    } catch (SQLException | RuntimeException e) {
      System.out.println("error=" + e);
      System.exit(1);
    }
  }

  private static boolean isJdbcType(int type) {
    for (java.lang.reflect.Field f : Types.class.getFields()) {
      try {
        if (f.getInt(null) == type) {
          return type != Types.OTHER && type != Types.NULL;
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return false;
  }
}
