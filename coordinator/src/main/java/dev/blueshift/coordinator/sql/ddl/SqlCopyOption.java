package dev.blueshift.coordinator.sql.ddl;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * One option of {@code COPY} or {@code UNLOAD}: a canonical upper-case name and a value, null for
 * flags such as {@code GZIP} or {@code EMPTYASNULL}.
 *
 * <p>Values: a character literal for text ({@code DELIMITER AS '|'}, {@code NULL AS '\N'},
 * {@code DATEFORMAT 'auto'}), a numeric literal for numbers ({@code IGNOREHEADER 1},
 * {@code MAXERROR AS 10}), a boolean literal for {@code COMPUPDATE/STATUPDATE/PARALLEL ON|OFF|TRUE|
 * FALSE} (a character literal {@code 'PRESET'} for {@code COMPUPDATE PRESET}), and an upper-case
 * character literal for word values ({@code FORMAT AS CSV} gives FORMAT 'CSV', {@code ENCODING
 * UTF8} gives ENCODING 'UTF8'). {@code FORMAT AS JSON 'auto'} gives two options, FORMAT 'JSON' and
 * JSON 'auto', so a reader of JSON's argument finds it under the same name whether or not
 * {@code FORMAT AS} was written.
 */
public record SqlCopyOption(String name, SqlNode value) {

  /** The statement whose option set applies. */
  public enum Command { COPY, UNLOAD }

  private enum Arity { FLAG, OPTIONAL, REQUIRED, SWITCH, WORD }

  private record Spec(Arity arity, Set<String> words) {}

  private static final Set<String> SWITCH_WORDS = Set.of("ON", "OFF", "TRUE", "FALSE");
  private static final Set<String> FORMATS = Set.of("CSV", "JSON", "PARQUET", "AVRO", "ORC", "SHAPEFILE");
  private static final Set<String> FORMATS_WITH_ARGUMENT = Set.of("JSON", "AVRO");

  private static final Map<String, Spec> COPY_OPTIONS = new HashMap<>();
  private static final Map<String, Spec> UNLOAD_OPTIONS = new HashMap<>();

  static {
    for (String flag : List.of("CSV", "EMPTYASNULL", "BLANKSASNULL", "TRUNCATECOLUMNS", "ACCEPTANYDATE",
        "FILLRECORD", "TRIMBLANKS", "REMOVEQUOTES", "ESCAPE", "NOLOAD", "GZIP", "ZSTD", "BZIP2", "LZOP",
        "MANIFEST", "PARQUET", "ORC", "ENCRYPTED", "IGNOREBLANKLINES", "ROUNDEC", "EXPLICIT_IDS", "SSH")) {
      COPY_OPTIONS.put(flag, new Spec(Arity.FLAG, null));
    }
    for (String required : List.of("DELIMITER", "QUOTE", "IGNOREHEADER", "NULL", "DATEFORMAT", "TIMEFORMAT",
        "MAXERROR", "REGION", "CREDENTIALS", "ACCESS_KEY_ID", "SECRET_ACCESS_KEY", "SESSION_TOKEN",
        "FIXEDWIDTH", "READRATIO", "COMPROWS", "MASTER_SYMMETRIC_KEY")) {
      COPY_OPTIONS.put(required, new Spec(Arity.REQUIRED, null));
    }
    for (String optional : List.of("ACCEPTINVCHARS", "JSON", "AVRO", "SHAPEFILE")) {
      COPY_OPTIONS.put(optional, new Spec(Arity.OPTIONAL, null));
    }
    COPY_OPTIONS.put("COMPUPDATE", new Spec(Arity.SWITCH, Set.of("ON", "OFF", "TRUE", "FALSE", "PRESET")));
    COPY_OPTIONS.put("STATUPDATE", new Spec(Arity.SWITCH, SWITCH_WORDS));
    COPY_OPTIONS.put("FORMAT", new Spec(Arity.WORD, FORMATS));
    COPY_OPTIONS.put("ENCODING", new Spec(Arity.WORD, Set.of("UTF8", "UTF16", "UTF16LE", "UTF16BE")));
    COPY_OPTIONS.put("IAM_ROLE", new Spec(Arity.WORD, Set.of("DEFAULT")));

    for (String flag : List.of("HEADER", "ENCRYPTED", "BZIP2", "GZIP", "ZSTD", "ADDQUOTES", "ESCAPE",
        "ALLOWOVERWRITE", "CLEANPATH", "CSV", "PARQUET", "JSON")) {
      UNLOAD_OPTIONS.put(flag, new Spec(Arity.FLAG, null));
    }
    for (String required : List.of("DELIMITER", "FIXEDWIDTH", "NULL", "REGION", "CREDENTIALS",
        "KMS_KEY_ID", "EXTENSION", "MAXFILESIZE", "ROWGROUPSIZE", "ACCESS_KEY_ID", "SECRET_ACCESS_KEY",
        "SESSION_TOKEN")) {
      UNLOAD_OPTIONS.put(required, new Spec(Arity.REQUIRED, null));
    }
    UNLOAD_OPTIONS.put("MANIFEST", new Spec(Arity.SWITCH, Set.of("VERBOSE")));
    UNLOAD_OPTIONS.put("PARALLEL", new Spec(Arity.SWITCH, SWITCH_WORDS));
    UNLOAD_OPTIONS.put("FORMAT", new Spec(Arity.WORD, FORMATS));
    UNLOAD_OPTIONS.put("IAM_ROLE", new Spec(Arity.WORD, Set.of("DEFAULT")));
  }

