package dev.blueshift.sqltests.slt;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Runs one parsed file against the cluster as engine {@code postgresql}, each file in a fresh
 * state: everything it created is dropped afterwards. A statement past the time limit aborts the
 * file; the records after it count as failed ("not run"), so a hang can neither stall the build nor
 * hide records.
 */
final class ScriptRunner {
  static final String ENGINE = "postgresql";
  /** DuckDB testing knobs with no effect on results (README, "DuckDB no-ops"). */
  private static final Pattern NO_OP = Pattern.compile(
      "(?is)\\s*(SET\\s+debug_force_external\\s*=.*|PRAGMA\\s+verify_parallelism\\s*)");

  private final String url;
  private final Duration timeout;
  private final Set<String> knownDivergences;

  /** @param knownDivergences {@code file:line} of records skipped because PostgreSQL fails them too */
  ScriptRunner(String url, Duration timeout, Set<String> knownDivergences) {
    this.url = url;
    this.timeout = timeout;
    this.knownDivergences = knownDivergences;
  }

  FileOutcome run(SltScript script) {
    return run(script, Map.of());
  }

  /**
   * @param placeholders text replaced in every statement before it runs ({@code __TEST_DIR__} …)
   */
  FileOutcome run(SltScript script, Map<String, String> placeholders) {
    FileRun run = new FileRun(script, placeholders);
    try (EngineSession session = new EngineSession(url, timeout)) {
      run.records(session);
    } catch (SQLException e) {
      run.problems.add("cannot connect: " + e.getMessage());
    }
    run.cleanUp();
    return new FileOutcome(script.name(), run.run, run.passed, run.skipped, run.failures, run.problems);
  }

  /** The state of one file's run. */
  private final class FileRun {
    private final SltScript script;
    private final Map<String, String> placeholders;
    /** Blueshift's own files also check the expected error message of {@code statement error}. */
    private final boolean checkErrorMessages;
    private final Dialect dialect;
    private final CreatedObjects created = new CreatedObjects();
    /** Label → result hash and the line of the first query that produced it. */
    private final Map<String, Map.Entry<String, Integer>> labels = new HashMap<>();
    private final SortedMap<Integer, RecordFailure> failures = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    private int run;
    private int passed;
    private int skipped;

    FileRun(SltScript script, Map<String, String> placeholders) {
      this.script = script;
      this.placeholders = placeholders;
      this.checkErrorMessages = script.name().startsWith(SltSuite.BLUESHIFT_DIR + "/");
      this.dialect = Dialect.ofFile(script.name());
    }

    void records(EngineSession session) {
      boolean skipMode = false;
      boolean stopped = false; // by halt, or by require (a file needing an extension)
      Integer abortedAt = null;
      for (SltRecord record : script.records()) {
        boolean runnable = record instanceof SltRecord.Statement || record instanceof SltRecord.Query;
        boolean applies = record.conditions().appliesTo(ENGINE)
            && !knownDivergences.contains(script.name() + ":" + record.line());
        if (stopped || !applies || (skipMode && runnable)) {
          skipped += runnable ? 1 : 0;
          continue;
        }
        if (abortedAt != null) {
          if (runnable) {
            run++;
            String reason = "not run: file aborted by the timeout at line " + abortedAt;
            fail(record.line(), reason, reason, sqlOf(record));
          }
          continue;
        }
        if (record instanceof SltRecord.Halt || record instanceof SltRecord.Require) {
          stopped = true;
        } else if (record instanceof SltRecord.Mode m) {
          skipMode = m.skip();
        } else if (record instanceof SltRecord.Statement s) {
          run++;
          abortedAt = statement(session, s) ? null : s.line();
        } else if (record instanceof SltRecord.Query q) {
          run++;
          abortedAt = query(session, q) ? null : q.line();
        }
        // hash-threshold: the expected result's shape says whether it is hashed; nothing to do.
      }
    }

    /** False when the session timed out and the file must stop. */
    private boolean statement(EngineSession session, SltRecord.Statement s) {
      try {
        for (String sql : statements(s.sql())) {
          session.execute(sql);
          created.noteSucceeded(sql);
        }
        if (s.expectError()) {
          fail(s.line(), "no error", "statement error expected, but it succeeded", s.sql());
        } else {
          passed++;
        }
      } catch (EngineSession.StatementFailed e) {
        String expected = s.expectedError().strip();
        if (s.expectError() && checkErrorMessages && !expected.isEmpty()
            && !e.getMessage().toLowerCase(java.util.Locale.ROOT).contains(expected.toLowerCase(java.util.Locale.ROOT))) {
          fail(s.line(), "wrong error: " + e.getMessage(), "expected an error containing \"" + expected
              + "\", got: " + e.getMessage(), s.sql());
        } else if (s.expectError()) {
          passed++;
        } else {
          fail(s.line(), e.getMessage(), "error: " + e.getMessage(), s.sql());
        }
      } catch (EngineSession.StatementTimedOut e) {
        fail(s.line(), e.getMessage(), e.getMessage(), s.sql());
        return false;
      }
      return true;
    }

