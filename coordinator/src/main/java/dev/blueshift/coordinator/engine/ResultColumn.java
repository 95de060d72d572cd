package dev.blueshift.coordinator.engine;

import dev.blueshift.types.SqlType;

/** One column of a query result. */
public record ResultColumn(String name, SqlType type, boolean nullable) {}
