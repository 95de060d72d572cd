package dev.blueshift.bench.engine;

import dev.blueshift.bench.tpch.TpchDataset;
import dev.blueshift.bench.tpch.TpchSchema;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One database under test, started by its factory method, measured from that moment on (its
 * memory reading covers everything it did until {@link #peakMemory()} is asked).
 */
public interface Engine extends AutoCloseable {

  /** Short display name: Blueshift, DuckDB, PostgreSQL. */
  String name();

  /** The engine's own version string. */
  String version() throws SQLException;

  /** The settings this run used, in one line for the report. */
  String settings();

  /** Creates the TPC-H tables and loads every .tbl file. */
  LoadTiming load(TpchSchema schema, TpchDataset data) throws Exception;

  /** A new connection (the caller closes it). */
  Connection connect() throws SQLException;

  /** Bytes the loaded data takes in the engine's storage. */
  long storedBytes() throws Exception;

  /** What {@link #storedBytes()} counts. */
  String storedBytesMeaning();

  /** Peak memory since the engine started. */
  MemoryReading peakMemory();

  @Override
  void close();
}
