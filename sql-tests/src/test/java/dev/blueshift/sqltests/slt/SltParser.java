package dev.blueshift.sqltests.slt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the sqllogictest record grammar of {@code ../shared/sqllogictest/README.md}: SQLite's
 * records plus the DuckDB extensions its files use ({@code statement error} with a message,
 * {@code mode skip/unskip}, {@code require}). {@code loop}/{@code foreach} are refused: no shared
 * file uses them.
 */
final class SltParser {
  private static final String SEPARATOR = "----";

  private SltParser() {}

  static SltScript parse(Path file, String name) throws IOException {
    return parse(name, Files.readString(file, StandardCharsets.UTF_8));
  }

  static SltScript parse(String name, String text) {
    List<SltRecord> records = new ArrayList<>();
    for (Block block : blocks(text)) {
      records.add(record(name, block));
    }
    return new SltScript(name, List.copyOf(records));
  }

  /** A record's lines with the line number of the first one. */
  private record Block(int line, List<String> lines) {}

  /**
   * Splits on blank lines. Comment lines ({@code #} in the first column) are dropped before that,
   * as SQLite's runner does, so they neither start nor end a record.
   */
  private static List<Block> blocks(String text) {
    List<Block> blocks = new ArrayList<>();
    List<String> current = new ArrayList<>();
    int start = 0;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = stripCarriageReturn(lines[i]);
      if (line.startsWith("#")) {
        continue;
      }
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          blocks.add(new Block(start, current));
          current = new ArrayList<>();
        }
        continue;
      }
      if (current.isEmpty()) {
        start = i + 1;
      }
      current.add(line);
    }
    if (!current.isEmpty()) {
      blocks.add(new Block(start, current));
    }
    return blocks;
  }

  private static String stripCarriageReturn(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static SltRecord record(String file, Block block) {
    List<String> skipIf = new ArrayList<>();
    List<String> onlyIf = new ArrayList<>();
    int at = 0;
    for (; at < block.lines().size(); at++) {
      String[] words = words(block.lines().get(at));
      String kind = words[0].toLowerCase(Locale.ROOT);
      if (!kind.equals("skipif") && !kind.equals("onlyif")) {
        break;
      }
      if (words.length < 2) {
        throw new SltSyntaxException(file, block.line() + at, kind + " without an engine name");
      }
      // Only the first two words count: "skipif mysql # not compatible".
      (kind.equals("skipif") ? skipIf : onlyIf).add(words[1]);
    }
    if (at == block.lines().size()) {
      throw new SltSyntaxException(file, block.line(), "conditions without a record");
    }
    Conditions conditions = new Conditions(skipIf, onlyIf);
    int headerLine = block.line() + at;
    String[] header = words(block.lines().get(at));
    List<String> body = block.lines().subList(at + 1, block.lines().size());
    String kind = header[0].toLowerCase(Locale.ROOT);
    return switch (kind) {
      case "statement" -> statement(file, headerLine, block.line(), conditions, header, body);
      case "query" -> query(file, headerLine, block.line(), conditions, header, body);
      case "hash-threshold" -> new SltRecord.HashThreshold(block.line(), conditions,
          integer(file, headerLine, header));
      case "halt" -> new SltRecord.Halt(block.line(), conditions);
      case "mode" -> mode(file, headerLine, block.line(), conditions, header);
      case "require" -> new SltRecord.Require(block.line(), conditions, header.length > 1 ? header[1] : "");
      default -> throw new SltSyntaxException(file, headerLine, "unsupported record \"" + header[0] + "\"");
    };
  }

  private static SltRecord statement(String file, int headerLine, int line, Conditions conditions, String[] header,
      List<String> body) {
    if (header.length < 2 || !(header[1].equalsIgnoreCase("ok") || header[1].equalsIgnoreCase("error"))) {
      throw new SltSyntaxException(file, headerLine, "expected \"statement ok\" or \"statement error\"");
    }
    int separator = body.indexOf(SEPARATOR);
    List<String> sql = separator < 0 ? body : body.subList(0, separator);
    String message = separator < 0 ? "" : String.join("\n", body.subList(separator + 1, body.size()));
    if (sql.isEmpty()) {
      throw new SltSyntaxException(file, headerLine, "statement without SQL");
    }
    return new SltRecord.Statement(line, conditions, header[1].equalsIgnoreCase("error"), String.join("\n", sql),
        message);
  }

  private static SltRecord query(String file, int headerLine, int line, Conditions conditions, String[] header,
      List<String> body) {
    if (header.length < 2 || !header[1].chars().allMatch(c -> "ITR".indexOf(c) >= 0)) {
      throw new SltSyntaxException(file, headerLine, "query needs column type letters (I, T, R)");
    }
    SortMode sort = SortMode.NOSORT;
    String label = null;
    int next = 2;
    if (header.length > next && SortMode.parse(header[next]).isPresent()) {
      sort = SortMode.parse(header[next]).get();
      next++;
    }
    if (header.length > next) {
      label = header[next];
    }
    int separator = body.indexOf(SEPARATOR);
    List<String> sql = separator < 0 ? body : body.subList(0, separator);
    List<String> expected = separator < 0 ? List.of() : body.subList(separator + 1, body.size());
    if (sql.isEmpty()) {
      throw new SltSyntaxException(file, headerLine, "query without SQL");
    }
    return new SltRecord.Query(line, conditions, header[1], sort, label, String.join("\n", sql),
        List.copyOf(expected));
  }

  private static SltRecord mode(String file, int headerLine, int line, Conditions conditions, String[] header) {
    // Words after the second are a remark ("mode skip instable").
    if (header.length >= 2 && header[1].equalsIgnoreCase("skip")) {
      return new SltRecord.Mode(line, conditions, true);
    }
    if (header.length >= 2 && header[1].equalsIgnoreCase("unskip")) {
      return new SltRecord.Mode(line, conditions, false);
    }
    throw new SltSyntaxException(file, headerLine, "unsupported mode (only skip and unskip)");
  }

  private static int integer(String file, int headerLine, String[] header) {
    try {
      return Integer.parseInt(header[1]);
    } catch (RuntimeException e) {
      throw new SltSyntaxException(file, headerLine, header[0] + " needs a number");
    }
  }

  private static String[] words(String line) {
    return line.strip().split("\\s+");
  }
}
