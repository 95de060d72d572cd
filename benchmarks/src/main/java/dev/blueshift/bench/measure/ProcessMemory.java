package dev.blueshift.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Resident memory of processes from Linux's /proc: the harness JVM's own peak (VmHWM, which
 * Blueshift's local cluster shares because it runs in-process) and the proportional set size of
 * another process tree (PostgreSQL's postmaster and backends, whose shared buffers PSS counts once).
 */
public final class ProcessMemory {
  private ProcessMemory() {}

  /** This JVM's peak resident set (VmHWM), if /proc is there. */
  public static OptionalLong selfPeakBytes() {
    return statusField(Path.of("/proc/self/status"), "VmHWM:");
  }

  /** This JVM's current resident set (VmRSS), if /proc is there. */
  public static OptionalLong selfResidentBytes() {
    return statusField(Path.of("/proc/self/status"), "VmRSS:");
  }

  /**
   * Resets this process's peak resident set to its current one (writing 5 to clear_refs, Linux
   * 4.0+), so a phase's VmHWM is that phase's peak; false when the kernel refuses.
   */
  public static boolean resetSelfPeak() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** The summed PSS of {@code root} and all its descendants, or empty when unreadable. */
  public static OptionalLong treeProportionalBytes(long root) {
    long total = 0;
    boolean any = false;
    for (long pid : tree(root)) {
      OptionalLong pss = statusField(Path.of("/proc/" + pid + "/smaps_rollup"), "Pss:");
      if (pss.isPresent()) {
        total += pss.getAsLong();
        any = true;
      }
    }
    return any ? OptionalLong.of(total) : OptionalLong.empty();
  }

  static List<Long> tree(long root) {
    List<Long> all = new ArrayList<>();
    all.add(root);
    ProcessHandle.of(root).ifPresent(p -> p.descendants().forEach(d -> all.add(d.pid())));
    return all;
  }

  /** Reads a "Name:   123 kB" line of a /proc file, in bytes. */
  static OptionalLong statusField(Path file, String name) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(name)) {
          return OptionalLong.of(parseKilobytes(line.substring(name.length())));
        }
      }
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  static long parseKilobytes(String value) {
    String v = value.strip();
    if (v.endsWith("kB")) {
      v = v.substring(0, v.length() - 2).strip();
    }
    return Long.parseLong(v) * 1024;
  }
}
