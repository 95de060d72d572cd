package dev.blueshift.bench.report;

import dev.blueshift.bench.measure.QueryOutcome;
import java.util.List;
import java.util.Locale;

/**
 * A grouped bar chart of per-query median times, one bar per engine, on a logarithmic axis (the
 * engines differ by orders of magnitude). Queries an engine did not finish get a short label at the
 * bar's place instead of a bar: "n/a" (unsupported or error), "T/O" (timeout), "skip" (not run: past
 * the run's time budget, or the engine gave up).
 */
public final class SvgBarChart {
  private static final String[] COLORS = {"#1f6fb4", "#f0a81a", "#4c9a4c", "#b04040"};
  private static final int BAR = 12;
  private static final int GAP = 14;
  private static final int LEFT = 70;
  private static final int TOP = 50;
  private static final int PLOT_HEIGHT = 300;

  private SvgBarChart() {}

  public static String render(TpchResult r) {
    List<EngineRun> engines = r.engines().stream().filter(e -> e.load() != null).toList();
    List<String> queries = r.queryNames();
    int group = engines.size() * BAR + GAP;
    int width = LEFT + Math.max(1, queries.size()) * group + 30;
    int height = TOP + PLOT_HEIGHT + 80;
    double[] range = decadeRange(r, engines);
    double low = range[0];
    double high = range[1];
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            + "font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
        LEFT, escape("TPC-H SF" + r.scaleLabel() + ": median time per query (ms, log scale; lower is better)")));
    for (int d = (int) low; d <= (int) high; d++) {
      double y = y(d, low, high);
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y, width - 20, y));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4,
          decadeLabel(d)));
    }
    for (int qi = 0; qi < queries.size(); qi++) {
      String q = queries.get(qi);
      int x0 = LEFT + qi * group + GAP / 2;
      for (int ei = 0; ei < engines.size(); ei++) {
        QueryOutcome o = engines.get(ei).query(q);
        int x = x0 + ei * BAR;
        if (o != null && o.ok()) {
          double ms = Math.max(o.medianMillis(), Math.pow(10, low));
          double y = y(Math.log10(ms), low, high);
          svg.append(String.format(Locale.ROOT,
              "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %s ms</title></rect>%n",
              x, y, BAR - 1, TOP + PLOT_HEIGHT - y, COLORS[ei % COLORS.length], engines.get(ei).name(), q,
              Cells.millis(o.medianMillis())));
        } else if (o != null) {
          String mark = switch (o.status()) {
            case TIMEOUT -> "T/O";
            case SKIPPED -> "skip";
            default -> "n/a";
          };
          svg.append(String.format(Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"%s\" transform=\"rotate(-90 %d %d)\">%s"
                  + "<title>%s %s: %s</title></text>%n",
              x + BAR - 3, TOP + PLOT_HEIGHT - 3, COLORS[ei % COLORS.length], x + BAR - 3, TOP + PLOT_HEIGHT - 3, mark,
              engines.get(ei).name(), q, escape(Cells.failureText(engines.get(ei).name(), o))));
        }
      }
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
          x0 + engines.size() * BAR / 2, TOP + PLOT_HEIGHT + 16, q));
    }
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
        LEFT, TOP + PLOT_HEIGHT, width - 20, TOP + PLOT_HEIGHT));
    int legendY = TOP + PLOT_HEIGHT + 44;
    int lx = LEFT;
    for (int ei = 0; ei < engines.size(); ei++) {
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", lx,
          legendY - 10, COLORS[ei % COLORS.length]));
      String label = engines.get(ei).name() + " " + engines.get(ei).version();
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", lx + 16, legendY, escape(label)));
      lx += 24 + label.length() * 7;
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">%s</text>%n", lx, legendY,
        escape("n/a = unsupported or failed, T/O = timeout (" + r.timeoutSeconds() + " s), skip = not run")));
    svg.append("</svg>\n");
    return svg.toString();
  }

  /** Whole decades (log10 of ms) that hold every finished median. */
  static double[] decadeRange(TpchResult r, List<EngineRun> engines) {
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (EngineRun e : engines) {
      for (String q : r.queryNames()) {
        QueryOutcome o = e.query(q);
        if (o != null && o.ok()) {
          double v = Math.log10(Math.max(o.medianMillis(), 0.01));
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (min > max) {
      return new double[] {0, 3};
    }
    double low = Math.floor(min);
    double high = Math.max(Math.ceil(max), low + 1);
    return new double[] {low, high};
  }

  private static double y(double log, double low, double high) {
    return TOP + PLOT_HEIGHT - (log - low) / (high - low) * PLOT_HEIGHT;
  }

  private static String decadeLabel(int decade) {
    double v = Math.pow(10, decade);
    return v >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
