package dev.blueshift.worker.load;

import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Turns one load input (a file, a line-aligned byte range of a file, or a stream) into Arrow
 * batches of the target table's columns plus rejected rows. One instance parses one input at a
 * time; a load creates one per parsing thread.
 *
 * <p>Contract: batches have {@link LoadTarget#schema()} (all table columns in table order) and
 * pass to {@code sink}, which owns them. Every rejected row is appended to {@code errors} with its
 * line number counted from the input's first line (1-based): for a range that does not start at
 * byte 0 the load fixes the numbers up to the file's own (it knows the lines of the ranges before;
 * {@link ParseResult#lines()} must count every line read). Stop, returning {@code stopped}, once
 * {@code errors} holds more than {@link LoadOptions#maxErrors()} rows. Unreadable input is a
 * {@code BlueshiftException} (IO_ERROR) naming the file.
 */
public interface FormatParser {
  ParseResult parse(LoadInput input, Consumer<VectorSchemaRoot> sink, List<LoadError> errors);
}
