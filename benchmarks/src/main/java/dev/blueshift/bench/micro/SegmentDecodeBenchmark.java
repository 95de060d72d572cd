package dev.blueshift.bench.micro;

import dev.blueshift.storage.segment.ColumnSpec;
import dev.blueshift.storage.segment.Encoding;
import dev.blueshift.storage.segment.SegmentReader;
import dev.blueshift.storage.segment.SegmentSchema;
import dev.blueshift.storage.segment.SegmentWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
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
 * Reads every block and column of a lineitem-shaped segment file through SegmentReader (positional
 * reads, checksum, decode into Arrow). The numeric and date columns use the encoding under test;
 * the two flag columns always use BYTEDICT, Redshift's choice for them. The file stays in the page
 * cache, so this measures decoding, not the disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx2g"})
public class SegmentDecodeBenchmark {
  @Param("1000000")
  public int rows;

  @Param({"RAW", "AZ64", "ZSTD", "LZO"})
  public String encoding;

  private BufferAllocator allocator;
  private Path dir;
  private SegmentReader reader;
  private int[] allColumns;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    allocator = new RootAllocator();
    dir = Files.createTempDirectory("blueshift-jmh-segment");
    List<ColumnSpec> columns = new ArrayList<>();
    for (int c = 0; c < LineitemColumns.NAMES.size(); c++) {
      boolean flag = c == LineitemColumns.RETURNFLAG || c == LineitemColumns.LINESTATUS;
      columns.add(new ColumnSpec(LineitemColumns.NAMES.get(c), LineitemColumns.TYPES.get(c),
          flag ? Encoding.BYTEDICT : Encoding.valueOf(encoding)));
    }
    Path file = dir.resolve("lineitem.seg");
    List<VectorSchemaRoot> batches = LineitemColumns.batches(rows, allocator);
    try {
      SegmentWriter.write(file, new SegmentSchema(columns, List.of(LineitemColumns.SHIPDATE)), batches, allocator);
    } finally {
      batches.forEach(VectorSchemaRoot::close);
    }
    reader = SegmentReader.open(file, allocator);
    allColumns = new int[columns.size()];
    for (int c = 0; c < allColumns.length; c++) {
      allColumns[c] = c;
    }
  }

  @Benchmark
  public long decodeAllBlocks() {
    long decoded = 0;
    for (int b = 0; b < reader.blockCount(); b++) {
      try (VectorSchemaRoot block = reader.readBlock(b, allColumns)) {
        decoded += block.getRowCount();
      }
    }
    return decoded;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    reader.close();
    allocator.close();
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }
}
