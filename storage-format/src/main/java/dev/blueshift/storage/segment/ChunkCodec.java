package dev.blueshift.storage.segment;

import dev.blueshift.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Turns one block of one column into a single-column Arrow record batch for an encoding, and back.
 * The codec encodings (RAW, ZSTD, LZO, AZ64) write the vector's own Arrow buffers with Arrow body
 * compression, so such a chunk is a standard Arrow IPC record batch; the other encodings write
 * their own buffers (see {@link EncodedBuffers}).
 */
final class ChunkCodec {
  private ChunkCodec() {}

  /** A chunk ready to serialize, and the concrete encoding it was written with. */
  record EncodedChunk(Encoding encoding, ArrowRecordBatch batch) implements AutoCloseable {
    @Override
    public void close() {
      batch.close();
    }
  }

  /**
   * ZSTD level of the "fast" codec used for LZO and the encoded-buffer encodings. The brief maps LZO
   * to LZ4 frame, but Arrow's LZ4 frame codec (pure-Java commons-compress) compressed 8 MB of ints
   * in over 6 minutes here and decodes at ~50 MB/s, while native zstd at level 1 is both fast and
   * smaller. The codec is recorded in each chunk's IPC body-compression field, so the reader
   * follows whatever a chunk says (LZ4 frame chunks stay readable).
   */
  static final int FAST_ZSTD_LEVEL = 1;

  /** The body compression of a chunk written with a concrete encoding. */
  static CompressionCodec codecOf(Encoding chunkEncoding) {
    return switch (chunkEncoding) {
      case RAW -> NoCompressionCodec.INSTANCE;
      case ZSTD, AZ64 -> CommonsCompressionFactory.INSTANCE.createCodec(CompressionUtil.CodecType.ZSTD);
      default -> fastCodec();
    };
  }

  static CompressionCodec fastCodec() {
    return CommonsCompressionFactory.INSTANCE.createCodec(CompressionUtil.CodecType.ZSTD, FAST_ZSTD_LEVEL);
  }

  static CompressionCodec codec(CompressionUtil.CodecType type) {
    return type == CompressionUtil.CodecType.NO_COMPRESSION
        ? NoCompressionCodec.INSTANCE
        : CommonsCompressionFactory.INSTANCE.createCodec(type);
  }

  /** Encodes a vector of {@code type} with the concrete encoding {@code encoding}. */
  static EncodedChunk encode(FieldVector vector, SqlType type, Encoding encoding, BufferAllocator allocator) {
    switch (encoding) {
      case RAW, ZSTD, LZO, AZ64 -> {
        return new EncodedChunk(encoding, compress(vector.getValueCount(), vector.getNullCount(),
            vector.getFieldBuffers(), codecOf(encoding), allocator));
      }
      default -> {
        EncodedChunk chunk = EncodedBuffers.encode(vector, type, encoding, allocator);
        if (chunk != null) {
          return chunk;
        }
        // the encoding does not pay off for this block: store it as LZO (plain buffers, fast ZSTD)
        return encode(vector, type, Encoding.LZO, allocator);
      }
    }
  }

  /**
   * A record batch of one field node over the given buffers, each compressed with the codec. The
   * caller keeps its references to {@code buffers}.
   */
  static ArrowRecordBatch compress(int rowCount, int nullCount, List<ArrowBuf> buffers,
      CompressionCodec codec, BufferAllocator allocator) {
    List<ArrowBuf> out = new ArrayList<>(buffers.size());
    try {
      for (ArrowBuf buf : buffers) {
        // compress() releases its input (or returns it for no compression): give it its own reference
        buf.getReferenceManager().retain();
        out.add(codec.compress(allocator, buf));
      }
      return new ArrowRecordBatch(rowCount, List.of(new ArrowFieldNode(rowCount, nullCount)), out,
          CompressionUtil.createBodyCompression(codec), true, false);
    } catch (RuntimeException e) {
      out.forEach(ArrowBuf::close);
      throw e;
    }
  }

