package dev.blueshift.coordinator.system;

import dev.blueshift.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A system table: the schema it lives in, its columns, and how its rows follow from a pinned
 * catalog. Row values are Java objects by column type: String, Integer or Long, Boolean,
 * Double, BigDecimal (or any Number) for numeric; null for SQL NULL.
 */
public record SystemTableDefinition(String schema, String name, List<SystemColumn> columns,
    Function<PinnedCatalog, List<Object[]>> rows) {

  /** Identifier columns: PostgreSQL's {@code name} type, as wide as Redshift's 127-byte names. */
  static final SqlType NAME = SqlType.varchar(128);
  /** Other text: type names, diststyles, flags. */
  static final SqlType TEXT = SqlType.varchar(256);

  static Columns define() {
    return new Columns();
  }

  /** Builds a column list in order; every kind has a NOT NULL and a nullable form. */
  static final class Columns {
    private final List<SystemColumn> list = new ArrayList<>();

    Columns name(String... names) {
      return add(NAME, false, names);
    }

    Columns nullableName(String... names) {
      return add(NAME, true, names);
    }

    Columns text(String... names) {
      return add(TEXT, false, names);
    }

    Columns nullableText(String... names) {
      return add(TEXT, true, names);
    }

    Columns integer(String... names) {
      return add(SqlType.INTEGER, false, names);
    }

    Columns nullableInteger(String... names) {
      return add(SqlType.INTEGER, true, names);
    }

    Columns smallint(String... names) {
      return add(SqlType.SMALLINT, false, names);
    }

    Columns bigint(String... names) {
      return add(SqlType.BIGINT, false, names);
    }

    Columns bool(String... names) {
      return add(SqlType.BOOLEAN, false, names);
    }

    Columns add(SqlType type, boolean nullable, String... names) {
      for (String n : names) {
        list.add(new SystemColumn(n, type, nullable));
      }
      return this;
    }

    List<SystemColumn> build() {
      return List.copyOf(list);
    }
  }
}
