package dev.coderl4j.core.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Line charts as PNG with headless Java2D: training curves and reliability diagrams.
 *
 * <p>Deliberately small (no plotting dependency): axes with five ticks, one colour per series, a
 * legend. Series may have different x values.
 */
public final class LinePlot {
  private static final Color[] COLORS = {
    new Color(0x1f77b4),
    new Color(0xd62728),
    new Color(0x2ca02c),
    new Color(0xff7f0e),
    new Color(0x9467bd),
    new Color(0x8c564b)
  };

  private LinePlot() {}

  /** One named series of (x, y) points. */
  public record Series(String name, List<Double> x, List<Double> y) {
    public Series {
      x = List.copyOf(x);
      y = List.copyOf(y);
      if (x.size() != y.size()) {
        throw new IllegalArgumentException(
            "series " + name + ": " + x.size() + " x but " + y.size() + " y");
      }
    }
  }

  /** Draws {@code series} to {@code file} (PNG, 800x500). */
  public static void write(
      Path file, String title, String xLabel, String yLabel, List<Series> series) {
    System.setProperty("java.awt.headless", "true");
    int w = 800;
    int h = 500;
    int left = 80;
    int right = 20;
    int top = 40;
    int bottom = 60;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      double minX = Double.POSITIVE_INFINITY;
      double maxX = Double.NEGATIVE_INFINITY;
      double minY = Double.POSITIVE_INFINITY;
      double maxY = Double.NEGATIVE_INFINITY;
      for (Series s : series) {
        for (int i = 0; i < s.x().size(); i++) {
          double x = s.x().get(i);
          double y = s.y().get(i);
          if (Double.isFinite(x) && Double.isFinite(y)) {
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
          }
        }
      }
      if (!Double.isFinite(minX)) {
        minX = 0;
        maxX = 1;
        minY = 0;
        maxY = 1;
      }
      if (maxX == minX) {
        maxX = minX + 1;
      }
      if (maxY == minY) {
        maxY = minY + 1;
      }
      double padY = (maxY - minY) * 0.05;
      minY -= padY;
      maxY += padY;
      int pw = w - left - right;
      int ph = h - top - bottom;
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      g.drawString(title, left, 25);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.drawRect(left, top, pw, ph);
      for (int i = 0; i <= 4; i++) {
        double fx = minX + (maxX - minX) * i / 4;
        double fy = minY + (maxY - minY) * i / 4;
        int px = left + pw * i / 4;
        int py = top + ph - ph * i / 4;
        g.setColor(new Color(0xdddddd));
        g.drawLine(px, top, px, top + ph);
        g.drawLine(left, py, left + pw, py);
        g.setColor(Color.BLACK);
        g.drawString(fmt(fx), px - 15, top + ph + 18);
        g.drawString(fmt(fy), 5, py + 4);
      }
      g.drawString(xLabel, left + pw / 2 - 30, h - 15);
      g.drawString(yLabel, 5, top - 8);
      g.setStroke(new BasicStroke(2f));
      int legendY = top + 18;
      for (int si = 0; si < series.size(); si++) {
        Series s = series.get(si);
        g.setColor(COLORS[si % COLORS.length]);
        int prevX = -1;
        int prevY = -1;
        for (int i = 0; i < s.x().size(); i++) {
          double x = s.x().get(i);
          double y = s.y().get(i);
          if (!Double.isFinite(x) || !Double.isFinite(y)) {
            continue;
          }
          int px = left + (int) Math.round((x - minX) / (maxX - minX) * pw);
          int py = top + ph - (int) Math.round((y - minY) / (maxY - minY) * ph);
          if (prevX >= 0) {
            g.drawLine(prevX, prevY, px, py);
          }
          if (s.x().size() <= 30) {
            g.fillOval(px - 3, py - 3, 6, 6);
          }
          prevX = px;
          prevY = py;
        }
        g.drawLine(left + pw - 170, legendY - 4, left + pw - 150, legendY - 4);
        g.setColor(Color.BLACK);
        g.drawString(s.name(), left + pw - 145, legendY);
        legendY += 16;
      }
    } finally {
      g.dispose();
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      ImageIO.write(img, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write plot " + file, e);
    }
  }

  private static String fmt(double v) {
    double a = Math.abs(v);
    if (a != 0 && (a < 0.01 || a >= 100_000)) {
      return String.format(Locale.ROOT, "%.1e", v);
    }
    return String.format(Locale.ROOT, a >= 100 ? "%.0f" : "%.2f", v);
  }
}
