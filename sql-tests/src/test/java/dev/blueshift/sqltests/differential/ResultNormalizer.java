package dev.blueshift.sqltests.differential;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Results of two engines in one comparable form: one string per row, numbers compared by value
 * (an integer-valued number prints as an integer whatever its SQL type; others rounded to 4
 * decimals), text right-trimmed, NULL as {@code NULL}.
 */
final class ResultNormalizer {
  private ResultNormalizer() {}

  static List<String> rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> rows = new ArrayList<>();
    while (rs.next()) {
      StringBuilder row = new StringBuilder();
      for (int c = 1; c <= md.getColumnCount(); c++) {
        if (c > 1) {
          row.append('|');
        }
        row.append(value(rs, c, md.getColumnType(c)));
      }
      rows.add(row.toString());
    }
    return rows;
  }

  private static String value(ResultSet rs, int c, int type) throws SQLException {
    Object o = rs.getObject(c);
    if (o == null) {
      return "NULL";
    }
    if (o instanceof Number n) {
      BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
      BigDecimal rounded = d.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
      return rounded.scale() <= 0 ? rounded.toBigInteger().toString() : rounded.toPlainString();
    }
    if (type == Types.DATE) {
      return rs.getDate(c).toLocalDate().toString();
    }
    if (o instanceof Boolean b) {
      return b ? "true" : "false";
    }
    return o.toString().replaceAll("\\s+$", "");
  }
}
