package dev.blueshift.bench.measure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Formats result rows as ../shared/tpch/answers-* are written (see shared/tpch/README.md), so
 * answers of different engines compare as text: NULL, decimals and doubles rounded HALF_UP to 2
 * places, dates as YYYY-MM-DD, text without trailing spaces, columns joined by '|'.
 */
public final class AnswerFormat {
  private AnswerFormat() {}

  public static List<String> format(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int columns = md.getColumnCount();
    int[] types = new int[columns + 1];
    for (int c = 1; c <= columns; c++) {
      types[c] = md.getColumnType(c);
    }
    List<String> lines = new ArrayList<>();
    while (rs.next()) {
      StringBuilder line = new StringBuilder();
      for (int c = 1; c <= columns; c++) {
        if (c > 1) {
          line.append('|');
        }
        line.append(value(rs, c, types[c]));
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private static String value(ResultSet rs, int c, int type) throws SQLException {
    Object o = rs.getObject(c);
    if (o == null) {
      return "NULL";
    }
    return switch (type) {
      case Types.DECIMAL, Types.NUMERIC -> decimal(rs.getBigDecimal(c));
      case Types.DOUBLE, Types.FLOAT, Types.REAL -> decimal(BigDecimal.valueOf(rs.getDouble(c)));
      case Types.DATE -> rs.getDate(c).toLocalDate().toString();
      case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR -> rs.getString(c).stripTrailing();
      default -> rs.getString(c);
    };
  }

  static String decimal(BigDecimal d) {
    return d.scale() > 0 ? d.setScale(2, RoundingMode.HALF_UP).toPlainString() : d.toPlainString();
  }

  /** Null when equal, else a short description of the first difference. */
  public static String difference(List<String> expected, List<String> actual) {
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        return "row " + (i + 1) + ": expected '" + expected.get(i) + "' but got '" + actual.get(i) + "'";
      }
    }
    if (expected.size() != actual.size()) {
      return "expected " + expected.size() + " rows but got " + actual.size();
    }
    return null;
  }
}
