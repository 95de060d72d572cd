package dev.blueshift.worker.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * COPY {@code JSON 'auto'} and {@code 'auto ignorecase'}: each line is one JSON object whose keys
 * name the target columns. A key matching no column is ignored, a column with no key gets NULL.
 * Scalars become the text the column's type parses (numbers as written, booleans as true/false);
 * nested objects and arrays become their JSON text.
 */
final class JsonLineFields {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A line that is not a JSON object; the reason is for stl_load_errors. */
  static final class NotAnObject extends Exception {
    NotAnObject(String reason) {
      super(reason, null, false, false);
    }
  }

  private final Map<String, Integer> fieldOfKey = new HashMap<>();
  private final int fieldCount;
  private final boolean ignoreCase;

  /** With a jsonpaths file, its paths (one per column) pick the fields instead of the keys. */
  private final JsonPaths paths;

  /** {@code columns}: the names of the columns a line fills, in field order. */
  JsonLineFields(List<String> columns, boolean ignoreCase) {
    this(columns, ignoreCase, null);
  }

  JsonLineFields(List<String> columns, boolean ignoreCase, JsonPaths paths) {
    if (paths != null && paths.size() != columns.size()) {
      throw new dev.blueshift.error.BlueshiftException(dev.blueshift.error.SqlState.INVALID_PARAMETER_VALUE,
          "COPY JSON: jsonpaths file '" + paths.file() + "' has " + paths.size() + " paths but the COPY fills "
              + columns.size() + " columns");
    }
    this.paths = paths;
    this.ignoreCase = ignoreCase;
    this.fieldCount = columns.size();
    for (int i = 0; i < columns.size(); i++) {
      fieldOfKey.put(ignoreCase ? columns.get(i).toLowerCase(Locale.ROOT) : columns.get(i), i);
    }
  }

  /** The line's values in field order (null where the object has no key or a JSON null). */
  List<String> fields(String line) throws NotAnObject {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new NotAnObject("invalid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new NotAnObject("a JSON line must be an object, found " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    if (paths != null) {
      return paths.fields(node);
    }
    List<String> out = new ArrayList<>(fieldCount);
    for (int i = 0; i < fieldCount; i++) {
      out.add(null);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Integer field = fieldOfKey.get(ignoreCase ? e.getKey().toLowerCase(Locale.ROOT) : e.getKey());
      if (field == null) {
        continue;
      }
      JsonNode v = e.getValue();
      out.set(field, v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString());
    }
    return out;
  }
}
