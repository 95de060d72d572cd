package dev.blueshift.storage.segment;

import dev.blueshift.types.SqlType;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.types.pojo.Field;

/** The non-codec encodings (dictionary, run-length, delta, mostly-N). */
final class EncodedBuffers {
  private EncodedBuffers() {}

  /** The chunk in {@code encoding}, or null when the encoding does not apply to this block. */
  static ChunkCodec.EncodedChunk encode(FieldVector vector, SqlType type, Encoding encoding, BufferAllocator allocator) {
    return null;
  }

  static FieldVector decode(ArrowFieldNode node, List<ArrowBuf> buffers, Field field, SqlType type,
      Encoding encoding, BufferAllocator allocator) {
    throw new IllegalArgumentException("unsupported chunk encoding " + encoding);
  }
}
