package dev.blueshift.coordinator.sql.parser;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.RedshiftSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Entry point for parsing Blueshift SQL: Calcite's grammar plus Redshift DDL, COPY/UNLOAD,
 * maintenance and transaction statements (see {@code src/main/codegen}), with Redshift's lexical
 * rules: unquoted identifiers fold to lower case, quoted ones are kept, names match
 * case-sensitively, identifiers are at most 127 characters.
 *
 * <p>Every syntax error is a {@link BlueshiftException} with SQLSTATE 42601 carrying the line
 * and column of the offending token.
 */
public final class BlueshiftSqlParser {
  /** Redshift's identifier length limit. */
  public static final int IDENTIFIER_MAX_LENGTH = 127;

  private static final int MAX_EXPECTED_SHOWN = 12;

  private static final SqlParser.Config CONFIG = SqlParser.config()
      .withParserFactory(BlueshiftSqlParserImpl.FACTORY)
      .withQuoting(Quoting.DOUBLE_QUOTE)
      .withUnquotedCasing(Casing.TO_LOWER)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(true)
      .withConformance(SqlConformanceEnum.LENIENT)
      .withIdentifierMaxLength(IDENTIFIER_MAX_LENGTH);

  private BlueshiftSqlParser() {}

  /** The parser configuration (also what a validator/planner should be given). */
  public static SqlParser.Config config() {
    return CONFIG;
  }

  /** Parses a script of zero or more statements separated by ';'. */
  public static List<SqlNode> parseStatements(String sql) {
    String text = SelectTopRewriter.rewrite(sql);
    SqlParser parser = SqlParser.create(text, CONFIG);
    try {
      return List.copyOf(parser.parseStmtList().getList());
    } catch (SqlParseException e) {
      throw toBlueshift(e);
    }
  }

  /** Parses exactly one statement (a trailing ';' is allowed). */
  public static SqlNode parseStatement(String sql) {
    List<SqlNode> statements = parseStatements(sql);
    if (statements.size() != 1) {
      int line = 1;
      int column = 1;
      if (statements.size() > 1) {
        SqlParserPos pos = statements.get(1).getParserPosition();
        line = pos.getLineNum();
        column = pos.getColumnNum();
      }
      throw new BlueshiftException(SqlState.SYNTAX_ERROR,
          "expected exactly one statement, found " + statements.size()
              + " (line " + line + ", col " + column + ")", line, column, null);
    }
    return statements.get(0);
  }

  /**
   * SQL text for {@code node} in Redshift's dialect (double-quoted identifiers), which this
   * parser reads back into an equal tree. {@link SqlNode#toString()} uses Calcite's back-quoted
   * form, which is for logs only.
   */
  public static String toSql(SqlNode node) {
    return node.toSqlString(RedshiftSqlDialect.DEFAULT).getSql();
  }

  private static BlueshiftException toBlueshift(SqlParseException e) {
    Throwable cause = e.getCause();
    if (cause instanceof BlueshiftException b) {
      return b;
    }
    SqlParserPos pos = e.getPos();
    int line = pos == null ? 0 : pos.getLineNum();
    int column = pos == null ? 0 : pos.getColumnNum();
    String message = describe(e);
    if (line > 0 && !message.contains("line " + line)) {
      message += " (line " + line + ", col " + column + ")";
    }
    return new BlueshiftException(SqlState.SYNTAX_ERROR, message, line, column, e);
  }

  /** Calcite's first line ("Encountered "x" at line 1, column 8.") and a short expected list. */
  private static String describe(SqlParseException e) {
    String message = e.getMessage() == null ? "syntax error" : e.getMessage();
    int newline = message.indexOf('\n');
    String first = (newline < 0 ? message : message.substring(0, newline)).trim();
    StringBuilder out = new StringBuilder("syntax error: ").append(first);
    var expected = e.getExpectedTokenNames();
    if (expected != null && !expected.isEmpty()) {
      out.append(" Was expecting one of: ");
      int shown = 0;
      for (String token : expected) {
        if (shown == MAX_EXPECTED_SHOWN) {
          out.append(", …");
          break;
        }
        out.append(shown == 0 ? "" : ", ").append(token);
        shown++;
      }
    }
    return out.toString();
  }
}