  /** The value as text (character literal, number or word), or null for a flag. */
  public String stringValue() {
    if (value == null) {
      return null;
    }
    if (value instanceof SqlCharStringLiteral s) {
      return s.getValueAs(String.class);
    }
    if (value instanceof SqlLiteral l) {
      return l.toValue();
    }
    return value.toString();
  }

  /** The value as an integer; a syntax error naming the option when it is not a whole number. */
  public long longValue() {
    if (value instanceof SqlNumericLiteral n && n.isExact()) {
      return n.getValueAs(BigDecimal.class).longValueExact();
    }
    throw SqlErrors.syntax(value == null ? null : value.getParserPosition(),
        "option " + name + " needs an integer, got " + (value == null ? "nothing" : value.toString()));
  }

  /** For switches (COMPUPDATE, STATUPDATE, PARALLEL): true unless the value is OFF/FALSE. */
  public boolean booleanValue() {
    if (value instanceof SqlLiteral l && l.getValue() instanceof Boolean b) {
      return b;
    }
    return true;
  }

  void unparse(SqlWriter writer, SqlCopyOption next) {
    if (name.equals("FORMAT")) {
      writer.keyword("FORMAT AS");
      String format = stringValue();
      writer.keyword(format);
      if (next != null && next.name.equals(format) && next.value != null) {
        next.value.unparse(writer, 0, 0);
      }
      return;
    }
    writer.keyword(name);
    if (value == null) {
      return;
    }
    if (value instanceof SqlLiteral l && l.getValue() instanceof Boolean b) {
      writer.keyword(b ? "ON" : "OFF");
      return;
    }
    if (name.equals("NULL") || name.equals("DELIMITER") || name.equals("QUOTE")) {
      writer.keyword("AS");
    }
    if (name.equals("ENCODING") || name.equals("IAM_ROLE") && stringValue().equals("DEFAULT")
        || name.equals("COMPUPDATE") || name.equals("MANIFEST")) {
      writer.keyword(stringValue());
    } else {
      value.unparse(writer, 0, 0);
    }
  }

  /** Unparses a list of options, merging {@code FORMAT AS JSON} with its {@code JSON 'arg'} twin. */
  static void unparseAll(SqlWriter writer, List<SqlCopyOption> options) {
    for (int i = 0; i < options.size(); i++) {
      SqlCopyOption o = options.get(i);
      SqlCopyOption next = i + 1 < options.size() ? options.get(i + 1) : null;
      o.unparse(writer, next);
      if (o.name.equals("FORMAT") && next != null && next.name.equals(o.stringValue())) {
        i++;
      }
    }
  }

