/**
 * The coordinator's JDBC endpoint: Avatica protobuf over HTTP ({@link
 * dev.blueshift.coordinator.jdbc.JdbcServer}) serving {@link
 * dev.blueshift.coordinator.engine.QueryEngine} sessions through {@link
 * dev.blueshift.coordinator.jdbc.BlueshiftMeta}.
 */
package dev.blueshift.coordinator.jdbc;
