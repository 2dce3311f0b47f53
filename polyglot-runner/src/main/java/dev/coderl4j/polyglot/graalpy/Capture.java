package dev.coderl4j.polyglot.graalpy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A guest's bounded in-memory stdout (the output limit of {@code docs/execution.md}); past the
 * limit it stops the program, which cannot catch that.
 */
final class Capture extends OutputStream {
  private final long max;
  private byte[] buf = new byte[1024];
  private int len;
  private boolean overflow;
  volatile Runnable onOverflow = () -> {};

  Capture(long max) {
    this.max = max;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int n) throws IOException {
    Runnable overflowed = null;
    synchronized (this) {
      if (overflow) {
        throw new IOException("output limit exceeded");
      }
      if ((long) len + n > max) {
        overflow = true;
        overflowed = onOverflow;
      } else {
        if (len + n > buf.length) {
          buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return;
      }
    }
    overflowed.run();
    throw new IOException("output limit exceeded");
  }

  synchronized void reset() {
    len = 0;
    overflow = false;
    if (buf.length > 1 << 16) {
      buf = new byte[1024];
    }
  }

  synchronized boolean overflowed() {
    return overflow;
  }

  synchronized String text() {
    return new String(buf, 0, len, StandardCharsets.UTF_8);
  }
}
