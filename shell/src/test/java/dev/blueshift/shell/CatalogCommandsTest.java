package dev.blueshift.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code \d}, {@code \dt}, {@code \dn} and {@code \d NAME} against a scripted catalog (ScriptedJdbc). */
class CatalogCommandsTest {
  private static final String URL = "jdbc:scripted:test";
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void catalog() {
    ScriptedJdbc.INSTANCE.relations.addAll(List.of(
        new String[] {"public", "sales", "TABLE"},
        new String[] {"public", "sales_2024", "TABLE"},
        new String[] {"public", "it's", "VIEW"},
        new String[] {"pg_catalog", "pg_class", "SYSTEM TABLE"},
        new String[] {"pg_catalog", "sales", "SYSTEM TABLE"}));
  }

  @AfterEach
  void clear() {
    ScriptedJdbc.INSTANCE.relations.clear();
    ScriptedJdbc.INSTANCE.executed.clear();
  }

  private String run(String... commands) {
    int code = Shell.run(new ShellOptions(URL, null, null, List.of(commands), null, ShellOptions.Format.CSV),
        new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as("stderr: %s", err).isZero();
    return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  @Test
  void listTablesHidesViewsAndSystemSchemas() {
    // the catalog layout is psql's aligned one whatever the output format
    assertThat(run("\\dt")).isEqualTo("""
                  List of relations
         Schema |    Name    | Type  | Owner
        --------+------------+-------+-------
         public | sales      | table | admin
         public | sales_2024 | table | admin
        (2 rows)

        """);
  }

  @Test
  void listRelationsWithViewsAndPatterns() {
    assertThat(run("\\d")).contains(" public | it's       | view  | admin\n", "(3 rows)");
    assertThat(run("\\dt SALES_*")).contains(" public | sales_2024 | table | admin\n(1 row)");
    assertThat(run("\\dt pg_catalog.pg_*")).contains(" pg_catalog | pg_class | system table | rdsdb\n(1 row)");
    assertThat(run("\\dt nothing*")).endsWith("Did not find any relation named \"nothing*\".\n");
  }

  @Test
  void describeTableShowsEncodingDistkeySortkeyAndNullability() {
    // 'sales' is also a system table's name: the user's table comes first on the search path
    assertThat(run("\\d sales")).isEqualTo("""
                                   Table "public.sales"
         Column |         Type          | Encoding | DistKey | SortKey | Nullable
        --------+-----------------------+----------+---------+---------+----------
         region | character varying(10) | zstd     | f       | 0       |
         qty    | integer               | none     | t       | 2       | not null
         day    | date                  | none     | f       | 1       |
        Diststyle: KEY(qty)
        Sortkey: day, qty

        """);
  }

  @Test
  void describeViewShowsColumnTypesAndQuotesNames() {
    assertThat(run("\\d \"it's\"")).isEqualTo("""
                    View "public.it's"
         Column |         Type          | Nullable
        --------+-----------------------+----------
         name   | character varying(20) | not null
         amount | numeric(12,2)         |
         n      | bigint                |

        """);
    assertThat(ScriptedJdbc.INSTANCE.executed).anyMatch(sql -> sql.contains("table_name = 'it''s'"));
  }

  @Test
  void listSchemasHidesSystemSchemas() {
    assertThat(run("\\dn")).isEqualTo("""
        List of schemas
          Name  | Owner
        --------+-------
         public | admin
        (1 row)

        """);
    assertThat(run("\\dn pg_*")).contains(" pg_catalog | rdsdb\n");
  }

  @Test
  void namePatternsFollowPsql() {
    assertThat(NamePattern.parse("Public.Sa*")).isEqualTo(new NamePattern("public", "sa%"));
    assertThat(NamePattern.parse("\"My_T\"")).isEqualTo(new NamePattern(null, "My\\_T"));
    assertThat(NamePattern.parse("\"a.b\".t?")).isEqualTo(new NamePattern("a.b", "t_"));
    assertThat(NamePattern.parse("\"say \"\"hi\"\"\"")).isEqualTo(new NamePattern(null, "say \"hi\""));
  }
}
