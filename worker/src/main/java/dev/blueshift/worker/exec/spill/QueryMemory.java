package dev.blueshift.worker.exec.spill;

import dev.blueshift.error.BlueshiftException;
import dev.blueshift.error.SqlState;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;

/**
 * The rules of per-query memory in one place: how a limit is written ({@code 64MB}), the default
 * limit of a node, when a spilling operator must spill, how spill partitions are chosen, and the
 * 53200 error a query gets when it cannot fit.
 */
public final class QueryMemory {
  /** Setting (session) and system property (node default) naming the per-query limit. */
  public static final String SETTING = "query_memory_limit";
  public static final String PROPERTY = "blueshift.query_memory_limit";
  /** Spill fan-out: partitions per level of hash partitioning. */
  public static final int PARTITIONS = 16;
  /** Levels of repartitioning (each with another hash seed) before a query gives up. */
  public static final int MAX_LEVEL = 4;

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|k|mb|m|gb|g|tb|t)?");

  private QueryMemory() {}

  /** Bytes of a size such as {@code 64MB}, {@code 512kB}, {@code 1048576}; 0 (or -1) means no limit. */
  public static long parseSize(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.isEmpty() || t.equals("0") || t.equals("-1") || t.equals("unlimited") || t.equals("default")) {
      return 0;
    }
    Matcher m = SIZE.matcher(t);
    if (!m.matches()) {
      throw new BlueshiftException(SqlState.INVALID_PARAMETER_VALUE,
          "invalid value for parameter \"" + SETTING + "\": \"" + text + "\" (expected a size such as 64MB)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    int shift = switch (unit.charAt(0)) {
      case 'k' -> 10;
      case 'm' -> 20;
      case 'g' -> 30;
      case 't' -> 40;
      default -> 0;
    };
    return n << shift;
  }

  /** The node's default per-query limit (system property {@value #PROPERTY}), 0 for none. */
  public static long defaultLimit() {
    return parseSize(System.getProperty(PROPERTY, "0"));
  }

  /** The smallest limit on the allocator or any parent: the query's limit. */
  public static long limit(BufferAllocator allocator) {
    long limit = Long.MAX_VALUE;
    for (BufferAllocator a = allocator; a != null; a = a.getParentAllocator()) {
      limit = Math.min(limit, a.getLimit());
    }
    return limit;
  }

  /**
   * Memory spilling operators leave free: for spilling itself (partition writers, the batch in
   * flight) and for the operators that cannot spill (scans, projections, exchanges, windows),
   * which share the query's limit with them. Half the limit, at most 256 MB.
   */
  public static long spillReserve(BufferAllocator allocator) {
    return Math.min(256L << 20, limit(allocator) / 2);
  }

  /** Whether {@code bytes} more can be allocated while leaving the spill reserve free. */
  public static boolean fits(BufferAllocator allocator, long bytes) {
    return allocator.getHeadroom() >= bytes + spillReserve(allocator);
  }

  /**
   * The spill partition of a row hash at a level. Rows reaching one operator instance share
   * their slice hash bits (a HASH exchange routed them), so the hash is re-mixed with a seed per
   * level before its top bits are taken.
   */
  public static int partition(int hash, int level) {
    int h = hash + 0x9E3779B9 * (level + 1);
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h >>> (32 - Integer.numberOfTrailingZeros(PARTITIONS));
  }

  /** The 53200 error of a query that cannot fit even after spilling. */
  public static BlueshiftException exceeded(String operator, BufferAllocator allocator) {
    long limit = limit(allocator);
    String size = limit == Long.MAX_VALUE ? "the memory available" : mb(limit) + " MB of memory";
    return new BlueshiftException(SqlState.OUT_OF_MEMORY, "query needs more than " + size + " in operator "
        + operator + "; raise " + SETTING);
  }

  /** The user-facing error for an allocation the query's allocator refused. */
  public static BlueshiftException fromArrow(OutOfMemoryException e, BufferAllocator allocator) {
    BlueshiftException error = exceeded(operatorOf(e), allocator);
    error.addSuppressed(e);
    return error;
  }

  /** The user-facing error when the JVM heap itself ran out. */
  public static BlueshiftException fromHeap(OutOfMemoryError e, BufferAllocator allocator) {
    BlueshiftException error = new BlueshiftException(SqlState.OUT_OF_MEMORY,
        "query ran out of memory in operator " + operatorOf(e) + " (JVM heap); lower " + SETTING
            + " so operators spill, or give the node more heap");
    error.addSuppressed(e);
    return error;
  }

  /** The operator that was allocating: the innermost operator class on the failing stack. */
  private static String operatorOf(Throwable e) {
    for (StackTraceElement f : e.getStackTrace()) {
      String c = f.getClassName();
      if (c.startsWith("dev.blueshift.") && c.endsWith("Operator")) {
        String simple = c.substring(c.lastIndexOf('.') + 1);
        return simple.substring(0, simple.length() - "Operator".length());
      }
    }
    return "(unknown)";
  }

  private static String mb(long bytes) {
    double mb = bytes / (1024.0 * 1024.0);
    return mb == Math.rint(mb) ? String.valueOf((long) mb) : String.format(Locale.ROOT, "%.1f", mb);
  }
}
