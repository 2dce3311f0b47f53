package dev.coderl4j.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final AtomicLong clock = new AtomicLong();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private Progress progress(long total) {
    return new Progress(
        "exec",
        total,
        new PrintStream(bytes, true, StandardCharsets.UTF_8),
        false,
        1000,
        clock::get);
  }

  @Test
  void lineShowsDoneTotalRateAndEta() {
    Progress p = progress(100);
    clock.set(10_000_000_000L); // 10 s
    assertEquals("exec  25/100 (25.0%)  2.5/s  elapsed 0:10  ETA 0:30", p.line(25, clock.get()));
  }

  @Test
  void slowRatesArePerMinute() {
    Progress p = progress(48);
    clock.set(60_000_000_000L);
    assertTrue(p.line(6, clock.get()).contains("6.0/min"), p.line(6, clock.get()));
  }

  @Test
  void printsAtIntervalsAndTheFinalCountOnce() {
    Progress p = progress(3);
    p.advance(1); // within the interval: nothing printed
    clock.addAndGet(2_000_000_000L);
    p.advance(1); // interval passed
    p.advance(1); // reaches total: printed
    p.close(); // already printed: not again
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(2, out.lines().count(), out);
    assertTrue(out.lines().toList().get(1).startsWith("exec  3/3"), out);
  }
}
