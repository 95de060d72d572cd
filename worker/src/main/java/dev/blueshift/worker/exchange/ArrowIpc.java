package dev.blueshift.worker.exchange;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/** Arrow IPC record-batch messages as bytes, the unit of every exchange and segment upload. */
public final class ArrowIpc {
  private ArrowIpc() {}

  public static byte[] serialize(VectorSchemaRoot root) {
    VectorUnloader unloader = new VectorUnloader(root);
    try (ArrowRecordBatch batch = unloader.getRecordBatch();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), batch);
      return out.toByteArray();
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.INTERNAL_ERROR, "cannot serialize a batch: " + e.getMessage(), e);
    }
  }

  /** A new batch (owned by the caller) of the given schema from a record-batch message. */
  public static VectorSchemaRoot deserialize(byte[] message, Schema schema, BufferAllocator allocator) {
    ReadChannel channel = new ReadChannel(Channels.newChannel(new ByteArrayInputStream(message)));
    try (ArrowRecordBatch batch = MessageSerializer.deserializeRecordBatch(channel, allocator)) {
      VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
      new VectorLoader(root).load(batch);
      return root;
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.INTERNAL_ERROR, "cannot read a batch: " + e.getMessage(), e);
    }
  }
}
