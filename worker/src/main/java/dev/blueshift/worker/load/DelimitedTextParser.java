package dev.blueshift.worker.load;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.Vectors;
import dev.blueshift.worker.exec.expr.Casts;
import dev.blueshift.worker.exec.expr.Evaluators;
import dev.blueshift.worker.types.ArrowSchemas;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Parses delimited text (Redshift's default pipe format, or CSV) straight into Arrow batches of
 * the target columns, converting each field to its column's type. Bad rows are recorded as
 * {@link LoadError}s; past MAXERROR the load fails naming the first bad row.
 */
public final class DelimitedTextParser implements FormatParser {
  private static final int BATCH_ROWS = 65_536;

  private final List<String> names;
  private final List<SqlType> types;
  private final List<Boolean> notNull;
  private final LoadOptions options;
  private final BufferAllocator allocator;
  private final Schema schema;
  /** For each field of a line, the column it fills; columns not listed take their {@link #fixed} value. */
  private final int[] fileColumns;
  private final Object[] fixed;
  private final JsonLineFields json;

  public DelimitedTextParser(List<String> names, List<SqlType> types, List<Boolean> notNull, LoadOptions options,
      BufferAllocator allocator) {
    this(names, types, notNull, options, allocator, java.util.stream.IntStream.range(0, types.size()).toArray(),
        new Object[types.size()]);
  }

  /**
   * A parser for {@code COPY t (c1, c3)}: line fields fill {@code fileColumns} in order; every other
   * column gets its value in {@code fixed} (its DEFAULT or null).
   */
  public DelimitedTextParser(List<String> names, List<SqlType> types, List<Boolean> notNull, LoadOptions options,
      BufferAllocator allocator, int[] fileColumns, Object[] fixed) {
    this.fileColumns = fileColumns.clone();
    this.fixed = fixed.clone();
    List<String> fileNames = new ArrayList<>();
    for (int c : fileColumns) {
      fileNames.add(names.get(c));
    }
    this.json = options.json() ? new JsonLineFields(fileNames, options.jsonIgnoreCase(), options.jsonPaths()) : null;
    this.names = names;
    this.types = types;
    this.notNull = notNull;
    this.options = options;
    this.allocator = allocator;
    this.schema = ArrowSchemas.schema(names, types);
  }

  /** A parser filling {@code target}'s columns. */
  public DelimitedTextParser(LoadTarget target, LoadOptions options, BufferAllocator allocator) {
    this(target.names(), target.types(), target.notNull(), options, allocator, target.fileColumns(), target.fixed());
  }

  public Schema schema() {
    return schema;
  }

  @Override
  public ParseResult parse(LoadInput input, Consumer<VectorSchemaRoot> sink, List<LoadError> errors) {
    long loaded = 0;
    long lineNo = 0;
    String file = input.name();
    int header = input.startsFile() ? options.ignoreHeader() : 0;
    try (InputStream in = input.open(options.compression());
        BufferedReader reader = new BufferedReader(InvalidChars.reader(in), 1 << 16)) {
      List<FieldVector> batch = newBatch();
      int rows = 0;
      String line;
      Object[] values = new Object[types.size()];
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (lineNo <= header || line.isEmpty()) {
          continue;
        }
        while (options.escape() && TextEscapes.continues(line)) { // ESCAPE: an escaped newline continues the record
          String more = reader.readLine();
          if (more == null) {
            break;
          }
          lineNo++;
          line = line + "\n" + more;
        }
        long recordStart = lineNo;
        boolean unterminated = false;
        while (options.csv() && TextEscapes.openQuote(line, options.quote())) { // CSV: a quoted field may hold newlines
          String more = reader.readLine();
          if (more == null) {
            unterminated = true;
            break;
          }
          lineNo++;
          line = line + "\n" + more;
        }
        LoadError error = unterminated
            ? new LoadError(file, recordStart, null, null, 0, line, null, 1214,
                "unterminated quoted field: no closing " + options.quote() + " before the end of the file")
            : parseLine(file, lineNo, line, values);
        if (error != null) {
          errors.add(error);
          if (errors.size() > options.maxErrors()) {
            batch.forEach(FieldVector::close);
            return new ParseResult(lineNo, loaded, true);
          }
          continue;
        }
        for (int c = 0; c < values.length; c++) {
          Evaluators.writeConstant(batch.get(c), types.get(c), rows, values[c]);
        }
        rows++;
        loaded++;
        if (rows == BATCH_ROWS) {
          sink.accept(finish(batch, rows));
          batch = newBatch();
          rows = 0;
        }
      }
      if (rows > 0) {
        sink.accept(finish(batch, rows));
      } else {
        batch.forEach(FieldVector::close);
      }
    } catch (IOException e) {
      throw input.compression(options.compression()).readFailed(file, e);
    }
    return new ParseResult(lineNo, loaded, false);
  }

  /** The error users see when a load has more rejected rows than MAXERROR allows. */
  public BlueshiftException loadFailed(List<LoadError> errors) {
    return loadFailed(errors, options.maxErrors());
  }

  /** The error users see when a load has more rejected rows than {@code maxErrors} allows: the first names file, line, column and value. */
  public static BlueshiftException loadFailed(List<LoadError> errors, long maxErrors) {
    LoadError first = errors.get(0);
    SqlState state = switch (first.code()) {
      case 1207 -> SqlState.INVALID_TEXT_REPRESENTATION;
      case 1204 -> SqlState.STRING_DATA_RIGHT_TRUNCATION;
      case 1205 -> SqlState.INVALID_DATETIME_FORMAT;
      case 1213 -> SqlState.NOT_NULL_VIOLATION;
      default -> SqlState.LOAD_ERROR;
    };
    String more = errors.size() > 1 ? " (" + errors.size() + " rows rejected, MAXERROR " + maxErrors + ")" : "";
    return new BlueshiftException(state, "COPY failed: " + first.message() + more);
  }

  private List<FieldVector> newBatch() {
    List<FieldVector> out = new ArrayList<>(types.size());
    for (int c = 0; c < types.size(); c++) {
      out.add(Vectors.allocate(names.get(c), types.get(c), BATCH_ROWS, allocator));
    }
    return out;
  }

  private VectorSchemaRoot finish(List<FieldVector> batch, int rows) {
    Vectors.setValueCount(batch, rows);
    return new VectorSchemaRoot(schema.getFields(), batch, rows);
  }

  /** Splits and converts one line into {@code values}; returns the error instead when it is bad. */
  LoadError parseLine(String file, long lineNo, String line, Object[] values) {
    List<String> fields;
    if (json != null) {
      try {
        fields = json.fields(line);
      } catch (JsonLineFields.NotAnObject e) {
        return new LoadError(file, lineNo, null, null, 0, line, null, 1224, e.getMessage());
      }
    } else {
      fields = options.fixedWidth() != null ? options.fixedWidth().split(line)
          : options.escape() ? TextEscapes.split(line, options.delimiter(), options.nullAs())
          : options.csv() ? splitCsv(line) : splitDelimited(line);
    }
    int expected = fileColumns.length;
    if (fields.size() != expected) {
      if (fields.size() < expected && options.fillRecord()) {
        while (fields.size() < expected) {
          fields.add(null);
        }
      } else {
        return new LoadError(file, lineNo, null, null, 0, line, null, 1214,
            "expected " + expected + " fields but found " + fields.size() + " (delimiter '" + options.delimiter() + "')");
      }
    }
    System.arraycopy(fixed, 0, values, 0, values.length);
    int position = 0;
    for (int f = 0; f < expected; f++) {
      int c = fileColumns[f];
      String field = fields.get(f);
      SqlType type = types.get(c);
      if (InvalidChars.has(field)) { // invalid UTF-8: replaced with ACCEPTINVCHARS, else the row is rejected
        if (options.acceptInvChars() == null) {
          return new LoadError(file, lineNo, names.get(c), type.redshiftName(), position, InvalidChars.shown(line),
              InvalidChars.shown(field), InvalidChars.ERR_CODE, "invalid UTF-8 byte sequence (use ACCEPTINVCHARS to replace it)");
        }
        field = InvalidChars.replace(field, options.acceptInvChars());
      }
      try {
        values[c] = convert(field, type);
      } catch (BlueshiftException e) {
        int code = switch (e.state()) {
          case STRING_DATA_RIGHT_TRUNCATION -> 1204;
          case INVALID_DATETIME_FORMAT -> 1205;
          default -> 1207;
        };
        return new LoadError(file, lineNo, names.get(c), type.redshiftName(), position, line, field, code, e.getMessage());
      }
      if (values[c] == null && notNull.get(c)) {
        return new LoadError(file, lineNo, names.get(c), type.redshiftName(), position, line, field, 1213,
            "missing data for not-null field");
      }
      position += (field == null ? 0 : field.length()) + 1;
    }
    return null;
  }

  private Object convert(String field, SqlType type) {
    if (field == null || (json == null && field.equals(options.nullAs()))) {
      return null;
    }
    if (options.trimBlanks() && type.kind() == SqlType.Kind.VARCHAR) {
      field = field.stripTrailing();
    }
    if (type.isString()) {
      if ((field.isEmpty() && options.emptyAsNull()) || (field.isBlank() && options.blanksAsNull())) {
        return null;
      }
      String value = type.kind() == SqlType.Kind.CHAR ? field.stripTrailing() : field;
      int bytes = value.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > type.length()) {
        if (!options.truncateColumns()) {
          throw new BlueshiftException(SqlState.STRING_DATA_RIGHT_TRUNCATION,
              "value too long for type " + type.redshiftName());
        }
        value = truncateUtf8(value, type.length());
      }
      return value;
    }
    if (field.isBlank()) {
      return null;
    }
    if (type.kind() == SqlType.Kind.DATE || type.kind() == SqlType.Kind.TIMESTAMP) {
      DateTimeFormat format = type.kind() == SqlType.Kind.DATE ? options.dateFormat() : options.timeFormat();
      try {
        return format != null ? format.parse(field, type) : Casts.parse(field, type);
      } catch (BlueshiftException e) {
        if (options.acceptAnyDate()) {
          return null; // ACCEPTANYDATE: a date that does not parse loads as NULL
        }
        throw e;
      }
    }
    return Casts.parse(field, type);
  }

  private static String truncateUtf8(String s, int maxBytes) {
    int bytes = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + len > maxBytes) {
        break;
      }
      bytes += len;
      i += Character.charCount(cp);
    }
    return s.substring(0, i);
  }

  private List<String> splitDelimited(String line) {
    if (options.removeQuotes()) {
      return splitRemovingQuotes(line);
    }
    List<String> out = new ArrayList<>(types.size() + 1);
    char d = options.delimiter();
    int start = 0;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == d) {
        out.add(line.substring(start, i));
        start = i + 1;
      }
    }
    out.add(line.substring(start));
    return out;
  }

  /** REMOVEQUOTES: double quotes around (parts of) a field are dropped, delimiters inside them kept. */
  private List<String> splitRemovingQuotes(String line) {
    List<String> out = new ArrayList<>(types.size() + 1);
    char d = options.delimiter();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == d && !quoted) {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    out.add(field.toString());
    return out;
  }

  private List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>(types.size() + 1);
    char d = options.delimiter();
    char q = options.quote();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == q) {
          if (i + 1 < line.length() && line.charAt(i + 1) == q) {
            field.append(q);
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(ch);
        }
      } else if (ch == q) {
        quoted = true;
        wasQuoted = true;
      } else if (ch == d) {
        out.add(field.length() == 0 && !wasQuoted ? "" : field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else {
        field.append(ch);
      }
    }
    out.add(field.toString());
    return out;
  }
}