    /** False when the session timed out and the file must stop. */
    private boolean query(EngineSession session, SltRecord.Query q) {
      List<String> sql = statements(q.sql());
      if (sql.isEmpty()) {
        fail(q.line(), "query without SQL", "nothing to run", q.sql());
        return true;
      }
      ResultTable result;
      try {
        for (String before : sql.subList(0, sql.size() - 1)) {
          session.execute(before);
          created.noteSucceeded(before);
        }
        result = session.query(sql.get(sql.size() - 1), q.types(), dialect);
      } catch (EngineSession.StatementFailed e) {
        fail(q.line(), e.getMessage(), "error: " + e.getMessage(), q.sql());
        return true;
      } catch (EngineSession.StatementTimedOut e) {
        fail(q.line(), e.getMessage(), e.getMessage(), q.sql());
        return false;
      }
      ResultChecker.Mismatch mismatch = ResultChecker.check(q, result, dialect);
      if (mismatch != null) {
        fail(q.line(), mismatch.reason(), mismatch.detail(), q.sql());
        return true;
      }
      if (q.label() != null) {
        // Every query with the same label must agree; a query that failed its own check above
        // does not set the label's hash.
        String hash = ResultHash.md5(result.sorted(q.sort()));
        Map.Entry<String, Integer> first = labels.putIfAbsent(q.label(), Map.entry(hash, q.line()));
        if (first != null && !first.getKey().equals(hash)) {
          fail(q.line(), "wrong result (" + q.label() + " differs)", q.label() + " hashes to " + hash
              + ", but the query at line " + first.getValue() + " hashed to " + first.getKey(), q.sql());
          return true;
        }
      }
      passed++;
      return true;
    }

    private static String sqlOf(SltRecord record) {
      if (record instanceof SltRecord.Statement s) {
        return s.sql();
      }
      return record instanceof SltRecord.Query q ? q.sql() : "";
    }

    private List<String> statements(String sql) {
      for (Map.Entry<String, String> p : placeholders.entrySet()) {
        sql = sql.replace(p.getKey(), p.getValue());
      }
      return SqlSplitter.split(sql).stream().filter(s -> !NO_OP.matcher(s).matches()).toList();
    }

    private void fail(int line, String reason, String detail, String sql) {
      failures.put(line, new RecordFailure(line, reason,
          script.name() + ":" + line + ": " + RecordFailure.shortReason(reason) + "\nSQL:\n" + indent(sql) + "\n"
              + detail));
    }

    /**
     * Drops what the file created, on a fresh connection (the file's may have been abandoned), then
     * whatever the catalog still lists outside the system schemas: a table created in a way the
     * runner did not recognise must not leak into the next file.
     */
    void cleanUp() {
      try (EngineSession session = new EngineSession(url, timeout)) {
        for (String drop : created.dropStatements()) {
          if (!drop(session, drop)) {
            return;
          }
        }
        for (String drop : leftovers(session)) {
          if (!drop(session, drop)) {
            return;
          }
        }
      } catch (SQLException e) {
        problems.add("cleanup: cannot connect: " + e.getMessage());
      }
    }

    /** False when the session is no longer usable. */
    private boolean drop(EngineSession session, String drop) {
      try {
        session.execute(drop);
      } catch (EngineSession.StatementFailed | EngineSession.StatementTimedOut e) {
        problems.add("cleanup: " + drop + ": " + e.getMessage());
      }
      return !session.abandoned();
    }

    /** DROP statements for the user tables and views still in the catalog, views first. */
    private List<String> leftovers(EngineSession session) {
      ResultTable rows;
      try {
        rows = session.query(LEFTOVERS, "TTT", Dialect.DUCKDB);
      } catch (EngineSession.StatementFailed | EngineSession.StatementTimedOut e) {
        problems.add("cleanup: cannot list the remaining tables: " + e.getMessage());
        return List.of();
      }
      List<String> views = new ArrayList<>();
      List<String> tables = new ArrayList<>();
      List<String> v = rows.values();
      for (int i = 0; i + 2 < v.size(); i += 3) {
        String name = quoted(v.get(i)) + "." + quoted(v.get(i + 1));
        if (v.get(i + 2).equals("VIEW")) {
          views.add("DROP VIEW IF EXISTS " + name);
        } else {
          tables.add("DROP TABLE IF EXISTS " + name);
        }
      }
      views.addAll(tables);
      return views;
    }
  }

  private static final String LEFTOVERS = "SELECT table_schema, table_name, table_type FROM information_schema.tables"
      + " WHERE table_schema NOT IN ('information_schema', 'pg_catalog')";

  private static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static String indent(String sql) {
    return sql.lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElse("");
  }
}
