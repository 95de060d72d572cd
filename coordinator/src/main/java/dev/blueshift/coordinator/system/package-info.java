/**
 * System tables: the SQL-visible catalog that BI tools, JDBC metadata and the shell read —
 * {@code information_schema} (tables, columns, schemata), {@code pg_catalog} (pg_namespace,
 * pg_class, pg_attribute, pg_type) and Redshift's views (pg_table_def, svv_tables, svv_columns,
 * svv_table_info).
 *
 * <p>Their rows are computed on the coordinator from the catalog snapshot a statement pinned
 * ({@link dev.blueshift.coordinator.system.PinnedCatalog}); the planner sees each as a Calcite
 * table ({@link dev.blueshift.coordinator.system.SystemTable}) and the fragmenter turns a scan of
 * one into a coordinator-local VALUES node ({@link
 * dev.blueshift.coordinator.system.SystemTables#valuesNode}).
 */
package dev.blueshift.coordinator.system;
