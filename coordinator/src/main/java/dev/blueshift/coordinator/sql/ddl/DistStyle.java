package dev.blueshift.coordinator.sql.ddl;

/** How a table's rows are spread over the slices ({@code DISTSTYLE} in Redshift DDL). */
public enum DistStyle {
  /** The system chooses (Redshift's default). */
  AUTO,
  /** Round-robin over slices. */
  EVEN,
  /** Hash of the {@code DISTKEY} column. */
  KEY,
  /** A full copy on every node. */
  ALL
}
