package dev.coderl4j.core.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/** Draws pass@k against k (log scale), one line per group, with Java2D (headless). */
final class PassAtKPlot {
  private static final int W = 800;
  private static final int H = 500;
  private static final int LEFT = 70;
  private static final int RIGHT = 170;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;
  private static final List<Color> COLORS =
      List.of(
          new Color(0x1f77b4),
          new Color(0x2ca02c),
          new Color(0xff7f0e),
          new Color(0xd62728),
          new Color(0x9467bd),
          new Color(0x8c564b));

  private PassAtKPlot() {}

  static void write(Path file, String title, Map<String, Map<Integer, Double>> series)
      throws IOException {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    TreeSet<Integer> ks = new TreeSet<>();
    series.values().forEach(m -> ks.addAll(m.keySet()));
    int plotW = W - LEFT - RIGHT;
    int plotH = H - TOP - BOTTOM;
    double lo = ks.isEmpty() ? 0 : Math.log(ks.first());
    double hi = ks.isEmpty() ? 1 : Math.log(ks.last());
    double span = hi > lo ? hi - lo : 1;
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, LEFT, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawRect(LEFT, TOP, plotW, plotH);
    for (int i = 0; i <= 5; i++) {
      int y = TOP + plotH - i * plotH / 5;
      g.setColor(new Color(0xdddddd));
      g.drawLine(LEFT + 1, y, LEFT + plotW - 1, y);
      g.setColor(Color.BLACK);
      g.drawString(i * 20 + "%", LEFT - 40, y + 4);
    }
    for (int k : ks) {
      int x = xOf(k, lo, span, plotW, ks.size());
      g.drawLine(x, TOP + plotH, x, TOP + plotH + 5);
      g.drawString(String.valueOf(k), x - 8, TOP + plotH + 20);
    }
    g.drawString("k (log scale)", LEFT + plotW / 2 - 30, H - 15);
    g.drawString("pass@k", 8, TOP - 10);
    int idx = 0;
    for (var e : series.entrySet()) {
      Color c = COLORS.get(idx % COLORS.size());
      g.setColor(c);
      g.setStroke(new BasicStroke(e.getKey().equals("all") ? 3f : 2f));
      int px = -1;
      int py = -1;
      for (var p : e.getValue().entrySet()) {
        int x = xOf(p.getKey(), lo, span, plotW, ks.size());
        int y = TOP + plotH - (int) Math.round(p.getValue() * plotH);
        g.fillOval(x - 4, y - 4, 8, 8);
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        px = x;
        py = y;
      }
      int ly = TOP + 20 + idx * 20;
      g.drawLine(LEFT + plotW + 15, ly - 4, LEFT + plotW + 40, ly - 4);
      g.setColor(Color.BLACK);
      g.drawString(e.getKey(), LEFT + plotW + 48, ly);
      idx++;
    }
    g.dispose();
    if (!ImageIO.write(img, "png", file.toFile())) {
      throw new IOException("no PNG writer available");
    }
  }

  private static int xOf(int k, double lo, double span, int plotW, int count) {
    if (count <= 1) {
      return LEFT + plotW / 2;
    }
    return LEFT + 20 + (int) Math.round((Math.log(k) - lo) / span * (plotW - 40));
  }
}