  /**
   * Groups the words and literals after {@code COPY … FROM '…'} (or {@code UNLOAD … TO '…'}) into
   * options. The parser hands over a flat list because whether a word is the next option or the
   * value of the previous one depends on the option ({@code ENCODING UTF8} vs {@code GZIP
   * DELIMITER '|'}).
   *
   * @param items words as {@link SqlIdentifier}s (keywords such as NULL, AS, ON included) and
   *     literals, in text order
   */
  public static List<SqlCopyOption> fromItems(Command command, List<SqlNode> items) {
    Map<String, Spec> specs = command == Command.COPY ? COPY_OPTIONS : UNLOAD_OPTIONS;
    List<SqlCopyOption> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int i = 0;
    while (i < items.size()) {
      SqlNode item = items.get(i++);
      if (!(item instanceof SqlIdentifier id)) {
        throw SqlErrors.syntax(item.getParserPosition(),
            command + ": expected an option name, found " + item);
      }
      String name = word(id);
      if (name.equals("WITH") && out.isEmpty()) {
        continue;
      }
      Spec spec = specs.get(name);
      if (spec == null) {
        throw SqlErrors.syntax(item.getParserPosition(), command + ": unknown option " + name);
      }
      if (!seen.add(name)) {
        throw SqlErrors.syntax(item.getParserPosition(), command + ": option " + name + " given twice");
      }
      boolean as = false;
      if (i < items.size() && isWord(items.get(i), "AS") && spec.arity != Arity.FLAG) {
        as = true;
        i++;
      }
      SqlNode next = i < items.size() ? items.get(i) : null;
      SqlNode value = null;
      switch (spec.arity) {
        case FLAG -> {
          if (next instanceof SqlLiteral) {
            throw SqlErrors.syntax(next.getParserPosition(), command + ": option " + name + " takes no value");
          }
        }
        case OPTIONAL -> {
          if (next instanceof SqlLiteral) {
            value = next;
            i++;
          }
        }
        case REQUIRED -> {
          if (!(next instanceof SqlLiteral)) {
            throw SqlErrors.syntax(next == null ? item.getParserPosition() : next.getParserPosition(),
                command + ": option " + name + " needs a value");
          }
          value = next;
          i++;
          if ((name.equals("MAXFILESIZE") || name.equals("ROWGROUPSIZE")) && i < items.size()
              && (isWord(items.get(i), "MB") || isWord(items.get(i), "GB"))) {
            String unit = word((SqlIdentifier) items.get(i++));
            BigDecimal mb = ((SqlLiteral) value).getValueAs(BigDecimal.class)
                .multiply(BigDecimal.valueOf(unit.equals("GB") ? 1024 : 1));
            value = SqlLiteral.createExactNumeric(mb.toPlainString(), value.getParserPosition());
          }
        }
        case SWITCH -> {
          if (next instanceof SqlIdentifier w && spec.words.contains(word(w))) {
            String v = word(w);
            value = switch (v) {
              case "ON", "TRUE" -> SqlLiteral.createBoolean(true, w.getParserPosition());
              case "OFF", "FALSE" -> SqlLiteral.createBoolean(false, w.getParserPosition());
              default -> SqlLiteral.createCharString(v, w.getParserPosition());
            };
            i++;
          } else if (next instanceof SqlLiteral) {
            throw SqlErrors.syntax(next.getParserPosition(),
                command + ": option " + name + " takes one of " + spec.words);
          }
        }
        case WORD -> {
          if (next instanceof SqlIdentifier w && spec.words.contains(word(w))) {
            value = SqlLiteral.createCharString(word(w), w.getParserPosition());
            i++;
          } else if (next instanceof SqlCharStringLiteral && !name.equals("FORMAT")) {
            value = next;
            i++;
          } else {
            throw SqlErrors.syntax(next == null ? item.getParserPosition() : next.getParserPosition(),
                command + ": option " + name + " needs one of " + new java.util.TreeSet<>(spec.words)
                    + (name.equals("FORMAT") ? "" : " or a string"));
          }
        }
        default -> throw new AssertionError(spec.arity);
      }
      out.add(new SqlCopyOption(name, value));
      if (name.equals("FORMAT")) {
        String format = ((SqlLiteral) value).getValueAs(String.class);
        if (i < items.size() && items.get(i) instanceof SqlCharStringLiteral arg
            && FORMATS_WITH_ARGUMENT.contains(format)) {
          if (!seen.add(format)) {
            throw SqlErrors.syntax(arg.getParserPosition(), command + ": option " + format + " given twice");
          }
          out.add(new SqlCopyOption(format, arg));
          i++;
        }
      }
      if (as && value == null) {
        throw SqlErrors.syntax(item.getParserPosition(), command + ": option " + name + " takes no value");
      }
    }
    return List.copyOf(out);
  }

  private static String word(SqlIdentifier id) {
    return id.getSimple().toUpperCase(Locale.ROOT);
  }

  private static boolean isWord(SqlNode node, String word) {
    return node instanceof SqlIdentifier id && id.isSimple() && word(id).equals(word);
  }

  /** Used by the parser for keywords (NULL, AS, ON, DEFAULT, …) that appear among options. */
  public static SqlIdentifier keyword(String image, SqlParserPos pos) {
    return new SqlIdentifier(image.toUpperCase(Locale.ROOT), pos);
  }
}
