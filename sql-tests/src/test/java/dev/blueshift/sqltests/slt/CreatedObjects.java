package dev.blueshift.sqltests.slt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables, views, schemas and sequences a file created, so the runner can drop them before the
 * next file (files reuse names like {@code t1} and assume an empty database; there is no CREATE
 * SCHEMA to isolate them yet).
 */
final class CreatedObjects {
  private static final String NAME_PART = "(?:\"[^\"]+\"|[^\\s(.\"]+)";
  private static final Pattern CREATE = Pattern.compile(
      "^\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:TEMP\\s+|TEMPORARY\\s+)?(TABLE|VIEW|SCHEMA|SEQUENCE)\\s+"
          + "(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + NAME_PART + "(?:\\." + NAME_PART + ")*)",
      Pattern.CASE_INSENSITIVE);

  /** Latest kind per name, in creation order. */
  private final Map<String, String> kinds = new LinkedHashMap<>();

  /** Notes what a statement that succeeded created, if anything. */
  void noteSucceeded(String sql) {
    Matcher m = CREATE.matcher(sql);
    if (m.find()) {
      String name = m.group(2);
      kinds.remove(name);
      kinds.put(name, m.group(1).toUpperCase(Locale.ROOT));
    }
  }

  /** DROP statements for everything noted, newest first (views before the tables under them). */
  List<String> dropStatements() {
    List<String> drops = new ArrayList<>();
    kinds.forEach((name, kind) -> drops.add(0,
        "DROP " + kind + " IF EXISTS " + name + (kind.equals("SCHEMA") ? " CASCADE" : "")));
    return drops;
  }
}
