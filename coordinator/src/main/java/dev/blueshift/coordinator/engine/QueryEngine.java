package dev.blueshift.coordinator.engine;

/** The coordinator's SQL engine as clients (Avatica, system tasks) see it. */
public interface QueryEngine {

  /** Opens a session for a user; the caller closes it. */
  Session openSession(String user);
}
