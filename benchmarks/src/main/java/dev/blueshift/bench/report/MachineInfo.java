package dev.blueshift.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The machine, JVM and source version a run measured, for the report's header. */
public record MachineInfo(String cpu, int cores, long memoryBytes, String os, String java, String commit,
    String loadAverage) {

  public static MachineInfo current() {
    return new MachineInfo(cpuModel(), Runtime.getRuntime().availableProcessors(), memTotal(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), gitCommit(),
        currentLoadAverage());
  }

  private static String cpuModel() {
    for (String line : lines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).strip();
      }
    }
    return "unknown CPU";
  }

  private static long memTotal() {
    for (String line : lines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    return 0;
  }

  private static String currentLoadAverage() {
    List<String> l = lines(Path.of("/proc/loadavg"));
    if (l.isEmpty()) {
      return "unknown";
    }
    String[] parts = l.get(0).split(" ");
    return parts[0] + " " + parts[1] + " " + parts[2];
  }

  private static String gitCommit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return out;
      }
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "unknown";
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }
}
