package dev.hotpath.examples.proof;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the proof's plots with JFreeChart, as PNG files next to the report: one latency
 * percentile curve per mode at each load level (every endpoint together), and p95 against the
 * offered load per mode.
 */
final class ProofPlots {

  private static final double[] PERCENTILES =
      {0, 25, 50, 75, 90, 95, 97, 99, 99.5, 99.9, 99.95, 99.99};
  private static final Color[] COLORS =
      {new Color(0xC0392B), new Color(0x2471A3), new Color(0x229954)};

  private ProofPlots() {}

  static List<String> files(ProofRun.Settings settings) {
    List<String> files = new ArrayList<>();
    for (int users : settings.users()) {
      files.add("latency-percentiles-" + users + "-users.png");
    }
    files.add("p95-vs-offered-load.png");
    return files;
  }

  static void write(ProofRun.Outcome outcome) throws IOException {
    System.setProperty("java.awt.headless", "true");
    ProofRun.Settings settings = outcome.settings();
    Path out = settings.out();
    for (int users : settings.users()) {
      XYSeriesCollection curves = new XYSeriesCollection();
      for (LevelResult level : outcome.levels()) {
        if (level.users() != users) {
          continue;
        }
        Histogram all = level.allLatencies();
        XYSeries curve = new XYSeries(level.mode().label());
        for (double p : PERCENTILES) {
          // x in "nines": 1 is p90, 2 is p99, 3 is p99.9, so the tail gets room.
          curve.add(-Math.log10(1 - p / 100), Math.max(0.01, ProofReport.millis(all, p)));
        }
        curves.addSeries(curve);
      }
      JFreeChart chart = chart("Latency by percentile, " + users + " users ("
          + ProofReport.fmt(settings.rate(users)) + " req/s offered), all endpoints",
          new NumberAxis("percentile: 0 = p0, 1 = p90, 2 = p99, 3 = p99.9, 4 = p99.99"), curves);
      ChartUtils.saveChartAsPNG(out.resolve("latency-percentiles-" + users + "-users.png")
          .toFile(), chart, 900, 520);
    }
    XYSeriesCollection p95s = new XYSeriesCollection();
    for (ProofMode mode : settings.modes()) {
      XYSeries series = new XYSeries(mode.label());
      for (LevelResult level : outcome.levels()) {
        if (level.mode() == mode) {
          series.add(level.offeredRate(), Math.max(0.01, ProofReport.millis(level.allLatencies(),
              95)));
        }
      }
      p95s.addSeries(series);
    }
    JFreeChart chart = chart("p95 latency against offered load, all endpoints",
        new NumberAxis("offered load, requests/s"), p95s);
    ValueMarker target = new ValueMarker(300, Color.GRAY, new BasicStroke(1.5f,
        BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {6, 4}, 0));
    target.setLabel("300 ms (listing target)");
    chart.getXYPlot().addRangeMarker(target);
    ChartUtils.saveChartAsPNG(out.resolve("p95-vs-offered-load.png").toFile(), chart, 900, 520);
  }

  private static JFreeChart chart(String title, NumberAxis x, XYSeriesCollection data) {
    LogAxis y = new LogAxis("latency, ms (log scale)");
    y.setSmallestValue(0.01);
    y.setNumberFormatOverride(new DecimalFormat("#,##0.#"));
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      lines.setSeriesPaint(i, COLORS[i % COLORS.length]);
      lines.setSeriesStroke(i, new BasicStroke(2f));
    }
    XYPlot plot = new XYPlot(data, x, y, lines);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }
}
