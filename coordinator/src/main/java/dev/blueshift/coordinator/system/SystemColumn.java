package dev.blueshift.coordinator.system;

import dev.blueshift.types.SqlType;

/** One column of a system table: its name, SQL type and whether it may hold NULL. */
public record SystemColumn(String name, SqlType type, boolean nullable) {}
