package dev.blueshift.worker.service;

import dev.blueshift.protocol.ColumnStats;
import dev.blueshift.protocol.SegmentColumnSpec;
import dev.blueshift.protocol.WriteSegmentHeader;
import dev.blueshift.protocol.WriteSegmentMessage;
import dev.blueshift.protocol.WriteSegmentResponse;
import dev.blueshift.storage.segment.ColumnSpec;
import dev.blueshift.storage.segment.Encoding;
import dev.blueshift.storage.segment.SegmentMetadata;
import dev.blueshift.storage.segment.SegmentSchema;
import dev.blueshift.storage.segment.SegmentWriter;
import dev.blueshift.storage.segment.ZoneMap;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exchange.ArrowIpc;
import dev.blueshift.worker.storage.LocalStorage;
import dev.blueshift.worker.types.ArrowSchemas;
import dev.blueshift.worker.types.ProtoTypes;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** One streamed segment upload: header, then batches; on completion the segment is written and synced. */
public final class SegmentUpload implements StreamObserver<WriteSegmentMessage> {
  private final LocalStorage storage;
  private final BufferAllocator allocator;
  private final StreamObserver<WriteSegmentResponse> response;
  private final List<VectorSchemaRoot> batches = new ArrayList<>();
  private WriteSegmentHeader header;
  private SegmentSchema segmentSchema;
  private Schema arrowSchema;
  private boolean failed;

  SegmentUpload(LocalStorage storage, BufferAllocator allocator, StreamObserver<WriteSegmentResponse> response) {
    this.storage = storage;
    this.allocator = allocator;
    this.response = response;
  }

  @Override
  public void onNext(WriteSegmentMessage message) {
    if (failed) {
      return;
    }
    try {
      switch (message.getPartCase()) {
        case HEADER -> {
          header = message.getHeader();
          List<ColumnSpec> columns = new ArrayList<>();
          List<String> names = new ArrayList<>();
          List<SqlType> types = new ArrayList<>();
          for (SegmentColumnSpec c : header.getColumnsList()) {
            SqlType t = ProtoTypes.fromProto(c.getColumn().getType());
            columns.add(new ColumnSpec(c.getColumn().getName(), t, Encoding.parse(c.getEncoding().isEmpty() ? "auto" : c.getEncoding())));
            names.add(c.getColumn().getName());
            types.add(t);
          }
          segmentSchema = new SegmentSchema(columns, header.getSortKeyList());
          arrowSchema = ArrowSchemas.schema(names, types);
        }
        case BATCH -> batches.add(ArrowIpc.deserialize(message.getBatch().toByteArray(), arrowSchema, allocator));
        default -> { }
      }
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  /**
   * Writes and syncs {@code batches} (columns as the header lists them) as the segment the header
   * names; the caller keeps ownership of the batches. Also used by loads for their own slices.
   */
  public static WriteSegmentResponse write(LocalStorage storage, WriteSegmentHeader header, List<VectorSchemaRoot> batches,
      BufferAllocator allocator) {
    List<ColumnSpec> columns = new ArrayList<>();
    for (SegmentColumnSpec c : header.getColumnsList()) {
      SqlType t = ProtoTypes.fromProto(c.getColumn().getType());
      columns.add(new ColumnSpec(c.getColumn().getName(), t, Encoding.parse(c.getEncoding().isEmpty() ? "auto" : c.getEncoding())));
    }
    SegmentSchema segmentSchema = new SegmentSchema(columns, header.getSortKeyList());
    String relative = LocalStorage.segmentPath(header.getTableId(), header.getSlice(), header.getSegmentName());
    Path file = storage.prepareNewSegment(relative);
    SegmentMetadata meta = SegmentWriter.write(file, segmentSchema, batches, allocator, SegmentWriter.DEFAULT_BLOCK_ROWS);
    WriteSegmentResponse.Builder out = WriteSegmentResponse.newBuilder()
        .setPath(relative)
        .setRowCount(meta.rowCount())
        .setBytes(meta.fileBytes());
    for (ZoneMap z : meta.columnZoneMaps()) {
      out.addStats(ColumnStats.newBuilder()
          .setMin(ProtoTypes.literal(z.min()))
          .setMax(ProtoTypes.literal(z.max()))
          .setNullCount(z.nullCount()));
    }
    return out.build();
  }

  private void fail(Throwable t) {
    failed = true;
    release();
    response.onError(GrpcErrors.toStatus(t));
  }

  private void release() {
    batches.forEach(VectorSchemaRoot::close);
    batches.clear();
  }

  @Override
  public void onError(Throwable t) {
    release();
  }

  @Override
  public void onCompleted() {
    if (failed) {
      return;
    }
    try {
      WriteSegmentResponse written = write(storage, header, batches, allocator);
      release();
      response.onNext(written);
      response.onCompleted();
    } catch (RuntimeException e) {
      fail(e);
    }
  }
}
