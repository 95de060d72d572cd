package dev.blueshift.worker.load;

import org.apache.arrow.memory.BufferAllocator;

/** A COPY input format: makes parsers; says whether its files may be cut into line-aligned ranges. */
public interface LoadFormat {
  /**
   * True when one record is one line, so a large uncompressed file can be split at newlines and
   * the parts parsed in parallel (delimited text, JSON lines, FIXEDWIDTH); false for PARQUET.
   */
  boolean splittable();

  FormatParser parser(LoadTarget target, LoadOptions options, BufferAllocator allocator);
}
