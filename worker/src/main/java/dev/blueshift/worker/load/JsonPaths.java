package dev.blueshift.worker.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * COPY {@code JSON 'jsonpaths file'}: the file is {@code {"jsonpaths": ["$.a", "$['b']", "$.c[0]", …]}},
 * one path per field, in the order of the COPY's columns. A path is {@code $} followed by
 * {@code .name}, {@code ['name']} / {@code ["name"]} and {@code [index]} steps (Redshift's subset of
 * JSONPath: no wildcards or filters).
 */
public record JsonPaths(String file, List<List<Object>> paths) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Reads and checks a jsonpaths file (a local path or file:// URL); errors name the file and the path. */
  public static JsonPaths read(String location) {
    String local = location.startsWith("file://") ? location.substring("file://".length()) : location;
    if (local.contains("://")) {
      throw new BlueshiftException(SqlState.FEATURE_NOT_SUPPORTED, "COPY JSON: the jsonpaths file must be a local path or "
          + "file:// URL, not '" + location + "'");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readAllBytes(Path.of(local)));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new BlueshiftException(SqlState.IO_ERROR, "COPY JSON: jsonpaths file '" + location + "' does not exist", e);
    } catch (IOException e) {
      throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE, "COPY JSON: jsonpaths file '" + location
          + "' is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    JsonNode list = root == null ? null : root.get("jsonpaths");
    if (list == null || !list.isArray()) {
      throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE,
          "COPY JSON: jsonpaths file '" + location + "' needs a \"jsonpaths\" array");
    }
    List<List<Object>> paths = new ArrayList<>();
    for (JsonNode p : list) {
      paths.add(parsePath(p.asText(), location));
    }
    return new JsonPaths(location, List.copyOf(paths));
  }

  /** Steps of one path: String for a member, Integer for an array index. */
  static List<Object> parsePath(String path, String file) {
    List<Object> steps = new ArrayList<>();
    String p = path.strip();
    if (!p.startsWith("$")) {
      throw bad(path, file);
    }
    int i = 1;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        int j = i + 1;
        while (j < p.length() && p.charAt(j) != '.' && p.charAt(j) != '[') {
          j++;
        }
        if (j == i + 1) {
          throw bad(path, file);
        }
        steps.add(p.substring(i + 1, j));
        i = j;
      } else if (c == '[') {
        int close = p.indexOf(']', i);
        if (close < 0) {
          throw bad(path, file);
        }
        String inside = p.substring(i + 1, close).strip();
        if (inside.length() >= 2 && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')
            && inside.charAt(inside.length() - 1) == inside.charAt(0)) {
          steps.add(inside.substring(1, inside.length() - 1));
        } else {
          try {
            steps.add(Integer.parseInt(inside));
          } catch (NumberFormatException e) {
            throw bad(path, file);
          }
        }
        i = close + 1;
      } else {
        throw bad(path, file);
      }
    }
    return List.copyOf(steps);
  }

  private static BlueshiftException bad(String path, String file) {
    return new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE, "COPY JSON: jsonpaths file '" + file
        + "' has an unsupported path '" + path + "' (use $.name, $['name'] and [index] steps)");
  }

  public int size() {
    return paths.size();
  }

  /**
   * The fields of one JSON object, one per path: a scalar as its text, an object or array as its
   * JSON text, and null for JSON null or a path that finds nothing.
   */
  public List<String> fields(JsonNode object) {
    List<String> out = new ArrayList<>(paths.size());
    for (List<Object> steps : paths) {
      JsonNode n = object;
      for (Object step : steps) {
        if (n == null) {
          break;
        }
        n = step instanceof Integer index ? (n.isArray() ? n.get(index) : null) : n.get((String) step);
      }
      out.add(n == null || n.isNull() || n.isMissingNode() ? null : n.isValueNode() ? n.asText() : n.toString());
    }
    return out;
  }
}
