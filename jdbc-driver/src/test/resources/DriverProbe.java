import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;

/**
 * Run as a single-file source program with only the shaded driver jar on the class path:
 * prints what service loading registered and what connecting to a closed port says.
 */
public class DriverProbe {
  public static void main(String[] args) throws Exception {
    String url = "jdbc:blueshift://127.0.0.1:" + args[0] + "/dev";
    System.out.println("driver=" + DriverManager.getDriver(url).getClass().getName());
    for (Driver d : Collections.list(DriverManager.getDrivers())) {
      System.out.println("registered=" + d.getClass().getName());
    }
    for (String name : new String[] {"com.google.protobuf.Message", "org.slf4j.Logger",
        "com.fasterxml.jackson.databind.ObjectMapper", "org.apache.hc.core5.http.HttpHost"}) {
      try {
        Class.forName(name);
        System.out.println("unrelocated=" + name);
      } catch (ClassNotFoundException expected) {
        // relocated, as it should be
      }
    }
    Class.forName("dev.blueshift.jdbc.shaded.com.google.protobuf.Message");
    try (Connection c = DriverManager.getConnection(url, "admin", "")) {
      System.out.println("connected");
    } catch (SQLException e) {
      System.out.println("error=" + e.getMessage());
      System.out.println("sqlstate=" + e.getSQLState());
    }
  }
}
