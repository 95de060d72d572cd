package dev.blueshift.storage.segment;

import java.nio.charset.StandardCharsets;

/** Constants of the segment file layout (see segment_footer.proto for the full layout). */
final class SegmentFormat {
  static final int FORMAT_VERSION = 1;
  static final byte[] MAGIC = "BSEG".getBytes(StandardCharsets.US_ASCII);
  static final int MAGIC_INT = 0x47455342; // "BSEG" read as a little-endian int
  static final int HEADER_BYTES = 8; // magic + version
  static final int TRAILER_BYTES = 16; // footer length, footer CRC32C, version, magic

  private SegmentFormat() {}
}
