package dev.blueshift.dist;

import java.io.IOException;
import java.net.BindException;

/** Turns "address already in use" while starting a node into a usage error that names the port. */
final class Ports {
  private Ports() {}

  /** Something that opens a server socket. */
  interface Start<T> {
    T start() throws IOException;
  }

  static <T> T bind(int port, Start<T> start) throws IOException {
    return bind(port, "--port", start);
  }

  /** As {@link #bind(int, Start)}, naming {@code flag} as the option that chooses the port. */
  static <T> T bind(int port, String flag, Start<T> start) throws IOException {
    try {
      return start.start();
    } catch (IOException | RuntimeException e) {
      if (hasCause(e, BindException.class)) {
        throw new StartupFailure("port " + port + " is already in use; choose another with " + flag);
      }
      throw e;
    }
  }

  private static boolean hasCause(Throwable t, Class<?> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
