package dev.blueshift.worker.load;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * COPY {@code FIXEDWIDTH 'label:width,…'}: each line holds the fields side by side, field i taking
 * the next {@code widths[i]} characters (labels only name them, as in Redshift). A line shorter than
 * the total gives its last fields short or missing (FILLRECORD then fills them with NULL); a field
 * that is all blanks is empty.
 */
public record FixedWidthSpec(List<String> labels, int[] widths) {

  /** Parses the FIXEDWIDTH argument; a syntax error naming the bad entry. */
  public static FixedWidthSpec parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new BlueshiftException(SqlState.SYNTAX_ERROR, "COPY FIXEDWIDTH needs 'label:width,…'");
    }
    List<String> labels = new ArrayList<>();
    List<Integer> widths = new ArrayList<>();
    for (String entry : spec.split(",")) {
      int colon = entry.lastIndexOf(':');
      int width = -1;
      if (colon > 0) {
        try {
          width = Integer.parseInt(entry.substring(colon + 1).strip());
        } catch (NumberFormatException e) {
          width = -1;
        }
      }
      if (width <= 0) {
        throw new BlueshiftException(SqlState.SYNTAX_ERROR,
            "COPY FIXEDWIDTH entry '" + entry.strip() + "' must be label:width with a positive width");
      }
      labels.add(entry.substring(0, colon).strip());
      widths.add(width);
    }
    return new FixedWidthSpec(List.copyOf(labels), widths.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * The fields of one line: each cut at its width, trailing blanks kept (TRIMBLANKS removes them
   * for VARCHAR as for any format). Characters past the last field are ignored, as Redshift does;
   * a line too short ends with fewer fields.
   */
  public List<String> split(String line) {
    List<String> out = new ArrayList<>(widths.length);
    int at = 0;
    for (int w : widths) {
      if (at >= line.length()) {
        break;
      }
      int end = line.offsetByCodePoints(at, Math.min(w, line.codePointCount(at, line.length())));
      out.add(line.substring(at, end));
      at = end;
    }
    return out;
  }
}
