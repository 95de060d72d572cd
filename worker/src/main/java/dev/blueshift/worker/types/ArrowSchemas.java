package dev.blueshift.worker.types;

import dev.blueshift.protocol.Column;
import dev.blueshift.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow schemas that carry their SQL types: every field holds its {@link SqlType} text in the
 * metadata key {@value #SQL_TYPE_KEY}, so a batch is self-describing across operators and the wire.
 */
public final class ArrowSchemas {
  public static final String SQL_TYPE_KEY = "blueshift.type";

  private ArrowSchemas() {}

  public static Field field(String name, SqlType type) {
    return new Field(name,
        new FieldType(true, type.arrowType(), null, Map.of(SQL_TYPE_KEY, type.toString())), null);
  }

  public static Schema schema(List<String> names, List<SqlType> types) {
    List<Field> fields = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      fields.add(field(names.get(i), types.get(i)));
    }
    return new Schema(fields);
  }

  public static Schema schema(List<Column> columns) {
    List<Field> fields = new ArrayList<>(columns.size());
    for (Column c : columns) {
      fields.add(field(c.getName(), ProtoTypes.fromProto(c.getType())));
    }
    return new Schema(fields);
  }

  public static SqlType sqlType(Field field) {
    String text = field.getMetadata().get(SQL_TYPE_KEY);
    if (text == null) {
      throw new IllegalStateException("field " + field.getName() + " has no SQL type");
    }
    return SqlType.parse(text);
  }

  public static SqlType sqlType(FieldVector vector) {
    return sqlType(vector.getField());
  }

  public static List<SqlType> sqlTypes(Schema schema) {
    List<SqlType> out = new ArrayList<>();
    for (Field f : schema.getFields()) {
      out.add(sqlType(f));
    }
    return out;
  }

  /** A new empty root for the schema, allocated from the allocator. */
  public static VectorSchemaRoot newRoot(Schema schema, BufferAllocator allocator) {
    return VectorSchemaRoot.create(schema, allocator);
  }

  /** Gives a vector its SQL-typed field (vectors made by storage carry plain fields). */
  public static Field withType(Field field, SqlType type) {
    return field(field.getName(), type);
  }
}
