package dev.blueshift.worker.types;

import dev.blueshift.protocol.Column;
import dev.blueshift.protocol.DataType;
import dev.blueshift.protocol.Literal;
import dev.blueshift.protocol.TypeKind;
import dev.blueshift.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/** The one mapping between protobuf types and {@link SqlType}. */
public final class ProtoTypes {
  private ProtoTypes() {}

  public static DataType toProto(SqlType type, boolean nullable) {
    return DataType.newBuilder()
        .setKind(TypeKind.valueOf(type.kind().name()))
        .setPrecision(type.precision())
        .setScale(type.scale())
        .setLength(type.length())
        .setNullable(nullable)
        .build();
  }

  public static SqlType fromProto(DataType type) {
    SqlType.Kind kind = SqlType.Kind.valueOf(type.getKind().name());
    return new SqlType(kind, type.getPrecision(), type.getScale(), type.getLength());
  }

  public static Column column(String name, SqlType type, boolean nullable) {
    return Column.newBuilder().setName(name).setType(toProto(type, nullable)).build();
  }

  public static List<SqlType> types(List<Column> columns) {
    List<SqlType> out = new ArrayList<>(columns.size());
    for (Column c : columns) {
      out.add(fromProto(c.getType()));
    }
    return out;
  }

  /** A literal from an execution value (Long, Double, String, Boolean or null). */
  public static Literal literal(Object value) {
    Literal.Builder b = Literal.newBuilder();
    if (value == null) {
      return b.setIsNull(true).build();
    } else if (value instanceof Long l) {
      b.setLongValue(l);
    } else if (value instanceof Integer i) {
      b.setLongValue(i);
    } else if (value instanceof Double d) {
      b.setDoubleValue(d);
    } else if (value instanceof Float f) {
      b.setDoubleValue(f);
    } else if (value instanceof String s) {
      b.setStringValue(s);
    } else if (value instanceof Boolean bool) {
      b.setBoolValue(bool);
    } else {
      throw new IllegalArgumentException("no literal form for " + value.getClass());
    }
    return b.build();
  }

  /** The execution value of a literal: Long, Double, String, Boolean or null. */
  public static Object value(Literal literal) {
    if (literal.getIsNull()) {
      return null;
    }
    return switch (literal.getValueCase()) {
      case LONG_VALUE -> literal.getLongValue();
      case DOUBLE_VALUE -> literal.getDoubleValue();
      case STRING_VALUE -> literal.getStringValue();
      case BOOL_VALUE -> literal.getBoolValue();
      case VALUE_NOT_SET -> null;
    };
  }
}
