package dev.blueshift.shell;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion for the interactive shell: SQL keywords, table names and column names, the
 * last two read from the catalog ({@code information_schema}) at each completion so they follow
 * DDL at once. After {@code FROM}, {@code JOIN}, {@code INTO}, {@code UPDATE}, {@code TABLE} and
 * {@code \d} only relations are offered. Keywords follow the case of the word typed so far.
 */
final class SqlCompleter implements Completer {
  static final List<String> KEYWORDS = List.of("SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "HAVING",
      "LIMIT", "OFFSET", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "ON", "USING", "AS", "AND",
      "OR", "NOT", "NULL", "IS", "IN", "EXISTS", "BETWEEN", "LIKE", "ILIKE", "CASE", "WHEN", "THEN", "ELSE", "END",
      "DISTINCT", "UNION", "INTERSECT", "EXCEPT", "ALL", "WITH", "INSERT", "INTO", "VALUES", "UPDATE", "SET",
      "DELETE", "TRUNCATE", "CREATE", "TABLE", "VIEW", "DROP", "ALTER", "ADD", "COLUMN", "RENAME", "TO",
      "COPY", "DELIMITER", "CSV", "IGNOREHEADER", "GZIP", "FORMAT", "JSON", "DISTKEY", "SORTKEY",
      "DISTSTYLE", "EVEN", "KEY", "ENCODE", "PRIMARY", "DEFAULT", "BEGIN", "COMMIT", "ROLLBACK", "EXPLAIN",
      "SHOW", "RESET", "COUNT", "SUM", "AVG", "MIN", "MAX", "CAST", "INTEGER", "BIGINT", "SMALLINT",
      "DECIMAL", "NUMERIC", "VARCHAR", "CHAR", "BOOLEAN", "DATE", "TIMESTAMP", "DOUBLE", "PRECISION", "REAL",
      "ASC", "DESC", "OVER", "PARTITION", "ROWS", "TRUE", "FALSE", "USER", "PASSWORD");
  private static final Set<String> BEFORE_RELATION = Set.of("from", "join", "into", "update", "table", "\\d",
      "\\dt", "truncate", "describe");

  private final Connection connection;
  private final BooleanSupplier busy;

  /** {@code busy} is true while a statement runs (the connection is not free then). */
  SqlCompleter(Connection connection, BooleanSupplier busy) {
    this.connection = connection;
    this.busy = busy;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    String word = line.word().substring(0, Math.min(line.word().length(), line.wordCursor()));
    String previous = line.wordIndex() > 0 ? line.words().get(line.wordIndex() - 1).toLowerCase(Locale.ROOT) : "";
    for (String c : candidates(word, previous)) {
      candidates.add(new Candidate(c, c, null, null, null, null, true));
    }
  }

  /** What completes {@code word} after the word {@code previous} (lower case; empty at the start). */
  List<String> candidates(String word, String previous) {
    boolean relationsOnly = BEFORE_RELATION.contains(previous);
    Set<String> out = new TreeSet<>();
    if (!relationsOnly) {
      boolean lower = !word.isEmpty() && word.equals(word.toLowerCase(Locale.ROOT));
      for (String k : KEYWORDS) {
        out.add(lower ? k.toLowerCase(Locale.ROOT) : k);
      }
    }
    if (!busy.getAsBoolean()) {
      try {
        out.addAll(query("SELECT table_name FROM information_schema.tables"));
        if (!relationsOnly) {
          out.addAll(query("SELECT DISTINCT column_name FROM information_schema.columns"
              + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"));
        }
      } catch (SQLException e) {
        // no catalog names this time (e.g. the connection was lost); keywords still complete
      }
    }
    List<String> matching = new ArrayList<>();
    String prefix = word.toLowerCase(Locale.ROOT);
    for (String c : out) {
      if (c.toLowerCase(Locale.ROOT).startsWith(prefix)) {
        matching.add(c);
      }
    }
    return matching;
  }

  private List<String> query(String sql) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
