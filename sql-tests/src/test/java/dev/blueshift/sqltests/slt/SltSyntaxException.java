package dev.blueshift.sqltests.slt;

/** A sqllogictest file the parser cannot read (unknown record kind, malformed header). */
final class SltSyntaxException extends RuntimeException {
  SltSyntaxException(String file, int line, String message) {
    super(file + ":" + line + ": " + message);
  }
}
