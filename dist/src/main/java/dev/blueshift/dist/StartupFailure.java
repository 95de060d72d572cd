package dev.blueshift.dist;

/**
 * A node cannot start for a reason the user can fix (port in use, data directory taken); the
 * command prints its message as one {@code ERROR:} line, without usage help or a stack trace.
 */
final class StartupFailure extends RuntimeException {
  StartupFailure(String message) {
    super(message);
  }
}
