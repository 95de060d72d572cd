package dev.blueshift.worker.load;

import org.apache.arrow.memory.BufferAllocator;

/**
 * The one place that picks a COPY input format from the options; add a format here. Used by the
 * coordinator (to decide whether a file may be split) and by the workers (to parse).
 */
public final class LoadFormats {
  private LoadFormats() {}

  /** Delimited text (pipe, DELIMITER, CSV, REMOVEQUOTES) and JSON 'auto' lines. */
  private static final LoadFormat TEXT = new LoadFormat() {
    @Override
    public boolean splittable() {
      return true;
    }

    @Override
    public FormatParser parser(LoadTarget target, LoadOptions options, BufferAllocator allocator) {
      return new DelimitedTextParser(target, options, allocator);
    }
  };

  public static LoadFormat of(LoadOptions options) {
    return TEXT;
  }
}
