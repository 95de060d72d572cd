package dev.blueshift.storage.segment;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.storage.format.proto.BlockMeta;
import dev.blueshift.storage.format.proto.ChunkMeta;
import dev.blueshift.storage.format.proto.ColumnMeta;
import dev.blueshift.storage.format.proto.SegmentFooter;
import dev.blueshift.types.SqlType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Reads a segment file: the footer at open, then only the chunks of the blocks and columns asked
 * for, by positional reads. Safe for concurrent {@link #readBlock} calls.
 */
public final class SegmentReader implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final BufferAllocator allocator;
  private final SegmentSchema schema;
  private final List<Field> fields;
  private final long rowCount;
  private final int[] blockRows;
  private final ChunkMeta[][] chunks; // [block][column]
  private final Encoding[][] chunkEncodings;
  private final ZoneMap[][] zoneMaps; // [block][column]
  private final List<ZoneMap> segmentZoneMaps;

  private SegmentReader(Path path, FileChannel channel, BufferAllocator allocator, SegmentFooter footer) {
    this.path = path;
    this.channel = channel;
    this.allocator = allocator;
    List<ColumnSpec> columns = new ArrayList<>();
    for (ColumnMeta c : footer.getColumnsList()) {
      columns.add(new ColumnSpec(c.getName(), SqlType.parse(c.getSqlType()), Encoding.valueOf(c.getEncoding())));
    }
    List<Integer> sortKey = new ArrayList<>();
    for (int k : footer.getSortKeyList()) {
      sortKey.add(k);
    }
    this.schema = new SegmentSchema(columns, sortKey);
    this.fields = SegmentWriter.fields(schema);
    this.rowCount = footer.getRowCount();
    int blocks = footer.getBlocksCount();
    this.blockRows = new int[blocks];
    this.chunks = new ChunkMeta[blocks][];
    this.chunkEncodings = new Encoding[blocks][];
    this.zoneMaps = new ZoneMap[blocks][];
    for (int b = 0; b < blocks; b++) {
      BlockMeta block = footer.getBlocks(b);
      blockRows[b] = block.getRowCount();
      chunks[b] = block.getChunksList().toArray(new ChunkMeta[0]);
      chunkEncodings[b] = new Encoding[chunks[b].length];
      zoneMaps[b] = new ZoneMap[chunks[b].length];
      for (int c = 0; c < chunks[b].length; c++) {
        chunkEncodings[b][c] = Encoding.valueOf(chunks[b][c].getEncoding());
        zoneMaps[b][c] = ZoneMaps.fromProto(chunks[b][c].getZoneMap());
      }
    }
    List<ZoneMap> segment = new ArrayList<>();
    footer.getColumnZoneMapsList().forEach(z -> segment.add(ZoneMaps.fromProto(z)));
    this.segmentZoneMaps = List.copyOf(segment);
  }

  /**
   * Opens a segment file and reads its footer. Validates magic, format version and the footer
   * checksum.
   *
   * @throws BlueshiftException DATA_CORRUPTED naming the path and what is wrong when the file is
   *     torn or corrupt; IO_ERROR when it cannot be read
   */
  public static SegmentReader open(Path file, BufferAllocator allocator) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "segment " + file + " does not exist", e);
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot open segment " + file + ": " + e.getMessage(), e);
    }
    try {
      SegmentFooter footer = readFooter(file, channel);
      SegmentReader reader;
      try {
        reader = new SegmentReader(file, channel, allocator, footer);
      } catch (RuntimeException e) {
        throw corrupt(file, "invalid footer: " + e.getMessage(), e);
      }
      reader.validate(channel.size() - SegmentFormat.TRAILER_BYTES);
      return reader;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot read segment " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static SegmentFooter readFooter(Path file, FileChannel channel) throws IOException {
    long size = channel.size();
    if (size < SegmentFormat.HEADER_BYTES + SegmentFormat.TRAILER_BYTES) {
      throw corrupt(file, "file is truncated (" + size + " bytes, a segment has at least "
          + (SegmentFormat.HEADER_BYTES + SegmentFormat.TRAILER_BYTES) + ")", null);
    }
    ByteBuffer header = readFully(channel, 0, SegmentFormat.HEADER_BYTES);
    if (header.getInt(0) != SegmentFormat.MAGIC_INT) {
      throw corrupt(file, "bad magic at start of file: not a Blueshift segment", null);
    }
    ByteBuffer trailer = readFully(channel, size - SegmentFormat.TRAILER_BYTES, SegmentFormat.TRAILER_BYTES);
    if (trailer.getInt(12) != SegmentFormat.MAGIC_INT) {
      throw corrupt(file, "bad magic in trailer: file is truncated or was not completely written", null);
    }
    int version = trailer.getInt(8);
    if (version != SegmentFormat.FORMAT_VERSION || header.getInt(4) != version) {
      throw corrupt(file, "unsupported format version " + version + " (this build reads "
          + SegmentFormat.FORMAT_VERSION + ")", null);
    }
    int footerLength = trailer.getInt(0);
    long footerStart = size - SegmentFormat.TRAILER_BYTES - footerLength;
    if (footerLength < 0 || footerStart < SegmentFormat.HEADER_BYTES) {
      throw corrupt(file, "footer length " + footerLength + " does not fit in a file of " + size + " bytes", null);
    }
    ByteBuffer footerBytes = readFully(channel, footerStart, footerLength);
    CRC32C crc = new CRC32C();
    crc.update(footerBytes.duplicate());
    if ((int) crc.getValue() != trailer.getInt(4)) {
      throw corrupt(file, "footer checksum mismatch (footer at offset " + footerStart + ", " + footerLength
          + " bytes)", null);
    }
    try {
      SegmentFooter footer = SegmentFooter.parseFrom(footerBytes);
      if (footer.getFormatVersion() != SegmentFormat.FORMAT_VERSION) {
        throw corrupt(file, "footer has format version " + footer.getFormatVersion(), null);
      }
      return footer;
    } catch (InvalidProtocolBufferException e) {
      throw corrupt(file, "footer does not parse: " + e.getMessage(), e);
    }
  }

  private void validate(long footerStart) {
    long rows = 0;
    int columns = schema.columnCount();
    for (int b = 0; b < chunks.length; b++) {
      if (chunks[b].length != columns) {
        throw corrupt(path, "block " + b + " has " + chunks[b].length + " chunks for " + columns + " columns", null);
      }
      if (blockRows[b] <= 0) {
        throw corrupt(path, "block " + b + " has " + blockRows[b] + " rows", null);
      }
      rows += blockRows[b];
      for (int c = 0; c < columns; c++) {
        ChunkMeta m = chunks[b][c];
        long end = m.getOffset() + m.getMetadataLength() + m.getBodyLength();
        if (m.getOffset() < SegmentFormat.HEADER_BYTES || m.getMetadataLength() < 8 || m.getBodyLength() < 0
            || end > footerStart || end < m.getOffset() || m.getMetadataLength() + m.getBodyLength() > Integer.MAX_VALUE) {
          throw corrupt(path, "block " + b + " column \"" + schema.column(c).name() + "\": chunk [" + m.getOffset()
              + ", " + end + ") lies outside the data region [" + SegmentFormat.HEADER_BYTES + ", " + footerStart + ")",
              null);
        }
        if (zoneMaps[b][c].rowCount() != blockRows[b]) {
          throw corrupt(path, "block " + b + " column \"" + schema.column(c).name() + "\": zone map counts "
              + zoneMaps[b][c].rowCount() + " rows, block has " + blockRows[b], null);
        }
      }
    }
    if (rows != rowCount) {
      throw corrupt(path, "blocks hold " + rows + " rows, footer says " + rowCount, null);
    }
    if (segmentZoneMaps.size() != columns) {
      throw corrupt(path, "footer has " + segmentZoneMaps.size() + " segment zone maps for " + columns + " columns",
          null);
    }
  }

  /** The file this reader reads. */
  public Path path() {
    return path;
  }

  public SegmentSchema schema() {
    return schema;
  }

  public long rowCount() {
    return rowCount;
  }

  public int blockCount() {
    return blockRows.length;
  }

  public int blockRowCount(int block) {
    return blockRows[block];
  }

  /** The zone map of one column chunk. */
  public ZoneMap zoneMap(int block, int column) {
    return zoneMaps[block][column];
  }

  /** The whole-segment zone map of a column. */
  public ZoneMap segmentZoneMap(int column) {
    return segmentZoneMaps.get(column);
  }

  /** The metadata {@link SegmentWriter#write} returned for this file. */
  public SegmentMetadata metadata() {
    try {
      return new SegmentMetadata(rowCount, channel.size(), blockCount(), segmentZoneMaps);
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot read segment " + path + ": " + e.getMessage(), e);
    }
  }

  /** The encoding chunk (block, column) is physically written with (never AUTO). */
  public Encoding chunkEncoding(int block, int column) {
    return chunkEncodings[block][column];
  }

  /** Bytes chunk (block, column) occupies in the file. */
  public long chunkBytes(int block, int column) {
    ChunkMeta m = chunks[block][column];
    return m.getMetadataLength() + m.getBodyLength();
  }

  /** Whether any row of the segment might satisfy the predicate (whole-segment zone maps). */
  public boolean segmentMightMatch(BlockPredicate predicate) {
    return rowCount > 0 && predicate.mightMatch(segmentZoneMaps::get);
  }

  /** Blocks whose zone maps may satisfy the predicate, in order. */
  public List<Integer> matchingBlocks(BlockPredicate predicate) {
    List<Integer> result = new ArrayList<>();
    for (int b = 0; b < blockRows.length; b++) {
      ZoneMap[] z = zoneMaps[b];
      if (predicate.mightMatch(c -> z[c])) {
        result.add(b);
      }
    }
    return result;
  }

  /**
   * Reads the chosen columns (schema ordinals) of one block into a new VectorSchemaRoot owned by the
   * caller; fields are named like the columns, vectors per {@link SqlType#arrowType()}. Each
   * chunk's checksum is verified.
   *
   * @throws BlueshiftException DATA_CORRUPTED when a chunk is corrupt, IO_ERROR on read failure
   */
  public VectorSchemaRoot readBlock(int block, int[] columns) {
    if (block < 0 || block >= blockRows.length) {
      throw new IndexOutOfBoundsException("block " + block + " of " + blockRows.length);
    }
    List<Field> outFields = new ArrayList<>(columns.length);
    List<FieldVector> vectors = new ArrayList<>(columns.length);
    try {
      for (int c : columns) {
        if (c < 0 || c >= schema.columnCount()) {
          throw new IndexOutOfBoundsException("column " + c + " of " + schema.columnCount());
        }
        FieldVector v = readChunk(block, c);
        vectors.add(v);
        outFields.add(v.getField());
      }
      return new VectorSchemaRoot(outFields, vectors, blockRows[block]);
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
  }

  private FieldVector readChunk(int block, int column) {
    ChunkMeta m = chunks[block][column];
    int length = (int) (m.getMetadataLength() + m.getBodyLength());
    String where = "block " + block + " column \"" + schema.column(column).name() + "\" (chunk at offset "
        + m.getOffset() + ", " + length + " bytes)";
    ArrowBuf buf = allocator.buffer(length);
    try {
      ByteBuffer nio = buf.nioBuffer(0, length);
      while (nio.hasRemaining()) {
        int n = channel.read(nio, m.getOffset() + nio.position());
        if (n < 0) {
          throw corrupt(path, where + ": unexpected end of file", null);
        }
      }
      CRC32C crc = new CRC32C();
      crc.update(buf.nioBuffer(0, length));
      if ((int) crc.getValue() != m.getCrc32C()) {
        throw corrupt(path, where + ": checksum mismatch", null);
      }
      ArrowRecordBatch batch;
      try {
        int prefix = buf.getInt(0) == MessageSerializer.IPC_CONTINUATION_TOKEN ? 8 : 4;
        Message message = Message.getRootAsMessage(
            buf.nioBuffer(prefix, m.getMetadataLength() - prefix).order(ByteOrder.LITTLE_ENDIAN));
        if (message.headerType() != MessageHeader.RecordBatch) {
          throw new IllegalArgumentException("IPC message is not a record batch");
        }
        RecordBatch header = (RecordBatch) message.header(new RecordBatch());
        ArrowBuf body = buf.slice(m.getMetadataLength(), m.getBodyLength());
        body.getReferenceManager().retain(); // deserializeRecordBatch releases the body it is given
        batch = MessageSerializer.deserializeRecordBatch(header, body);
      } catch (IOException | RuntimeException e) {
        throw corrupt(path, where + ": invalid Arrow record batch: " + e.getMessage(), e);
      }
      try (batch) {
        if (batch.getLength() != blockRows[block]) {
          throw corrupt(path, where + ": holds " + batch.getLength() + " rows, block has " + blockRows[block], null);
        }
        try {
          return ChunkCodec.decode(batch, fields.get(column), schema.column(column).type(),
              chunkEncodings[block][column], allocator);
        } catch (BlueshiftException e) {
          throw e;
        } catch (RuntimeException e) {
          throw corrupt(path, where + ": cannot decode " + chunkEncodings[block][column] + " chunk: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot read segment " + path + " " + where + ": "
          + e.getMessage(), e);
    } finally {
      buf.close();
    }
  }

  private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (channel.read(b, position + b.position()) < 0) {
        throw new IOException("unexpected end of file at offset " + (position + b.position()));
      }
    }
    return b.flip();
  }

  private static BlueshiftException corrupt(Path file, String what, Throwable cause) {
    return new BlueshiftException(SqlState.DATA_CORRUPTED, "segment " + file + " is corrupt: " + what, cause);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // already failing; the original exception matters
    }
  }

  /** Closes the file. Vectors returned by {@link #readBlock} stay valid. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot close segment " + path + ": " + e.getMessage(), e);
    }
  }
}
