package dev.blueshift.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The CPU samples of a JFR recording ({@code jdk.ExecutionSample}) counted three ways: by the
 * frame on top of the stack (where the time is spent, JDK and library code included), by the
 * first Blueshift frame from the top (which of our methods to change), and by thread group
 * (coordinator, worker fragments, gRPC, the JDBC client).
 */
public record JfrSummary(int samples, List<Entry> topFrames, List<Entry> topProjectFrames, List<Entry> threads) {
  /** A method (or thread group) and how many samples it got. */
  public record Entry(String name, int samples) {}

  private static final String PROJECT = "dev.blueshift.";

  /** Reads the recording; each list is cut to {@code limit} entries, most samples first. */
  public static JfrSummary read(Path recording, int limit) throws IOException {
    Map<String, Integer> top = new HashMap<>();
    Map<String, Integer> project = new HashMap<>();
    Map<String, Integer> threads = new HashMap<>();
    int samples = 0;
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent e = file.readEvent();
        if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
          continue;
        }
        RecordedStackTrace stack = e.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        samples++;
        List<RecordedFrame> frames = stack.getFrames();
        top.merge(name(frames.get(0)), 1, Integer::sum);
        for (RecordedFrame f : frames) {
          if (f.getMethod() != null && f.getMethod().getType().getName().startsWith(PROJECT)) {
            project.merge(name(f), 1, Integer::sum);
            break;
          }
        }
        RecordedThread thread = e.getThread("sampledThread");
        threads.merge(threadGroup(thread == null ? null : thread.getJavaName()), 1, Integer::sum);
      }
    }
    return new JfrSummary(samples, ranked(top, limit), ranked(project, limit), ranked(threads, limit));
  }

  /**
   * A thread's name without its trailing numbers: "worker0-fragment-53" becomes "worker0-fragment",
   * "avatica_qtp1780399359-33" becomes "avatica_qtp".
   */
  static String threadGroup(String name) {
    if (name == null || name.isBlank()) {
      return "(unnamed)";
    }
    String group = name.replaceAll("([-#_ ]?\\d+)+$", "");
    return group.isEmpty() ? name : group;
  }

  private static String name(RecordedFrame f) {
    if (f.getMethod() == null) {
      return "(unknown)";
    }
    String type = f.getMethod().getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName()
        + (type.startsWith(PROJECT) || type.lastIndexOf('.') < 0 ? "" : "  [" + type.substring(0, type.lastIndexOf('.')) + "]");
  }

  private static List<Entry> ranked(Map<String, Integer> counts, int limit) {
    List<Entry> entries = new ArrayList<>();
    counts.forEach((k, v) -> entries.add(new Entry(k, v)));
    entries.sort(Comparator.comparingInt(Entry::samples).reversed().thenComparing(Entry::name));
    return entries.size() > limit ? List.copyOf(entries.subList(0, limit)) : List.copyOf(entries);
  }

  /** The three tables as text, with each entry's share of all samples. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(samples).append(" CPU samples (jdk.ExecutionSample)\n");
    table(out, "by top frame", topFrames);
    table(out, "by first Blueshift frame from the top", topProjectFrames);
    table(out, "by thread", threads);
    return out.toString();
  }

  private void table(StringBuilder out, String title, List<Entry> entries) {
    out.append('\n').append(title).append(":\n");
    for (Entry e : entries) {
      out.append(String.format(Locale.ROOT, "  %5.1f%%  %6d  %s%n", samples == 0 ? 0 : 100.0 * e.samples() / samples,
          e.samples(), e.name()));
    }
  }
}
