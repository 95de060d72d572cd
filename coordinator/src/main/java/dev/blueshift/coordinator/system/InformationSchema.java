package dev.blueshift.coordinator.system;

import static dev.blueshift.coordinator.system.PinnedCatalog.DATABASE;
import static dev.blueshift.coordinator.system.PinnedCatalog.INFORMATION_SCHEMA;
import static dev.blueshift.coordinator.system.PinnedCatalog.PG_CATALOG;

import dev.blueshift.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/** The SQL-standard {@code information_schema} views, filled as PostgreSQL fills them. */
final class InformationSchema {
  private InformationSchema() {}

  static final SystemTableDefinition SCHEMATA = new SystemTableDefinition(INFORMATION_SCHEMA, "schemata",
      SystemTableDefinition.define().name("catalog_name", "schema_name", "schema_owner")
          .nullableName("default_character_set_catalog", "default_character_set_schema", "default_character_set_name")
          .nullableText("sql_path").build(),
      InformationSchema::schemata);

  static final SystemTableDefinition TABLES = new SystemTableDefinition(INFORMATION_SCHEMA, "tables",
      SystemTableDefinition.define().name("table_catalog", "table_schema", "table_name").text("table_type")
          .nullableName("self_referencing_column_name").nullableText("reference_generation")
          .nullableName("user_defined_type_catalog", "user_defined_type_schema", "user_defined_type_name")
          .text("is_insertable_into", "is_typed").nullableText("commit_action").build(),
      InformationSchema::tables);

  static final SystemTableDefinition COLUMNS = new SystemTableDefinition(INFORMATION_SCHEMA, "columns",
      SystemTableDefinition.define().name("table_catalog", "table_schema", "table_name", "column_name")
          .integer("ordinal_position").nullableText("column_default").text("is_nullable", "data_type")
          .nullableInteger("character_maximum_length", "character_octet_length", "numeric_precision",
              "numeric_precision_radix", "numeric_scale", "datetime_precision")
          .nullableText("interval_type").nullableInteger("interval_precision").nullableName("domain_name")
          .name("udt_catalog", "udt_schema", "udt_name").text("dtd_identifier", "is_self_referencing",
              "is_identity", "is_generated", "is_updatable").build(),
      InformationSchema::columns);

  static final List<SystemTableDefinition> ALL = List.of(SCHEMATA, TABLES, COLUMNS);

  private static List<Object[]> schemata(PinnedCatalog catalog) {
    List<Object[]> rows = new ArrayList<>();
    for (String schema : catalog.schemas()) {
      String owner = PinnedCatalog.isSystemSchema(schema) ? "rdsdb" : PinnedCatalog.ADMIN_USER;
      rows.add(new Object[] {DATABASE, schema, owner, null, null, null, null});
    }
    return rows;
  }

  private static List<Object[]> tables(PinnedCatalog catalog) {
    List<Object[]> rows = new ArrayList<>();
    for (PinnedCatalog.Relation r : catalog.relations()) {
      rows.add(new Object[] {DATABASE, r.schema(), r.name(), r.tableType(),
          null, null, null, null, null, r.tableType().equals("BASE TABLE") ? "YES" : "NO", "NO", null});
    }
    return rows;
  }

  private static List<Object[]> columns(PinnedCatalog catalog) {
    List<Object[]> rows = new ArrayList<>();
    for (PinnedCatalog.Relation r : catalog.relations()) {
      for (int i = 0; i < r.columns().size(); i++) {
        SystemColumn c = r.columns().get(i);
        SqlType t = c.type();
        rows.add(new Object[] {DATABASE, r.schema(), r.name(), c.name(), i + 1, r.columnDefault(i),
            c.nullable() ? "YES" : "NO", PgType.dataType(t),
            PgType.characterLength(t), PgType.characterLength(t), PgType.numericPrecision(t),
            PgType.numericRadix(t), PgType.numericScale(t), PgType.datetimePrecision(t),
            null, null, null,
            DATABASE, PG_CATALOG, PgType.of(t).name(), Integer.toString(i + 1), "NO", "NO", "NEVER",
            r.tableType().equals("BASE TABLE") ? "YES" : "NO"});
      }
    }
    return rows;
  }
}
