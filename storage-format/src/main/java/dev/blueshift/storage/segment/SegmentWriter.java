package dev.blueshift.storage.segment;

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
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Writes an immutable segment file: rows sorted by the sort key, cut into blocks, one encoded
 * column chunk per block and column, then the footer and trailer (layout in segment_footer.proto).
 */
public final class SegmentWriter {
  /** Rows per block unless the caller says otherwise (64 Ki). */
  public static final int DEFAULT_BLOCK_ROWS = 65_536;

  private SegmentWriter() {}

  /** {@link #write(Path, SegmentSchema, List, BufferAllocator, int)} with {@link #DEFAULT_BLOCK_ROWS}. */
  public static SegmentMetadata write(Path file, SegmentSchema schema, List<VectorSchemaRoot> batches,
      BufferAllocator allocator) {
    return write(file, schema, batches, allocator, DEFAULT_BLOCK_ROWS);
  }

  /**
   * Sorts all rows by the schema's sort key (compound, ascending, nulls last; stable), splits them
   * into blocks of {@code blockRows}, encodes each column chunk, writes the file (temporary name +
   * atomic rename), fsyncs file and directory, and returns the metadata. Batches' vectors follow
   * {@link SqlType#arrowType()} per column, in schema column order. The caller still owns (and
   * closes) the batches.
   *
   * @throws BlueshiftException DATATYPE_MISMATCH when a batch does not match the schema, IO_ERROR
   *     when the file cannot be written
   */
  public static SegmentMetadata write(Path file, SegmentSchema schema, List<VectorSchemaRoot> batches,
      BufferAllocator allocator, int blockRows) {
    if (blockRows <= 0) {
      throw new IllegalArgumentException("blockRows must be positive: " + blockRows);
    }
    List<Field> fields = fields(schema);
    long total = 0;
    for (VectorSchemaRoot batch : batches) {
      checkBatch(file, schema, fields, batch);
      total += batch.getRowCount();
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many rows for one segment: " + total);
    }
    int rows = (int) total;
    int[] batchOf = new int[rows];
    int[] rowOf = new int[rows];
    int g = 0;
    for (int b = 0; b < batches.size(); b++) {
      int n = batches.get(b).getRowCount();
      for (int r = 0; r < n; r++) {
        batchOf[g] = b;
        rowOf[g] = r;
        g++;
      }
    }
    int[] perm = RowSorter.sort(schema, batches, batchOf, rowOf);

    Path dir = file.toAbsolutePath().getParent();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    int columns = schema.columnCount();
    List<List<ZoneMap>> blockZoneMaps = new ArrayList<>();
    for (int c = 0; c < columns; c++) {
      blockZoneMaps.add(new ArrayList<>());
    }
    long fileBytes;
    int blockCount = 0;
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ChecksummingChannel crcChannel = new ChecksummingChannel(channel);
        WriteChannel out = new WriteChannel(crcChannel);
        ByteBuffer header = ByteBuffer.allocate(SegmentFormat.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(SegmentFormat.MAGIC).putInt(SegmentFormat.FORMAT_VERSION).flip();
        out.write(header);

        SegmentFooter.Builder footer = SegmentFooter.newBuilder()
            .setFormatVersion(SegmentFormat.FORMAT_VERSION)
            .setRowCount(rows);
        for (ColumnSpec c : schema.columns()) {
          footer.addColumns(ColumnMeta.newBuilder().setName(c.name()).setSqlType(c.type().toString())
              .setEncoding(c.encoding().name()));
        }
        for (int k : schema.sortKey()) {
          footer.addSortKey(k);
        }
        for (int from = 0; from < rows; from += blockRows) {
          int to = Math.min(rows, from + blockRows);
          BlockMeta.Builder block = BlockMeta.newBuilder().setRowCount(to - from);
          for (int c = 0; c < columns; c++) {
            ColumnSpec spec = schema.column(c);
            Encoding encoding = spec.encoding().resolve(spec.type(), schema.sortKey().contains(c));
            try (FieldVector vector = VectorGather.gather(fields.get(c), c, batches, batchOf, rowOf, perm, from, to,
                allocator)) {
              ZoneMap zoneMap = ZoneMaps.of(vector, spec.type());
              blockZoneMaps.get(c).add(zoneMap);
              try (ChunkCodec.EncodedChunk chunk = ChunkCodec.encode(vector, spec.type(), encoding, allocator)) {
                crcChannel.resetChecksum();
                ArrowBlock written = MessageSerializer.serialize(out, chunk.batch());
                block.addChunks(ChunkMeta.newBuilder()
                    .setOffset(written.getOffset())
                    .setMetadataLength(written.getMetadataLength())
                    .setBodyLength(written.getBodyLength())
                    .setCrc32C(crcChannel.checksum())
                    .setZoneMap(ZoneMaps.toProto(zoneMap))
                    .setEncoding(chunk.encoding().name()));
              }
            }
          }
          footer.addBlocks(block);
          blockCount++;
        }
        List<ZoneMap> segmentZoneMaps = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
          ZoneMap z = ZoneMaps.merge(blockZoneMaps.get(c));
          segmentZoneMaps.add(z);
          footer.addColumnZoneMaps(ZoneMaps.toProto(z));
        }
        byte[] footerBytes = footer.build().toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(footerBytes);
        out.write(footerBytes);
        ByteBuffer trailer = ByteBuffer.allocate(SegmentFormat.TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putInt(footerBytes.length).putInt((int) crc.getValue()).putInt(SegmentFormat.FORMAT_VERSION)
            .put(SegmentFormat.MAGIC).flip();
        out.write(trailer);
        fileBytes = out.getCurrentPosition();
        channel.force(true);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(dir);
        List<ZoneMap> result = segmentZoneMaps;
        return new SegmentMetadata(rows, fileBytes, blockCount, result);
      }
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "cannot write segment " + file + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // best effort: the temporary file is garbage either way
      }
    }
  }

  /**
   * Bytes one column chunk holding {@code vector} would occupy with {@code encoding} (after
   * per-block fallback), as ANALYZE COMPRESSION reports. The vector is not modified.
   *
   * @throws BlueshiftException INVALID_TABLE_DEFINITION when the encoding does not apply to the type
   */
  public static long encodedBytes(FieldVector vector, SqlType type, Encoding encoding, BufferAllocator allocator) {
    encoding.checkApplicable(vector.getField().getName(), type);
    try (ChunkCodec.EncodedChunk chunk = ChunkCodec.encode(vector, type, encoding.resolve(type), allocator)) {
      long bytes = MessageSerializer.serializeMetadata(chunk.batch(),
          org.apache.arrow.vector.ipc.message.IpcOption.DEFAULT).remaining() + 8L;
      return bytes + chunk.batch().computeBodyLength();
    }
  }

  static List<Field> fields(SegmentSchema schema) {
    List<Field> fields = new ArrayList<>(schema.columnCount());
    for (ColumnSpec c : schema.columns()) {
      fields.add(Field.nullable(c.name(), c.type().arrowType()));
    }
    return fields;
  }

  private static void checkBatch(Path file, SegmentSchema schema, List<Field> fields, VectorSchemaRoot batch) {
    List<FieldVector> vectors = batch.getFieldVectors();
    if (vectors.size() != fields.size()) {
      throw new BlueshiftException(SqlState.DATATYPE_MISMATCH, "segment " + file + ": batch has " + vectors.size()
          + " columns, schema has " + fields.size());
    }
    for (int c = 0; c < vectors.size(); c++) {
      FieldVector v = vectors.get(c);
      if (!v.getField().getType().equals(fields.get(c).getType())) {
        throw new BlueshiftException(SqlState.DATATYPE_MISMATCH, "segment " + file + ": column \""
            + schema.column(c).name() + "\" of type " + schema.column(c).type() + " needs Arrow "
            + fields.get(c).getType() + ", batch has " + v.getField().getType());
      }
      if (v.getValueCount() < batch.getRowCount()) {
        throw new BlueshiftException(SqlState.DATATYPE_MISMATCH, "segment " + file + ": column \""
            + schema.column(c).name() + "\" has " + v.getValueCount() + " values, batch has "
            + batch.getRowCount() + " rows");
      }
    }
  }

  /** Fsyncs a directory so a rename in it is durable. */
  static void syncDirectory(Path dir) throws IOException {
    if (dir == null) {
      return;
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // some file systems refuse to open or sync directories; the rename itself has happened
      if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
        throw e;
      }
    }
  }

  /** A channel that computes the CRC32C of the bytes written since the last reset. */
  private static final class ChecksummingChannel implements WritableByteChannel {
    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();

    ChecksummingChannel(FileChannel channel) {
      this.channel = channel;
    }

    void resetChecksum() {
      crc.reset();
    }

    int checksum() {
      return (int) crc.getValue();
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      int n = src.remaining();
      crc.update(src.duplicate());
      while (src.hasRemaining()) {
        channel.write(src);
      }
      return n;
    }

    @Override
    public boolean isOpen() {
      return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
