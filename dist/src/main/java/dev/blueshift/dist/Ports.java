package dev.blueshift.dist;

import java.io.IOException;
import java.net.BindException;
import picocli.CommandLine;

/** Turns "address already in use" while starting a node into a usage error that names the port. */
final class Ports {
  private Ports() {}

  /** Something that opens a server socket. */
  interface Start<T> {
    T start() throws IOException;
  }

  static <T> T bind(int port, Start<T> start) throws IOException {
    try {
      return start.start();
    } catch (IOException | RuntimeException e) {
      if (hasCause(e, BindException.class)) {
        throw new CommandLine.ParameterException(new CommandLine(new Blueshift()),
            "port " + port + " is already in use; choose another with --port");
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
