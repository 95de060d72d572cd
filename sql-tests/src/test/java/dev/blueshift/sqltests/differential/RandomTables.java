package dev.blueshift.sqltests.differential;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Random tables for the differential test: every Blueshift column type, NULLs at several rates, a
 * unique key {@code id}, a skewed key {@code k} (most rows share a few values, some NULL), random
 * DISTSTYLE / DISTKEY / SORTKEY / ENCODE. Values are chosen so that both engines hold them exactly:
 * REAL and DOUBLE values are multiples of 1/4 and 1/8, strings are lowercase ASCII (no collation
 * question), no CHAR value has trailing blanks.
 */
final class RandomTables {

  /** What a column holds, for choosing expressions that are valid and mean the same on both engines. */
  enum Category { INT, DEC, FLOAT, BOOL, CHAR, VARCHAR, DATE, TS;

    boolean numeric() {
      return this == INT || this == DEC || this == FLOAT;
    }
  }

  enum ColType {
    SMALLINT("SMALLINT", Category.INT, "raw az64 bytedict delta lzo mostly8 runlength zstd"),
    INTEGER("INTEGER", Category.INT, "raw az64 bytedict delta delta32k lzo mostly8 mostly16 runlength zstd"),
    BIGINT("BIGINT", Category.INT, "raw az64 bytedict delta delta32k lzo mostly8 mostly16 mostly32 runlength zstd"),
    DEC_10_2("DECIMAL(10,2)", Category.DEC, "raw az64 bytedict delta lzo mostly8 mostly16 mostly32 runlength zstd"),
    DEC_18_4("DECIMAL(18,4)", Category.DEC, "raw az64 delta32k lzo mostly32 runlength zstd"),
    DEC_5_0("DECIMAL(5,0)", Category.DEC, "raw az64 bytedict mostly8 zstd"),
    REAL("REAL", Category.FLOAT, "raw bytedict runlength zstd"),
    DOUBLE("DOUBLE PRECISION", Category.FLOAT, "raw bytedict runlength zstd"),
    BOOLEAN("BOOLEAN", Category.BOOL, "raw runlength zstd"),
    CHAR("CHAR(6)", Category.CHAR, "raw bytedict lzo runlength zstd"),
    VARCHAR("VARCHAR(12)", Category.VARCHAR, "raw bytedict lzo runlength text255 text32k zstd"),
    DATE("DATE", Category.DATE, "raw az64 bytedict delta delta32k lzo runlength zstd"),
    TIMESTAMP("TIMESTAMP", Category.TS, "raw az64 bytedict delta delta32k lzo runlength zstd");

    final String sql;
    final Category category;
    final String[] encodings;

    ColType(String sql, Category category, String encodings) {
      this.sql = sql;
      this.category = category;
      this.encodings = encodings.split(" ");
    }
  }

  record Column(String name, ColType type) {}

  record Table(String name, List<Column> columns, String layout, List<String> ddlEncodings, List<List<Object>> rows) {
    String createSql(boolean blueshift) {
      StringBuilder s = new StringBuilder("CREATE TABLE ").append(name).append(" (");
      for (int i = 0; i < columns.size(); i++) {
        Column c = columns.get(i);
        s.append(i == 0 ? "" : ", ").append(c.name()).append(' ').append(c.type().sql);
        if (c.name().equals("id")) {
          s.append(" NOT NULL");
        }
        if (blueshift && ddlEncodings.get(i) != null) {
          s.append(" ENCODE ").append(ddlEncodings.get(i));
        }
      }
      s.append(')');
      if (blueshift) {
        s.append(layout);
      }
      return s.toString();
    }

    Column column(String name) {
      return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** INSERT statements of at most {@code chunk} rows each. */
    List<String> inserts(int chunk) {
      List<String> out = new ArrayList<>();
      for (int from = 0; from < rows.size(); from += chunk) {
        List<List<Object>> part = rows.subList(from, Math.min(rows.size(), from + chunk));
        out.add("INSERT INTO " + name + " VALUES " + part.stream()
            .map(r -> r.stream().map(Literals::sql).collect(Collectors.joining(", ", "(", ")")))
            .collect(Collectors.joining(", ")));
      }
      return out;
    }

    /** The rows as Redshift's default COPY text: {@code |} between fields, {@code \N} for NULL. */
    String copyText() {
      StringBuilder s = new StringBuilder();
      for (List<Object> r : rows) {
        s.append(r.stream().map(Literals::copyText).collect(Collectors.joining("|"))).append('\n');
      }
      return s.toString();
    }
  }

  static final String[] WORDS = {"a", "ab", "abc", "b", "ba", "bab", "c", "cab", "x1", "x10", "x2", "zz", "q", "qq",
      "abcdef", "m"};

  private RandomTables() {}

  /** {@code count} tables {@code t0…}; some may be empty or hold a single row. */
  static List<Table> generate(Random r, int count) {
    List<Table> tables = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      tables.add(table(r, "t" + t));
    }
    return tables;
  }

