package dev.blueshift.coordinator.jdbc;

import dev.blueshift.coordinator.engine.QueryEngine;
import dev.blueshift.coordinator.engine.ResultColumn;
import dev.blueshift.coordinator.engine.RowCursor;
import dev.blueshift.coordinator.engine.Session;
import dev.blueshift.coordinator.engine.StatementResult;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.types.SqlType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of the engine at the JDBC boundary: answers a few fixed statements with typed
 * rows, counts, errors, and records what the server asked of it.
 */
final class FixedResultEngine implements QueryEngine {
  static final int BIG_ROWS = 100_000;

  static final List<ResultColumn> TYPED_COLUMNS = List.of(
      new ResultColumn("c_smallint", SqlType.SMALLINT, true),
      new ResultColumn("c_integer", SqlType.INTEGER, true),
      new ResultColumn("c_bigint", SqlType.BIGINT, true),
      new ResultColumn("c_decimal", SqlType.decimal(15, 2), true),
      new ResultColumn("c_real", SqlType.REAL, true),
      new ResultColumn("c_double", SqlType.DOUBLE, true),
      new ResultColumn("c_boolean", SqlType.BOOLEAN, true),
      new ResultColumn("c_char", SqlType.character(5), true),
      new ResultColumn("c_varchar", SqlType.varchar(40), false),
      new ResultColumn("c_date", SqlType.DATE, true),
      new ResultColumn("c_timestamp", SqlType.TIMESTAMP, true),
      new ResultColumn("c_timestamptz", SqlType.TIMESTAMPTZ, true));

  static final Object[] TYPED_ROW = {
      (short) -12, 123_456, 9_000_000_000L, new BigDecimal("12"), 1.5f, 2.25, true, "ab",
      "héllo, 'world'", LocalDate.of(1998, 12, 1), LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_000_000),
      OffsetDateTime.of(2024, 1, 2, 5, 4, 5, 500_000_000, ZoneOffset.ofHours(2))};

  final AtomicInteger sessionsOpened = new AtomicInteger();
  final AtomicInteger sessionsClosed = new AtomicInteger();
  final AtomicInteger cursorsClosed = new AtomicInteger();
  final List<Integer> bigCursorRequests = new CopyOnWriteArrayList<>();
  final List<String> executed = new CopyOnWriteArrayList<>();
  /** Released each time a "select sleep" starts waiting for its cancel. */
  final Semaphore sleeping = new Semaphore(0);

  @Override
  public Session openSession(String user) {
    sessionsOpened.incrementAndGet();
    return new FixedSession();
  }

  private final class FixedSession implements Session {
    private final CountDownLatch cancelled = new CountDownLatch(1);

    @Override
    public StatementResult execute(String sql) {
      executed.add(sql);
      String s = sql.trim().toLowerCase(Locale.ROOT);
      if (s.equals("select types")) {
        Object[] nulls = new Object[TYPED_COLUMNS.size()];
        nulls[8] = "";
        return rows(TYPED_COLUMNS, List.of(TYPED_ROW.clone(), nulls));
      } else if (s.equals("select big")) {
        return new StatementResult.Rows(
            List.of(new ResultColumn("n", SqlType.INTEGER, false),
                new ResultColumn("label", SqlType.varchar(20), false)),
            new BigCursor());
      } else if (s.startsWith("select echo")) {
        return rows(List.of(new ResultColumn("sql", SqlType.varchar(1000), false)),
            List.<Object[]>of(new Object[] {sql}));
      } else if (s.startsWith("create table")) {
        return new StatementResult.Update("CREATE TABLE", 0);
      } else if (s.startsWith("insert")) {
        return new StatementResult.Update("INSERT", 5);
      } else if (s.equals("select sleep")) {
        sleeping.release();
        try {
          if (cancelled.await(30, TimeUnit.SECONDS)) {
            throw new BlueshiftException(SqlState.QUERY_CANCELED,
                "canceling statement due to user request");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("sleep was not cancelled");
      } else if (s.equals("select boom")) {
        throw new IllegalStateException("boom");
      }
      throw new BlueshiftException(SqlState.UNDEFINED_TABLE,
          "relation \"missing\" does not exist", 1, 15, null);
    }

    @Override
    public void cancel() {
      cancelled.countDown();
    }

    @Override
    public void close() {
      sessionsClosed.incrementAndGet();
    }
  }

  private StatementResult.Rows rows(List<ResultColumn> columns, List<Object[]> data) {
    List<Object[]> remaining = new ArrayList<>(data);
    return new StatementResult.Rows(columns, new RowCursor() {
      @Override
      public List<Object[]> next(int maxRows) {
        List<Object[]> out = new ArrayList<>();
        while (!remaining.isEmpty() && out.size() < maxRows) {
          out.add(remaining.remove(0));
        }
        return out;
      }

      @Override
      public void close() {
        cursorsClosed.incrementAndGet();
      }
    });
  }

  /** 100,000 generated rows, at most 4,096 per call like an engine handing out batches. */
  private final class BigCursor implements RowCursor {
    private int next;

    @Override
    public List<Object[]> next(int maxRows) {
      bigCursorRequests.add(maxRows);
      int n = Math.min(Math.min(maxRows, 4096), BIG_ROWS - next);
      List<Object[]> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++, next++) {
        out.add(new Object[] {next, "row " + next});
      }
      return out;
    }

    @Override
    public void close() {
      cursorsClosed.incrementAndGet();
    }
  }
}
