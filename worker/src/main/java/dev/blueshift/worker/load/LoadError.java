package dev.blueshift.worker.load;

/** One rejected input row, with Redshift's stl_load_errors details. */
public record LoadError(String file, long line, String column, String type, int position, String rawLine,
    String rawValue, int code, String reason) {

  /** The one-line message users see: file, line, column, value and reason. */
  public String message() {
    return file + ", line " + line + (column == null ? "" : ", column " + column)
        + (rawValue == null ? "" : " (value \"" + rawValue + "\")") + ": " + reason;
  }
}
