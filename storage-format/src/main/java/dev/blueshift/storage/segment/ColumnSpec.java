package dev.blueshift.storage.segment;

import dev.blueshift.types.SqlType;
import java.util.Objects;

/** A column of a segment: its name, SQL type and declared encoding (possibly AUTO). */
public record ColumnSpec(String name, SqlType type, Encoding encoding) {
  public ColumnSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(encoding, "encoding");
    encoding.checkApplicable(name, type);
  }

  /** A column with ENCODE AUTO. */
  public static ColumnSpec of(String name, SqlType type) {
    return new ColumnSpec(name, type, Encoding.AUTO);
  }
}
