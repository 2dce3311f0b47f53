package dev.coderl4j.polyglot.graalpy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * A lane's sandboxed contexts (the isolation §3.3's unit tests need between programs): the one in
 * hand, pristine spares prepared on a background thread, discards closed off the critical path, and
 * the cleanliness check that decides whether a context may run the next job.
 *
 * <p>A context is reused only while the harness's check says that no program has changed anything
 * the next program could see (modules, builtins, classes, interpreter state); otherwise it is
 * discarded and a spare takes its place. Modules that programs imported are learned and imported
 * ahead into the contexts prepared from then on.
 */
final class ContextPool implements AutoCloseable {
  /** Modules whose import has visible effects: never imported ahead of a program. */
  static final String SIDE_EFFECT_MODULES =
      "this,antigravity,__hello__,__phello__,idlelib,turtle,tkinter";

  private static final int MAX_LEARNED = 256;

  /**
   * After most jobs only the modules a program can name are checked (a few dicts; checking all of
   * them costs tens of milliseconds interpreted); every this many jobs, all of them are, as a
   * backstop for state reached in ways the import scan does not see.
   */
  private static final int FULL_CHECK_EVERY = 128;

  private final WorkerConfig cfg;
  private final Engine engine;
  private final Source harness;
  private final GuardedCalls calls;
  private final Set<String> learned;
  private final LinkedBlockingQueue<Object> spares = new LinkedBlockingQueue<>();
  private final Semaphore spareSlots;
  private final Thread preparer;
  private final ExecutorService closer =
      Executors.newSingleThreadExecutor(r -> GuestRuntime.daemon(r, "coderl-closer"));
  private volatile boolean closed;
  private Guest current;
  private int discarded;

  /**
   * Makes the first context here, so that a worker that reports READY can run a job now, and starts
   * preparing spares.
   *
   * @param learned modules programs imported, shared by the worker's lanes
   */
  ContextPool(WorkerConfig cfg, Engine engine, GuardedCalls calls, Set<String> learned) {
    this.cfg = cfg;
    this.engine = engine;
    this.calls = calls;
    this.learned = learned;
    try (InputStream in = ContextPool.class.getResourceAsStream("harness.py")) {
      this.harness =
          Source.newBuilder(
                  "python",
                  new String(in.readAllBytes(), StandardCharsets.UTF_8),
                  "coderl_harness.py")
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the GraalPy harness resource", e);
    }
    this.spareSlots = new Semaphore(spareCount(cfg.isolation()));
    this.current = prepare();
    this.preparer = new Thread(null, this::prepareLoop, "coderl-prepare", 64L << 20);
    this.preparer.setDaemon(true);
    this.preparer.start();
  }

  /** Spares kept ready: a fresh context per job needs one more in flight. */
  private static int spareCount(GraalPyParams.Isolation isolation) {
    return switch (isolation) {
      case VERIFIED -> 1;
      case FRESH -> 2;
    };
  }

  /** A context with the harness loaded and nothing of any program in it yet. */
  private Guest prepare() {
    Capture out = new Capture(cfg.maxOutputBytes());
    Context ctx =
        Context.newBuilder("python")
            .engine(engine)
            .allowAllAccess(false)
            .allowHostAccess(HostAccess.NONE)
            .allowHostClassLookup(name -> false)
            .allowHostClassLoading(false)
            .allowPolyglotAccess(PolyglotAccess.NONE)
            .allowIO(IOAccess.NONE)
            .allowCreateProcess(false)
            .allowCreateThread(false)
            .allowNativeAccess(false)
            .allowEnvironmentAccess(EnvironmentAccess.NONE)
            .allowInnerContextOptions(false)
            .in(InputStream.nullInputStream())
            .out(out)
            .err(new Capture(4096))
            .option("python.PosixModuleBackend", "java")
            .build();
    ctx.eval(harness);
    Value bindings = ctx.getBindings("python");
    Value factory = bindings.getMember("_coderl_harness");
    bindings.removeMember("_coderl_harness");
    Guest g = new Guest(ctx, out, factory.execute(SIDE_EFFECT_MODULES));
    out.onOverflow = () -> calls.cancel(g, "OutputLimitExceeded");
    // Modules that earlier programs imported are imported here, ahead, where it costs no job.
    g.begin.execute(String.join(",", learned));
    return g;
  }

  private void prepareLoop() {
    while (!closed) {
      try {
        spareSlots.acquire();
        if (closed) {
          return;
        }
        Object spare;
        try {
          spare = prepare();
        } catch (RuntimeException e) {
          spare = e;
        }
        spares.put(spare);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private Guest takeSpare() {
    try {
      Object o = spares.take();
      spareSlots.release();
      if (o instanceof RuntimeException e) {
        throw new IllegalStateException(
            "could not prepare a GraalPy context: " + e.getMessage(), e);
      }
      return (Guest) o;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a context", e);
    }
  }

  /** The context for the next program: the one kept clean, else a spare (waiting for one). */
  Guest acquire() {
    if (current != null) {
      Guest g = current;
      current = null;
      return g;
    }
    return takeSpare();
  }

  /** Closes {@code g} in the background; a spare takes its place. */
  void discard(Guest g) {
    discarded++;
    closer.execute(
        () -> {
          try {
            g.ctx.close(true);
          } catch (RuntimeException ignored) {
            // Already closed or cancelled: nothing left to release.
          }
        });
  }

  /**
   * Keeps the context for the next job if it checks clean, else discards it.
   *
   * @param taint the import scan says the program may change state the check cannot see
   * @param named the modules the program named, which the check looks at
   */
  void release(Guest g, boolean taint, String named, long deadline, List<String> details) {
    if (cfg.isolation() == GraalPyParams.Isolation.FRESH || taint) {
      if (taint) {
        details.add("the program may change shared state (import scan); context discarded");
      }
      discard(g);
      return;
    }
    try {
      long d =
          Math.max(
              deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(cfg.perTestMillis()));
      Value v = calls.call(g, d, g.end, named, FULL_CHECK_EVERY);
      boolean clean = v.getArrayElement(0).asBoolean();
      String fresh = v.getArrayElement(1).asString();
      learn(fresh);
      if (clean) {
        current = g;
      } else {
        details.add(
            "context changed by the program"
                + (fresh.isEmpty() ? "" : " (imported " + fresh + ")")
                + "; discarded");
        discard(g);
      }
    } catch (GuardedCalls.Stopped s) {
      discard(g);
    }
  }

  /**
   * Remembers modules that programs import, so that contexts prepared from now on import them ahead
   * (in the background) and the next program that needs them after a discard pays nothing.
   */
  void learn(String names) {
    if (!names.isEmpty()) {
      for (String m : names.split(",")) {
        if (learned.size() < MAX_LEARNED) {
          learned.add(m);
        }
      }
    }
  }

  int discarded() {
    return discarded;
  }

  Set<String> learned() {
    return new LinkedHashSet<>(learned);
  }

  @Override
  public void close() {
    closed = true;
    preparer.interrupt();
    if (current != null) {
      current.ctx.close(true);
    }
    for (Object o : spares) {
      if (o instanceof Guest g) {
        g.ctx.close(true);
      }
    }
    closer.shutdown();
  }
}
