package dev.blueshift.worker.load;

import org.apache.arrow.memory.BufferAllocator;

/**
 * The one place that picks a COPY input format from the options; add a format here. Used by the
 * coordinator (to decide whether a file may be split) and by the workers (to parse).
 */
public final class LoadFormats {
  private LoadFormats() {}

  /**
   * Delimited text (pipe, DELIMITER, CSV, REMOVEQUOTES) and JSON 'auto' lines; plain delimited
   * text takes the byte-level fast path ({@link DelimitedBytesParser}).
   */
  private static final LoadFormat TEXT = new Text(true);
  /** With ESCAPE a record may span lines (an escaped newline), so files are not cut into ranges. */
  private static final LoadFormat TEXT_WHOLE_FILES = new Text(false);

  private record Text(boolean splittable) implements LoadFormat {
    @Override
    public FormatParser parser(LoadTarget target, LoadOptions options, BufferAllocator allocator) {
      return DelimitedBytesParser.supports(options) ? new DelimitedBytesParser(target, options, allocator)
          : new DelimitedTextParser(target, options, allocator);
    }
  }

  public static LoadFormat of(LoadOptions options) {
    return options.escape() ? TEXT_WHOLE_FILES : TEXT;
  }
}
