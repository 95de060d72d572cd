package dev.blueshift.bench.micro;

import dev.blueshift.storage.segment.Encoding;
import dev.blueshift.storage.segment.SegmentReader;
import dev.blueshift.storage.segment.SegmentWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code compression} command: writes the lineitem-shaped columns once per encoding (every
 * column the encoding accepts, default 64 Ki-row blocks) and prints, per column and encoding, the
 * compression ratio: plain Arrow bytes (validity, offsets, values) / bytes stored in the segment
 * (the column's chunks, Arrow IPC framing included). A markdown table on standard output.
 */
@Command(name = "compression", mixinStandardHelpOptions = true,
    description = "Compression ratio (raw Arrow bytes / stored bytes) per encoding and lineitem-like column.")
public final class CompressionReport implements Callable<Integer> {
  @Option(names = "--rows", description = "rows per segment (default ${DEFAULT-VALUE})")
  int rows = 1_000_000;

  @Override
  public Integer call() throws IOException {
    print(rows, System.out);
    return 0;
  }

  /** Ratio [column][encoding] (NaN where the encoding does not apply), columns and encodings as in LineitemSegmentData. */
  public static double[][] ratios(int rows) throws IOException {
    List<Encoding> encodings = LineitemSegmentData.ENCODINGS;
    double[][] ratio = new double[LineitemSegmentData.NAMES.size()][encodings.size()];
    for (double[] r : ratio) {
      java.util.Arrays.fill(r, Double.NaN);
    }
    Path dir = Files.createTempDirectory("blueshift-compression");
    try (BufferAllocator allocator = new RootAllocator()) {
      for (int e = 0; e < encodings.size(); e++) {
        Encoding encoding = encodings.get(e);
        int[] columns = LineitemSegmentData.columnsFor(encoding);
        Path file = dir.resolve(encoding + ".seg");
        List<VectorSchemaRoot> batches = LineitemSegmentData.batches(rows, columns, allocator);
        try {
          SegmentWriter.write(file, LineitemSegmentData.schema(columns, encoding), batches, allocator);
          try (SegmentReader reader = SegmentReader.open(file, allocator)) {
            for (int k = 0; k < columns.length; k++) {
              long stored = 0;
              for (int b = 0; b < reader.blockCount(); b++) {
                stored += reader.chunkBytes(b, k);
              }
              ratio[columns[k]][e] = (double) LineitemSegmentData.rawBytes(batches, k) / stored;
            }
          }
        } finally {
          batches.forEach(VectorSchemaRoot::close);
          Files.deleteIfExists(file);
        }
      }
    } finally {
      Files.deleteIfExists(dir);
    }
    return ratio;
  }

  static void print(int rows, PrintStream out) throws IOException {
    double[][] ratio = ratios(rows);
    List<Encoding> encodings = LineitemSegmentData.ENCODINGS;
    StringBuilder s = new StringBuilder("| column (type) |");
    for (Encoding e : encodings) {
      s.append(' ').append(e).append(" |");
    }
    s.append("\n|---|");
    s.append("---:|".repeat(encodings.size()));
    for (int c = 0; c < ratio.length; c++) {
      s.append("\n| ").append(LineitemSegmentData.NAMES.get(c)).append(" (")
          .append(LineitemSegmentData.TYPES.get(c).redshiftName()).append(") |");
      for (double r : ratio[c]) {
        s.append(' ').append(Double.isNaN(r) ? "—" : String.format(Locale.ROOT, "%.2f", r)).append(" |");
      }
    }
    out.println("Compression ratio = plain Arrow bytes / stored bytes, " + rows + " rows, 64 Ki-row blocks"
        + " (— = encoding not valid for the type)");
    out.println();
    out.println(s);
  }
}
