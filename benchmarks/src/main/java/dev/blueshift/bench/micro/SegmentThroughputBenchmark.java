package dev.blueshift.bench.micro;

import dev.blueshift.storage.segment.Encoding;
import dev.blueshift.storage.segment.SegmentReader;
import dev.blueshift.storage.segment.SegmentSchema;
import dev.blueshift.storage.segment.SegmentWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Segment write and scan throughput per encoding, on the lineitem-shaped columns whose type the
 * encoding accepts ({@link LineitemSegmentData#columnsFor}). {@code write} is
 * {@link SegmentWriter#write} of the whole segment (no sort key: encode, checksum, write, fsync,
 * rename); {@code scan} reads every block and column back through {@link SegmentReader} (positional
 * reads from the page cache, checksum, decode into Arrow). Besides the time per operation, the aux
 * counters {@code rows} and {@code megabytes} give rows/s and MB/s of decoded data (plain Arrow
 * buffers: validity, offsets, values; 1 MB = 10^6 bytes), single-threaded, so per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx3g"})
public class SegmentThroughputBenchmark {
  @Param("1000000")
  public int rows;

  @Param({"RAW", "AZ64", "BYTEDICT", "DELTA", "DELTA32K", "LZO", "MOSTLY8", "MOSTLY16", "MOSTLY32", "RUNLENGTH",
      "TEXT255", "TEXT32K", "ZSTD"})
  public String encoding;

  private BufferAllocator allocator;
  private Path dir;
  private SegmentSchema schema;
  private List<VectorSchemaRoot> batches;
  private long rawBytes;
  private Path written;
  private SegmentReader reader;
  private int[] allColumns;
  private int writes;

  /** Decoded rows and megabytes, reported by JMH as rates per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Decoded {
    public long rows;
    public double megabytes;

    @Setup(Level.Iteration)
    public void reset() {
      rows = 0;
      megabytes = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    allocator = new RootAllocator();
    dir = Files.createTempDirectory("blueshift-jmh-throughput");
    int[] columns = LineitemSegmentData.columnsFor(Encoding.valueOf(encoding));
    schema = LineitemSegmentData.schema(columns, Encoding.valueOf(encoding));
    batches = LineitemSegmentData.batches(rows, columns, allocator);
    rawBytes = LineitemSegmentData.rawBytes(batches);
    written = dir.resolve("scan.seg");
    SegmentWriter.write(written, schema, batches, allocator);
    reader = SegmentReader.open(written, allocator);
    allColumns = java.util.stream.IntStream.range(0, columns.length).toArray();
  }

  /** Raw Arrow bytes of the columns under test, for reports. */
  public long rawBytes() {
    return rawBytes;
  }

  @Benchmark
  public long write(Decoded decoded) throws IOException {
    Path file = dir.resolve("write-" + (writes++ % 2) + ".seg");
    Files.deleteIfExists(file);
    long fileBytes = SegmentWriter.write(file, schema, batches, allocator).fileBytes();
    decoded.rows += rows;
    decoded.megabytes += rawBytes / 1e6;
    return fileBytes;
  }

  @Benchmark
  public long scan(Decoded decoded) {
    long n = 0;
    for (int b = 0; b < reader.blockCount(); b++) {
      try (VectorSchemaRoot block = reader.readBlock(b, allColumns)) {
        n += block.getRowCount();
      }
    }
    decoded.rows += n;
    decoded.megabytes += rawBytes / 1e6;
    return n;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    reader.close();
    batches.forEach(VectorSchemaRoot::close);
    allocator.close();
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }
}
