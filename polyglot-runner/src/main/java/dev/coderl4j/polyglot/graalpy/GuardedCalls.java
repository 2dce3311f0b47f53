package dev.coderl4j.polyglot.graalpy;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * Calls into a guest under a deadline (the per-test limit of §3.3's unit tests, as APPS sets it): a
 * dedicated timer thread cancels the context past it, and every way a call can end without a value
 * (a deadline, a limit, an exit, a sandbox refusal) becomes a {@link Stopped} with the name CPython
 * would report. What cancellation cannot stop, the supervising runner kills with the whole worker
 * process.
 */
final class GuardedCalls implements AutoCloseable {
  /** The guest call ended without a value: a deadline, a limit, an exit or a sandbox error. */
  static final class Stopped extends Exception {
    private static final long serialVersionUID = 1L;
    final String reason;
    final boolean exit;

    Stopped(String reason, boolean exit) {
      super(reason, null, false, false);
      this.reason = reason;
      this.exit = exit;
    }
  }

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> GuestRuntime.daemon(r, "coderl-deadline"));
  private final Object lock = new Object();
  private long phase;
  private Guest phaseGuest;
  private String cancelReason;
  private volatile boolean recycle;

  /** Whether the worker should exit after the current job (memory ran out; its heap is suspect). */
  boolean recycle() {
    return recycle;
  }

  /** Stops {@code g}'s running call, if it is the one running, naming {@code reason}. */
  void cancel(Guest g, String reason) {
    Guest victim;
    synchronized (lock) {
      if (phaseGuest != g || cancelReason != null) {
        return;
      }
      cancelReason = reason;
      victim = g;
    }
    // close(true) can block for a long time; it must never hold up the timer thread.
    Thread t =
        new Thread(
            () -> {
              try {
                victim.ctx.close(true);
              } catch (RuntimeException ignored) {
                // The runner's hard deadline is the last line of defence if this fails.
              }
            },
            "coderl-cancel");
    t.setDaemon(true);
    t.start();
  }

  private void cancelPhase(long id, String reason) {
    Guest g;
    synchronized (lock) {
      if (phase != id) {
        return;
      }
      g = phaseGuest;
    }
    if (g != null) {
      cancel(g, reason);
    }
  }

  /**
   * The heap is still nearly full after a collection (see {@link MemoryWatch}): the call now
   * running is cancelled with a MemoryError and the worker leaves after its job.
   */
  void memoryTrouble() {
    recycle = true;
    Guest g;
    synchronized (lock) {
      g = phaseGuest;
    }
    if (g != null) {
      cancel(g, "MemoryError");
    }
  }

  /** Calls {@code fn} in {@code g} with {@code args}, stopped at {@code deadline} (nanoTime). */
  Value call(Guest g, long deadline, Value fn, Object... args) throws Stopped {
    long id;
    synchronized (lock) {
      id = ++phase;
      phaseGuest = g;
      cancelReason = null;
    }
    long delay = Math.max(1, deadline - System.nanoTime());
    ScheduledFuture<?> f =
        timer.schedule(() -> cancelPhase(id, "Timeout"), delay, TimeUnit.NANOSECONDS);
    Value v = null;
    PolyglotException failure = null;
    try {
      v = fn.execute(args);
    } catch (PolyglotException e) {
      failure = e;
    } catch (IllegalStateException e) {
      // The context was closed under us by a cancellation.
      failure = null;
      v = null;
    } finally {
      f.cancel(false);
    }
    String reason;
    synchronized (lock) {
      reason = cancelReason;
      phaseGuest = null;
      phase++;
    }
    if (reason != null) {
      throw new Stopped(reason, false);
    }
    if (failure != null) {
      throw stopped(failure);
    }
    if (v == null) {
      throw new Stopped("Timeout", false);
    }
    return v;
  }

  private Stopped stopped(PolyglotException failure) {
    if (failure.isExit()) {
      return new Stopped("SystemExit", true);
    }
    if (failure.isResourceExhausted()) {
      recycle = true;
      return new Stopped("MemoryError", false);
    }
    if (failure.isCancelled() || failure.isInterrupted()) {
      return new Stopped("Timeout", false);
    }
    if (failure.isGuestException()
        && failure.getGuestObject() != null
        && failure.getGuestObject().getMetaObject() != null) {
      return new Stopped(failure.getGuestObject().getMetaObject().getMetaSimpleName(), false);
    }
    // Sandbox refusals that Python code cannot catch (os.system, sockets): an internal error.
    return new Stopped("SandboxError", false);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
