package dev.blueshift.coordinator.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.server.AvaticaProtobufHandler;
import org.eclipse.jetty.server.Request;

/**
 * The coordinator's HTTP endpoint: Avatica protobuf requests, plus {@code GET /health/live}
 * (200 while the process serves) and {@code GET /health/ready} (200 when ready, else 503).
 */
final class JdbcHttpHandler extends AvaticaProtobufHandler {
  private final BooleanSupplier ready;

  JdbcHttpHandler(Service service, BooleanSupplier ready) {
    super(service);
    this.ready = ready;
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    if (target.startsWith(dev.blueshift.coordinator.load.StdinStaging.PATH)) { // COPY FROM STDIN uploads (shell's \copy)
      var reply = dev.blueshift.coordinator.load.StdinStaging.serve(request.getMethod(), target,
          request.getParameter("suffix"), request.getInputStream());
      byte[] bytes = (reply.text() + "\n").getBytes(StandardCharsets.UTF_8);
      response.setStatus(reply.status());
      response.setContentType("text/plain; charset=utf-8");
      response.setContentLength(bytes.length);
      response.getOutputStream().write(bytes);
      baseRequest.setHandled(true);
      return;
    }
    if (!"GET".equals(request.getMethod()) || !target.startsWith("/health/")) {
      super.handle(target, baseRequest, request, response);
      return;
    }
    int status;
    String body;
    switch (target) {
      case "/health/live" -> {
        status = HttpServletResponse.SC_OK;
        body = "live\n";
      }
      case "/health/ready" -> {
        boolean isReady = ready.getAsBoolean();
        status = isReady ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE;
        body = isReady ? "ready\n" : "not ready\n";
      }
      default -> {
        status = HttpServletResponse.SC_NOT_FOUND;
        body = "unknown health check " + target + "\n";
      }
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("text/plain; charset=utf-8");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
    baseRequest.setHandled(true);
  }
}
