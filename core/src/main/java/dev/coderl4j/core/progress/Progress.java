package dev.coderl4j.core.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A progress line for long work: done/total, rate and ETA, redrawn at most every {@code
 * minIntervalMillis}.
 *
 * <p>On a terminal it redraws in place; otherwise (CI logs) it prints a new line each interval.
 * Thread-safe: workers call {@link #advance(long)} from any thread.
 */
public final class Progress implements AutoCloseable {
  private final String label;
  private final long total;
  private final PrintStream out;
  private final boolean inPlace;
  private final long minIntervalNanos;
  private final LongSupplier clock;
  private final long start;
  private final AtomicLong done = new AtomicLong();
  private long lastPrint;
  private long lastPrinted = -1;
  private boolean closed;

  public Progress(
      String label,
      long total,
      PrintStream out,
      boolean inPlace,
      long minIntervalMillis,
      LongSupplier nanoClock) {
    this.label = label;
    this.total = total;
    this.out = out;
    this.inPlace = inPlace;
    this.minIntervalNanos = minIntervalMillis * 1_000_000L;
    this.clock = nanoClock;
    this.start = nanoClock.getAsLong();
    this.lastPrint = start;
  }

  /** A progress line on stderr: in place on a console, every 5 s otherwise. */
  public static Progress stderr(String label, long total) {
    boolean console = System.console() != null;
    return new Progress(label, total, System.err, console, console ? 200 : 5000, System::nanoTime);
  }

  /** Records {@code n} more units done and redraws if the interval has passed. */
  public void advance(long n) {
    long d = done.addAndGet(n);
    long now = clock.getAsLong();
    synchronized (this) {
      if (!closed && (now - lastPrint >= minIntervalNanos || d == total)) {
        lastPrint = now;
        print(d, now, false);
      }
    }
  }

  public long done() {
    return done.get();
  }

  /** The current line, e.g. {@code exec 120/1466 (8.2%) 31.5/s ETA 0:42}. */
  public String line(long d, long now) {
    double secs = Math.max(1e-9, (now - start) / 1e9);
    double rate = d / secs;
    String eta =
        rate > 0 && total > 0 ? format(Duration.ofSeconds((long) ((total - d) / rate))) : "?";
    String pct = total > 0 ? String.format(Locale.ROOT, " (%.1f%%)", 100.0 * d / total) : "";
    // Slow stages (a problem every few seconds) read better per minute than as "0.1/s".
    String speed =
        rate >= 1 || rate == 0
            ? String.format(Locale.ROOT, "%.1f/s", rate)
            : String.format(Locale.ROOT, "%.1f/min", rate * 60);
    return String.format(
        Locale.ROOT,
        "%s  %d/%d%s  %s  elapsed %s  ETA %s",
        label,
        d,
        total,
        pct,
        speed,
        format(Duration.ofSeconds((long) secs)),
        eta);
  }

  private void print(long d, long now, boolean last) {
    if (last && d == lastPrinted && !inPlace) {
      return; // the final count is already on its own line
    }
    lastPrinted = d;
    String line = line(d, now);
    if (inPlace) {
      out.print("\r" + line + (last ? "\n" : ""));
    } else {
      out.println(line);
    }
    out.flush();
  }

  private static String format(Duration d) {
    long s = d.toSeconds();
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** Prints the final line. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      print(done.get(), clock.getAsLong(), true);
    }
  }
}