  /**
   * The buffers of a deserialized chunk, decompressed. Every returned buffer is a reference the
   * caller must close; the batch keeps its own.
   */
  static List<ArrowBuf> decompressedBuffers(ArrowRecordBatch batch, BufferAllocator allocator) {
    CompressionUtil.CodecType type =
        CompressionUtil.CodecType.fromCompressionType(batch.getBodyCompression().getCodec());
    CompressionCodec codec = codec(type);
    List<ArrowBuf> out = new ArrayList<>(batch.getBuffers().size());
    try {
      for (ArrowBuf buf : batch.getBuffers()) {
        buf.getReferenceManager().retain();
        if (type == CompressionUtil.CodecType.NO_COMPRESSION || buf.writerIndex() == 0) {
          out.add(buf);
        } else {
          // decompress() releases the compressed reference and returns a new buffer, or (stored
          // uncompressed) a slice sharing the reference we just took
          out.add(codec.decompress(allocator, buf));
        }
      }
      return out;
    } catch (RuntimeException e) {
      out.forEach(ArrowBuf::close);
      throw e;
    }
  }

  /** Rejects plain Arrow buffers too short for the node, so a bad chunk cannot read out of bounds. */
  private static void checkPlainBuffers(FieldVector vector, ArrowFieldNode node, List<ArrowBuf> buffers) {
    int n = Math.toIntExact(node.getLength());
    long validityBytes = (n + 7L) >>> 3;
    if (node.getNullCount() < 0 || node.getNullCount() > n) {
      throw new IllegalArgumentException("null count " + node.getNullCount() + " of " + n + " rows");
    }
    if (vector instanceof BaseVariableWidthVector) {
      if (buffers.size() != 3) {
        throw new IllegalArgumentException("expected 3 buffers, found " + buffers.size());
      }
      ArrowBuf offsets = buffers.get(1);
      if (offsets.writerIndex() < 4L * (n + 1)) {
        throw new IllegalArgumentException("offset buffer too short");
      }
      long dataBytes = buffers.get(2).writerIndex();
      int prev = offsets.getInt(0);
      if (prev < 0) {
        throw new IllegalArgumentException("negative offset");
      }
      for (int i = 1; i <= n; i++) {
        int o = offsets.getInt(4L * i);
        if (o < prev) {
          throw new IllegalArgumentException("offsets decrease at row " + i);
        }
        prev = o;
      }
      if (prev > dataBytes) {
        throw new IllegalArgumentException("offsets point past the data buffer");
      }
    } else if (vector instanceof BaseFixedWidthVector fw) {
      if (buffers.size() != 2) {
        throw new IllegalArgumentException("expected 2 buffers, found " + buffers.size());
      }
      long need = vector instanceof BitVector ? validityBytes : (long) n * fw.getTypeWidth();
      if (buffers.get(1).writerIndex() < need) {
        throw new IllegalArgumentException("data buffer too short");
      }
    }
    if (node.getNullCount() > 0 && buffers.get(0).writerIndex() < validityBytes) {
      throw new IllegalArgumentException("validity buffer too short");
    }
  }

  /** Decodes a chunk written with {@code chunkEncoding} into a new vector of {@code field}. */
  static FieldVector decode(ArrowRecordBatch batch, Field field, SqlType type, Encoding chunkEncoding,
      BufferAllocator allocator) {
    if (batch.getNodes().size() != 1) {
      throw new IllegalArgumentException("expected 1 field node, found " + batch.getNodes().size());
    }
    ArrowFieldNode node = batch.getNodes().get(0);
    List<ArrowBuf> buffers = decompressedBuffers(batch, allocator);
    try {
      switch (chunkEncoding) {
        case RAW, ZSTD, LZO, AZ64 -> {
          FieldVector vector = field.createVector(allocator);
          try {
            checkPlainBuffers(vector, node, buffers);
            vector.loadFieldBuffers(node, buffers);
            return vector;
          } catch (RuntimeException e) {
            vector.close();
            throw e;
          }
        }
        default -> {
          return EncodedBuffers.decode(node, buffers, field, type, chunkEncoding, allocator);
        }
      }
    } finally {
      buffers.forEach(ArrowBuf::close);
    }
  }
}
