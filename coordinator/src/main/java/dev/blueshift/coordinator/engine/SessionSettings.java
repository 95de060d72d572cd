package dev.blueshift.coordinator.engine;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A session's configuration parameters ({@code SET name = value}, {@code SHOW name},
 * {@code RESET}), with PostgreSQL's behaviour: names are case-insensitive, an unknown name is an
 * error (42704) unless it is a dotted custom name, and read-only parameters refuse SET (55P02 is
 * reported as 22023 here).
 */
final class SessionSettings {
  private static final Pattern TIMEOUT = Pattern.compile("(\\d+)\\s*(ms|s|min|h|d)?");

  /** Known parameters and their defaults, in SHOW ALL order. */
  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();
  private static final List<String> READ_ONLY = List.of("server_version", "server_encoding", "is_superuser");

  static {
    DEFAULTS.put("application_name", "");
    DEFAULTS.put("analyze_threshold_percent", "10");
    DEFAULTS.put("client_encoding", "UTF8");
    DEFAULTS.put("client_min_messages", "notice");
    DEFAULTS.put("datestyle", "ISO, MDY");
    DEFAULTS.put("describe_field_name_in_uppercase", "off");
    DEFAULTS.put("enable_case_sensitive_identifier", "off");
    DEFAULTS.put("enable_result_cache_for_session", "on");
    DEFAULTS.put("extra_float_digits", "0");
    DEFAULTS.put("intervalstyle", "postgres");
    DEFAULTS.put("is_superuser", "on");
    DEFAULTS.put("max_concurrency_scaling_clusters", "1");
    DEFAULTS.put("query_group", "default");
    // per-query memory on each node (e.g. 64MB); 0 means the node's default (-Dblueshift.query_memory_limit)
    DEFAULTS.put(dev.blueshift.worker.exec.spill.QueryMemory.SETTING, "0");
    DEFAULTS.put("search_path", "$user, public");
    DEFAULTS.put("server_encoding", "UTF8");
    DEFAULTS.put("server_version", "8.0.2");
    DEFAULTS.put("standard_conforming_strings", "on");
    DEFAULTS.put("statement_timeout", "0");
    DEFAULTS.put("timezone", "UTC");
    DEFAULTS.put("transaction_isolation", "serializable");
    DEFAULTS.put("wlm_query_slot_count", "1");
  }

  private final Map<String, String> values = new TreeMap<>();

  /** {@code SET name = value}; {@code value} null means the default (SET name TO DEFAULT). */
  void set(String name, String value) {
    String key = known(name);
    if (READ_ONLY.contains(key)) {
      throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE, "parameter \"" + key + "\" cannot be changed");
    }
    if (value == null) {
      values.remove(key);
      return;
    }
    if (key.equals("statement_timeout") && !TIMEOUT.matcher(value.trim().toLowerCase(Locale.ROOT)).matches()) {
      throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE,
          "invalid value for parameter \"statement_timeout\": \"" + value + "\"");
    }
    if (key.equals(dev.blueshift.worker.exec.spill.QueryMemory.SETTING)) {
      dev.blueshift.worker.exec.spill.QueryMemory.parseSize(value); // refuses what it cannot read (22023)
    }
    values.put(key, value);
  }

  /** {@code RESET name}, or every parameter for {@code RESET ALL}. */
  void reset(String name) {
    if (name.equalsIgnoreCase("all")) {
      values.clear();
    } else {
      values.remove(known(name));
    }
  }

  /** The current value of a parameter. */
  String show(String name) {
    String key = known(name);
    return values.getOrDefault(key, DEFAULTS.getOrDefault(key, ""));
  }

  /** Every parameter with its current value, sorted by name. */
  Map<String, String> all() {
    Map<String, String> out = new TreeMap<>(DEFAULTS);
    out.putAll(values);
    return out;
  }

  private String known(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    if (DEFAULTS.containsKey(key) || key.contains(".") && values.containsKey(key)) {
      return key;
    }
    if (key.contains(".")) {
      return key; // PostgreSQL's custom "prefix.name" parameters
    }
    throw new BlueshiftException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
  }
}
