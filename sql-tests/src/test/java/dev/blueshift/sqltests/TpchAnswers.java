package dev.blueshift.sqltests;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Formats result rows the way ../shared/tpch/answers-sf0.01 is written (see its README). */
final class TpchAnswers {
  private TpchAnswers() {}

  static List<String> format(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> lines = new ArrayList<>();
    while (rs.next()) {
      StringBuilder line = new StringBuilder();
      for (int c = 1; c <= md.getColumnCount(); c++) {
        if (c > 1) {
          line.append('|');
        }
        line.append(value(rs, c, md.getColumnType(c)));
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
      case Types.DECIMAL, Types.NUMERIC -> {
        BigDecimal d = rs.getBigDecimal(c);
        yield d.scale() > 0 ? d.setScale(2, RoundingMode.HALF_UP).toPlainString() : d.toPlainString();
      }
      case Types.DOUBLE, Types.FLOAT, Types.REAL ->
          BigDecimal.valueOf(rs.getDouble(c)).setScale(2, RoundingMode.HALF_UP).toPlainString();
      case Types.DATE -> rs.getDate(c).toLocalDate().toString();
      case Types.CHAR, Types.VARCHAR -> rs.getString(c).stripTrailing();
      default -> rs.getString(c);
    };
  }
}
