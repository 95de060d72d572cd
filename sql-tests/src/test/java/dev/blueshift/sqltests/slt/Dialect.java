package dev.blueshift.sqltests.slt;

/**
 * Whose conventions a file's expected lines follow: SQLite's (one value per line, rendered by the
 * column's type letter, compared as strings) or DuckDB's (one row per line with TABs, values as
 * DuckDB prints them, compared leniently: numbers as numbers, booleans in any spelling).
 */
enum Dialect {
  SQLITE,
  DUCKDB;

  static Dialect ofFile(String name) {
    return name.startsWith("duckdb/") || name.startsWith(SltSuite.BLUESHIFT_DIR + "/") ? DUCKDB : SQLITE;
  }
}
