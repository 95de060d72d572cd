package dev.blueshift.worker.load;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.Vectors;
import dev.blueshift.worker.exec.expr.Decimals;
import dev.blueshift.worker.exec.expr.Evaluators;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The fast path for plain delimited text (Redshift's default pipe format or any one-byte
 * DELIMITER; no CSV, REMOVEQUOTES, ESCAPE, ACCEPTINVCHARS, TRIMBLANKS, DATEFORMAT/TIMEFORMAT):
 * splits lines as bytes and writes integers, decimals, ISO dates and UTF-8 strings straight into
 * the Arrow vectors, with no per-row or per-field objects. Anything it is not sure about — a
 * field that does not look like a clean value of its type, a NULL into NOT NULL, a wrong field
 * count, a value too long, invalid UTF-8, a type it does not handle — sends that one line to
 * {@link DelimitedTextParser}, which converts it or rejects it with the exact error, so both paths
 * accept the same rows and give the same errors.
 */
final class DelimitedBytesParser implements FormatParser {
  private static final int BATCH_ROWS = 65_536;
  private static final int READ_BYTES = 1 << 20;

  private final DelimitedTextParser slow;
  private final LoadTarget target;
  private final LoadOptions options;
  private final BufferAllocator allocator;
  private final Schema schema;
  private final byte delimiter;
  private final byte[] nullAs;
  private final int[] fileColumns;
  private final boolean[] filled;
  private final int[] kinds;
  private final int[] lengths;
  private final int[] scales;
  private final int[] precisions;
  private final boolean[] notNull;
  private final boolean anySlowColumn;
  private final int[] fieldStart;
  private final int[] fieldEnd;
  private final Object[] values;
  /** The current batch's data and validity buffer addresses, per fixed-width column (0 otherwise). */
  private final long[] dataAddress;
  private final long[] validityAddress;
  private final java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
      .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE)
      .replaceWith(String.valueOf(InvalidChars.MARK));

  private static final int K_INT = 1;
  private static final int K_DECIMAL = 2;
  private static final int K_DATE = 3;
  private static final int K_STRING = 4;
  private static final int K_CHAR = 5;
  private static final int K_FLOAT = 6;
  private static final int K_SLOW = 0;

  /** True when {@code options} are plain enough for this parser (else use {@link DelimitedTextParser}). */
  static boolean supports(LoadOptions options) {
    return !options.csv() && !options.json() && !options.removeQuotes() && !options.escape()
        && options.acceptInvChars() == null && options.fixedWidth() == null && options.jsonPaths() == null
        && !options.trimBlanks() && options.dateFormat() == null && options.timeFormat() == null
        && options.delimiter() > 0 && options.delimiter() < 0x80 && options.delimiter() != '\n'
        && options.delimiter() != '\r' && options.nullAs() != null;
  }

  DelimitedBytesParser(LoadTarget target, LoadOptions options, BufferAllocator allocator) {
    this.slow = new DelimitedTextParser(target, options, allocator);
    this.target = target;
    this.options = options;
    this.allocator = allocator;
    this.schema = target.schema();
    this.delimiter = (byte) options.delimiter();
    this.nullAs = options.nullAs().getBytes(StandardCharsets.UTF_8);
    this.fileColumns = target.fileColumns().clone();
    int n = target.types().size();
    this.filled = new boolean[n];
    for (int c : fileColumns) {
      filled[c] = true;
    }
    this.kinds = new int[n];
    this.lengths = new int[n];
    this.scales = new int[n];
    this.precisions = new int[n];
    this.notNull = new boolean[n];
    boolean slowColumn = false;
    for (int c = 0; c < n; c++) {
      SqlType t = target.types().get(c);
      notNull[c] = target.notNull().get(c);
      kinds[c] = switch (t.kind()) {
        case SMALLINT, INTEGER, BIGINT -> K_INT;
        case DECIMAL -> K_DECIMAL;
        case DATE -> K_DATE;
        case VARCHAR -> K_STRING;
        case CHAR -> K_CHAR;
        case REAL, DOUBLE -> K_FLOAT;
        default -> K_SLOW;
      };
      if (filled[c] && kinds[c] == K_SLOW) {
        slowColumn = true;
      }
      lengths[c] = t.isString() ? t.length() : 0;
      scales[c] = t.kind() == SqlType.Kind.DECIMAL ? t.scale() : 0;
      precisions[c] = t.kind() == SqlType.Kind.DECIMAL ? t.precision() : 0;
    }
    this.anySlowColumn = slowColumn;
    this.fieldStart = new int[fileColumns.length + 1];
    this.fieldEnd = new int[fileColumns.length + 1];
    this.values = new Object[n];
    this.dataAddress = new long[n];
    this.validityAddress = new long[n];
  }

  @Override
  public ParseResult parse(LoadInput input, Consumer<VectorSchemaRoot> sink, List<LoadError> errors) {
    String file = input.name();
    long header = input.startsFile() ? options.ignoreHeader() : 0;
    long lineNo = 0;
    long loaded = 0;
    List<FieldVector> batch = newBatch();
    int rows = 0;
    byte[] buf = new byte[READ_BYTES];
    int have = 0;
    boolean eof = false;
    try (InputStream in = input.open(options.compression())) {
      while (!eof || have > 0) {
        if (!eof && have < buf.length) {
          int n = in.read(buf, have, buf.length - have);
          if (n < 0) {
            eof = true;
          } else {
            have += n;
          }
        }
        int pos = 0;
        while (true) {
          int nl = indexOf(buf, pos, have, (byte) '\n');
          int lineEnd;
          int next;
          if (nl >= 0) {
            lineEnd = nl;
            next = nl + 1;
          } else if (eof && pos < have) {
            lineEnd = have; // last line without a newline
            next = have;
          } else {
            break;
          }
          lineNo++;
          int end = lineEnd > pos && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
          int start = pos;
          pos = next;
          if (lineNo <= header || end == start) {
            continue;
          }
          if (!anySlowColumn && fastLine(buf, start, end, batch, rows)) {
            rows++;
            loaded++;
          } else {
            String line = decode(buf, start, lineEnd - start);
            if (line.endsWith("\r")) {
              line = line.substring(0, line.length() - 1);
            }
            LoadError error = slow.parseLine(file, lineNo, line, values);
            if (error != null) {
              errors.add(error);
              if (errors.size() > options.maxErrors()) {
                batch.forEach(FieldVector::close);
                return new ParseResult(lineNo, loaded, true);
              }
              continue;
            }
            for (int c = 0; c < values.length; c++) {
              Evaluators.writeConstant(batch.get(c), target.types().get(c), rows, values[c]);
            }
            rows++;
            loaded++;
          }
          if (rows == BATCH_ROWS) {
            sink.accept(finish(batch, rows));
            batch = newBatch();
            rows = 0;
          }
        }
        // keep the unfinished line; grow the buffer when one line fills it
        int rest = have - pos;
        if (pos == 0 && have == buf.length) {
          byte[] bigger = new byte[buf.length * 2];
          System.arraycopy(buf, 0, bigger, 0, have);
          buf = bigger;
        } else if (pos > 0) {
          System.arraycopy(buf, pos, buf, 0, rest);
          have = rest;
        }
      }
      if (rows > 0) {
        sink.accept(finish(batch, rows));
      } else {
        batch.forEach(FieldVector::close);
      }
    } catch (IOException e) {
      batch.forEach(FieldVector::close);
      throw input.compression(options.compression()).readFailed(file, e);
    } catch (RuntimeException e) {
      batch.forEach(FieldVector::close);
      throw e;
    }
    return new ParseResult(lineNo, loaded, false);
  }

  /** Decodes a line as the reader-based path does: invalid UTF-8 becomes {@link InvalidChars#MARK}. */
  private String decode(byte[] buf, int from, int len) {
    try {
      return decoder.reset().decode(java.nio.ByteBuffer.wrap(buf, from, len)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder does not throw", e);
    }
  }

  private static int indexOf(byte[] buf, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (buf[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** Parses one line into row {@code row}; false (row contents undefined) when the slow path must decide. */
  private boolean fastLine(byte[] buf, int start, int end, List<FieldVector> batch, int row) {
    int expected = fileColumns.length;
    int f = 0;
    int s = start;
    for (int i = start; i < end; i++) {
      byte b = buf[i];
      if (b == delimiter) {
        if (f >= expected) {
          return false;
        }
        fieldStart[f] = s;
        fieldEnd[f] = i;
        f++;
        s = i + 1;
      } else if (b == '\r') {
        return false; // a carriage return inside a line: let the reader-based path decide
      }
    }
    if (f >= expected) {
      return false;
    }
    fieldStart[f] = s;
    fieldEnd[f] = end;
    f++;
    if (f != expected) {
      return false;
    }
    for (int k = 0; k < expected; k++) {
      int c = fileColumns[k];
      if (!writeField(buf, fieldStart[k], fieldEnd[k], c, batch.get(c), row)) {
        return false;
      }
    }
    if (expected != kinds.length) {
      for (int c = 0; c < kinds.length; c++) {
        if (!filled[c]) {
          Evaluators.writeConstant(batch.get(c), target.types().get(c), row, target.fixed()[c]);
        }
      }
    }
    return true;
  }

  private boolean isNull(byte[] buf, int from, int to) {
    int len = to - from;
    if (len != nullAs.length) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (buf[from + i] != nullAs[i]) {
        return false;
      }
    }
    return true;
  }

  private boolean writeField(byte[] buf, int from, int to, int c, FieldVector v, int row) {
    if (isNull(buf, from, to)) {
      if (notNull[c]) {
        return false;
      }
      Vectors.setNull(v, row);
      return true;
    }
    if (dataAddress[c] == 0 && kinds[c] != K_STRING && kinds[c] != K_CHAR) {
      return false;
    }
    if (dataAddress[c] != 0) {
      long bit = validityAddress[c] + (row >> 3);
      MemoryUtil.putByte(bit, (byte) (MemoryUtil.getByte(bit) | (1 << (row & 7))));
    }
    switch (kinds[c]) {
      case K_INT -> {
        if (to - from == 0 || to - from > 18) {
          return false;
        }
        int i = from;
        boolean negative = false;
        if (buf[i] == '-' || buf[i] == '+') {
          negative = buf[i] == '-';
          i++;
          if (i == to) {
            return false;
          }
        }
        long value = 0;
        for (; i < to; i++) {
          int d = buf[i] - '0';
          if (d < 0 || d > 9) {
            return false;
          }
          value = value * 10 + d;
        }
        value = negative ? -value : value;
        long at = dataAddress[c];
        if (v instanceof BigIntVector) {
          MemoryUtil.putLong(at + (long) row * 8, value);
        } else if (v instanceof IntVector) {
          if (value != (int) value) {
            return false;
          }
          MemoryUtil.putInt(at + (long) row * 4, (int) value);
        } else if (v instanceof SmallIntVector) {
          if (value != (short) value) {
            return false;
          }
          MemoryUtil.putShort(at + (long) row * 2, (short) value);
        } else {
          return false;
        }
        return true;
      }
      case K_DECIMAL -> {
        int i = from;
        if (i == to) {
          return false;
        }
        boolean negative = false;
        if (buf[i] == '-' || buf[i] == '+') {
          negative = buf[i] == '-';
          i++;
        }
        long value = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < to; i++) {
          byte b = buf[i];
          if (b == '.' && fraction < 0) {
            fraction = 0;
            continue;
          }
          int d = b - '0';
          if (d < 0 || d > 9) {
            return false;
          }
          if (fraction >= 0) {
            fraction++;
          }
          value = value * 10 + d;
          if (++digits > 17) {
            return false;
          }
        }
        if (digits == 0) {
          return false;
        }
        int scale = scales[c];
        int have = Math.max(0, fraction);
        if (have > scale || digits + scale - have > 18) {
          return false; // rounding or a wide value: the slow path decides exactly as a cast does
        }
        for (int k = have; k < scale; k++) {
          value *= 10;
        }
        value = negative ? -value : value;
        if (!Decimals.fitsPrecision(value, precisions[c])) {
          return false;
        }
        MemoryUtil.putLong(dataAddress[c] + (long) row * 8, value);
        return true;
      }
      case K_DATE -> {
        if (to - from != 10 || buf[from + 4] != '-' || buf[from + 7] != '-') {
          return false;
        }
        int y = digits(buf, from, 4);
        int m = digits(buf, from + 5, 2);
        int d = digits(buf, from + 8, 2);
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
          return false;
        }
        MemoryUtil.putInt(dataAddress[c] + (long) row * 4, (int) epochDay(y, m, d));
        return true;
      }
      case K_STRING, K_CHAR -> {
        int len = to - from;
        if (len > lengths[c]) {
          return false;
        }
        if (len == 0 && (options.emptyAsNull() || options.blanksAsNull())) {
          return false;
        }
        boolean ascii = true;
        boolean blank = true;
        for (int i = from; i < to; i++) {
          byte b = buf[i];
          if (b < 0) {
            ascii = false;
          }
          if (b != ' ' && b != '\t') {
            blank = false;
          }
        }
        if (blank && len > 0 && options.blanksAsNull()) {
          return false;
        }
        if (kinds[c] == K_CHAR && len > 0 && (buf[to - 1] & 0xff) <= ' ') {
          return false; // CHAR drops trailing blanks
        }
        if (!ascii && !validUtf8(buf, from, to)) {
          return false;
        }
        ((VarCharVector) v).setSafe(row, buf, from, len);
        return true;
      }
      case K_FLOAT -> {
        if (to == from) {
          return false;
        }
        double d;
        try {
          d = Double.parseDouble(new String(buf, from, to - from, StandardCharsets.ISO_8859_1));
        } catch (NumberFormatException e) {
          return false;
        }
        if (v instanceof Float8Vector) {
          MemoryUtil.putLong(dataAddress[c] + (long) row * 8, Double.doubleToRawLongBits(d));
        } else {
          MemoryUtil.putInt(dataAddress[c] + (long) row * 4, Float.floatToRawIntBits((float) d));
        }
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private static int digits(byte[] buf, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      int d = buf[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static int daysInMonth(int y, int m) {
    return switch (m) {
      case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse). */
  static long epochDay(int y, int m, int d) {
    long yy = m <= 2 ? y - 1 : y;
    long era = Math.floorDiv(yy, 400);
    long yoe = yy - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  /** Strict UTF-8 (no overlongs, no surrogates, at most U+10FFFF). */
  static boolean validUtf8(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      int n;
      int min;
      if (c >= 0xc2 && c <= 0xdf) {
        n = 1;
        min = 0x80;
      } else if (c >= 0xe0 && c <= 0xef) {
        n = 2;
        min = 0x800;
      } else if (c >= 0xf0 && c <= 0xf4) {
        n = 3;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + n >= to) {
        return false; // truncated sequence
      }
      int cp = c & (0x3f >> n);
      for (int k = 1; k <= n; k++) {
        int cc = b[i + k] & 0xff;
        if ((cc & 0xc0) != 0x80) {
          return false;
        }
        cp = (cp << 6) | (cc & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return false;
      }
      i += n + 1;
    }
    return true;
  }

  private List<FieldVector> newBatch() {
    List<FieldVector> out = new ArrayList<>(kinds.length);
    for (int c = 0; c < kinds.length; c++) {
      SqlType t = target.types().get(c);
      FieldVector v = Vectors.allocate(target.names().get(c), t, BATCH_ROWS, allocator);
      out.add(v);
      // fixed-width vectors hold BATCH_ROWS values without growing: the fast path writes them in place
      if (v instanceof org.apache.arrow.vector.BaseFixedWidthVector fw && fw.getValueCapacity() >= BATCH_ROWS) {
        dataAddress[c] = fw.getDataBuffer().memoryAddress();
        validityAddress[c] = fw.getValidityBuffer().memoryAddress();
      } else {
        dataAddress[c] = 0;
      }
    }
    return out;
  }

  private VectorSchemaRoot finish(List<FieldVector> batch, int rows) {
    Vectors.setValueCount(batch, rows);
    return new VectorSchemaRoot(schema.getFields(), batch, rows);
  }
}