  private static Table table(Random r, String name) {
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("id", ColType.INTEGER));
    columns.add(new Column("k", pick(r, ColType.SMALLINT, ColType.INTEGER, ColType.INTEGER, ColType.BIGINT)));
    List<ColType> types = new ArrayList<>(List.of(ColType.values()));
    Collections.shuffle(types, r);
    int extra = 5 + r.nextInt(5);
    for (int i = 0; i < extra; i++) {
      columns.add(new Column("c" + i, types.get(i % types.size())));
    }
    List<String> encodings = new ArrayList<>();
    for (Column c : columns) {
      encodings.add(r.nextInt(3) == 0 ? null : pick(r, c.type().encodings));
    }
    String layout = switch (r.nextInt(4)) {
      case 0 -> " DISTSTYLE EVEN";
      case 1 -> " DISTSTYLE ALL";
      case 2 -> " DISTKEY(k)";
      default -> " DISTSTYLE KEY DISTKEY(" + columns.get(r.nextInt(columns.size())).name() + ")";
    };
    switch (r.nextInt(4)) {
      case 0 -> { }
      case 1 -> layout += " SORTKEY(" + columns.get(r.nextInt(columns.size())).name() + ")";
      case 2 -> layout += " COMPOUND SORTKEY(k, " + columns.get(2 + r.nextInt(columns.size() - 2)).name() + ")";
      default -> layout += " INTERLEAVED SORTKEY(id, " + columns.get(2 + r.nextInt(columns.size() - 2)).name() + ")";
    }
    int rowCount = switch (r.nextInt(8)) {
      case 0 -> 0;
      case 1 -> 1;
      case 2 -> 10 + r.nextInt(20);
      default -> 100 + r.nextInt(400);
    };
    double[] nullRate = new double[columns.size()];
    for (int i = 2; i < columns.size(); i++) {
      nullRate[i] = pickRate(r, 0.0, 0.1, 0.1, 0.5);
    }
    List<Integer> ids = new ArrayList<>();
    for (int i = 1; i <= rowCount; i++) {
      ids.add(i);
    }
    Collections.shuffle(ids, r);
    List<List<Object>> rows = new ArrayList<>();
    for (int id : ids) {
      List<Object> row = new ArrayList<>();
      row.add(id);
      row.add(r.nextInt(10) == 0 ? null : skewedKey(r));
      for (int i = 2; i < columns.size(); i++) {
        row.add(r.nextDouble() < nullRate[i] ? null : value(r, columns.get(i).type()));
      }
      rows.add(row);
    }
    return new Table(name, columns, layout, encodings, rows);
  }

  /** Half the rows share key 1; the rest spread over 0…20, so joins see both hot and rare keys. */
  static long skewedKey(Random r) {
    return r.nextBoolean() ? 1 : r.nextInt(21);
  }

  /** A value of the type from the domain the generator's literals also use. */
  static Object value(Random r, ColType type) {
    return switch (type) {
      case SMALLINT -> (long) (r.nextInt(101) - 50);
      case INTEGER -> (long) (r.nextBoolean() ? r.nextInt(21) - 10 : r.nextInt(2001) - 1000);
      case BIGINT -> r.nextInt(10) == 0 ? (long) (r.nextInt(2001) - 1000) * 1_000_000_000L : (long) (r.nextInt(200001) - 100000);
      case DEC_10_2 -> new java.math.BigDecimal(java.math.BigInteger.valueOf(r.nextInt(2_000_001) - 1_000_000), 2);
      case DEC_18_4 -> new java.math.BigDecimal(java.math.BigInteger.valueOf(r.nextLong() % 1_000_000_000_000L), 4);
      case DEC_5_0 -> new java.math.BigDecimal(r.nextInt(199_999) - 99_999);
      case REAL -> (r.nextInt(801) - 400) / 4.0;
      case DOUBLE -> r.nextInt(20) == 0 ? 1e10 + r.nextInt(100) / 8.0 : (r.nextInt(32001) - 16000) / 8.0;
      case BOOLEAN -> r.nextBoolean();
      case CHAR -> pick(r, WORDS).length() > 6 ? "abcdef" : pick(r, WORDS);
      case VARCHAR -> r.nextInt(12) == 0 ? "" : pick(r, WORDS);
      case DATE -> LocalDate.of(2023, 1, 1).plusDays(r.nextInt(800));
      case TIMESTAMP -> LocalDate.of(2023, 1, 1).plusDays(r.nextInt(800)).atStartOfDay()
          .plusSeconds(r.nextBoolean() ? 0 : r.nextInt(86400));
    };
  }

  @SafeVarargs
  static <T> T pick(Random r, T... choices) {
    return choices[r.nextInt(choices.length)];
  }

  static double pickRate(Random r, double... choices) {
    return choices[r.nextInt(choices.length)];
  }

  /** SQL literals and COPY text for generated values. */
  static final class Literals {
    private Literals() {}

    static String sql(Object v) {
      if (v == null) {
        return "NULL";
      }
      if (v instanceof String s) {
        return "'" + s + "'";
      }
      if (v instanceof LocalDate d) {
        return "DATE '" + d + "'";
      }
      if (v instanceof LocalDateTime t) {
        return "TIMESTAMP '" + timestamp(t) + "'";
      }
      if (v instanceof Boolean b) {
        return b ? "TRUE" : "FALSE";
      }
      if (v instanceof java.math.BigDecimal d) {
        return d.toPlainString();
      }
      if (v instanceof Double d) {
        return java.math.BigDecimal.valueOf(d).toPlainString();
      }
      return v.toString();
    }

    static String copyText(Object v) {
      if (v == null) {
        return "\\N";
      }
      if (v instanceof LocalDateTime t) {
        return timestamp(t);
      }
      if (v instanceof Boolean b) {
        return b ? "t" : "f";
      }
      if (v instanceof java.math.BigDecimal d) {
        return d.toPlainString();
      }
      if (v instanceof Double d) {
        return java.math.BigDecimal.valueOf(d).toPlainString();
      }
      return v.toString();
    }

    static String timestamp(LocalDateTime t) {
      return t.toLocalDate() + " " + t.toLocalTime().withNano(0).toString().replaceAll("^(\\d\\d:\\d\\d)$", "$1:00");
    }
  }
}
