package dev.blueshift.worker.service;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Carries {@link BlueshiftException}s across gRPC: SQLSTATE in a trailer, message as description. */
public final class GrpcErrors {
  private static final Metadata.Key<String> SQLSTATE =
      Metadata.Key.of("blueshift-sqlstate", Metadata.ASCII_STRING_MARSHALLER);

  private GrpcErrors() {}

  public static StatusRuntimeException toStatus(Throwable t) {
    Metadata trailers = new Metadata();
    if (t instanceof BlueshiftException b) {
      trailers.put(SQLSTATE, b.sqlState());
      return Status.INTERNAL.withDescription(b.getMessage()).asRuntimeException(trailers);
    }
    trailers.put(SQLSTATE, SqlState.INTERNAL_ERROR.code());
    return Status.INTERNAL.withDescription("internal error: " + t).withCause(t).asRuntimeException(trailers);
  }

  /** The user-facing error for whatever a gRPC call failed with. */
  public static BlueshiftException fromThrowable(Throwable t) {
    if (t instanceof BlueshiftException b) {
      return b;
    }
    if (t instanceof StatusRuntimeException s) {
      Metadata trailers = s.getTrailers();
      String code = trailers == null ? null : trailers.get(SQLSTATE);
      if (code != null) {
        return new BlueshiftException(SqlState.fromCode(code), s.getStatus().getDescription(), t);
      }
      if (s.getStatus().getCode() == Status.Code.UNAVAILABLE) {
        return new BlueshiftException(SqlState.CONNECTION_FAILURE, "a cluster node is unavailable: "
            + s.getStatus().getDescription(), t);
      }
      if (s.getStatus().getCode() == Status.Code.CANCELLED) {
        return new BlueshiftException(SqlState.QUERY_CANCELED, "query cancelled", t);
      }
      return new BlueshiftException(SqlState.INTERNAL_ERROR, s.getStatus().toString(), t);
    }
    return new BlueshiftException(SqlState.INTERNAL_ERROR, "internal error: " + t, t);
  }
}
