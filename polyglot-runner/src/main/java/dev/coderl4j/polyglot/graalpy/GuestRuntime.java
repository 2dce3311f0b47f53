package dev.coderl4j.polyglot.graalpy;

import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.problem.TestSuite;
import dev.coderl4j.polyglot.ImportScan;
import dev.coderl4j.polyglot.PythonLiteral;
import dev.coderl4j.polyglot.StdoutMatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The GraalPy side of a worker process: one engine, pristine contexts prepared ahead, and the job
 * semantics of {@code docs/execution.md}.
 *
 * <p>A context is reused across jobs only while the harness's check says that no program has
 * changed anything the next program could see (modules, builtins, classes, interpreter state);
 * otherwise, and after any timeout, limit or sandbox error, it is discarded and a pristine spare,
 * prepared in the background, takes its place. Each program runs in a new module namespace.
 * Deadlines are enforced by cancelling the context from a dedicated timer thread; what that cannot
 * stop, the supervising runner kills with the whole process.
 */
final class GuestRuntime implements AutoCloseable {
  /** Modules whose import has visible effects: never imported ahead of a program. */
  static final String SIDE_EFFECT_MODULES = "this,antigravity,__hello__,__phello__,idlelib,turtle,tkinter";

  static final String JIT_MISSING =
      "GraalPy is running without the Graal JIT (Truffle reports an interpreted runtime), which is"
          + " 5-10x slower than CPython on loops and would turn correct programs into timeouts."
          + " Start the JVM with -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI"
          + " --upgrade-module-path=<dir> where <dir> holds org.graalvm.compiler:compiler,"
          + " org.graalvm.truffle:truffle-compiler, org.graalvm.sdk:collections and"
          + " org.graalvm.sdk:word (25.0.1); ./coderl and the Maven build do this with target/jvmci."
          + " Or choose compilation: interpreter explicitly.";

  private static final int MAX_LEARNED = 256;

  /**
   * After most jobs only the modules a program can name are checked (a few dicts; checking all
   * of them costs tens of milliseconds interpreted); every this many jobs, all of them are, as a
   * backstop for state reached in ways the import scan does not see.
   */
  private static final int FULL_CHECK_EVERY = 128;

  /** The phase marker sent when the imports ahead of a program are done. */
  static final String PREFETCHED = "\u0000prefetched";

  private final WorkerConfig cfg;
  private final Engine engine;
  private final Source harness;
  private final Set<String> learned;
  private final LinkedBlockingQueue<Object> spares = new LinkedBlockingQueue<>();
  private final Semaphore spareSlots;
  private final Thread preparer;
  private final ScheduledExecutorService timer;
  private final ExecutorService closer;
  private final Object lock = new Object();
  private long phase;
  private Guest phaseGuest;
  private String cancelReason;
  private volatile boolean recycle;
  private volatile boolean closed;
  private Guest current;
  private int discarded;
  /** Where the current job's time went (ms): wait for a context, compile, import, load, tests, check. */
  private final long[] spent = new long[6];
  private long runStart;

  /**
   * Builds the worker's one engine, shared by its lanes' runtimes (and so their compiled code);
   * refuses to run interpreted when the JIT was asked for.
   */
  static Engine engine(WorkerConfig cfg) {
    Engine.Builder b = Engine.newBuilder("python").allowExperimentalOptions(true)
        .option("engine.WarnInterpreterOnly", "false");
    cfg.engineOptions().forEach(b::option);
    Engine engine = build(b, cfg.jit());
    if (cfg.jit() && "Interpreted".equals(engine.getImplementationName())) {
      engine.close();
      throw new IllegalStateException(JIT_MISSING);
    }
    return engine;
  }

  /**
   * A lane's runtime on the worker's engine.
   *
   * @param learned modules programs imported, shared by the worker's lanes
   */
  GuestRuntime(WorkerConfig cfg, Engine engine, Set<String> learned) {
    this.cfg = cfg;
    this.engine = engine;
    this.learned = learned;
    try (InputStream in = GuestRuntime.class.getResourceAsStream("harness.py")) {
      this.harness = Source.newBuilder("python",
          new String(in.readAllBytes(), StandardCharsets.UTF_8), "coderl_harness.py").build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the GraalPy harness resource", e);
    }
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "coderl-deadline"));
    this.closer = Executors.newSingleThreadExecutor(r -> daemon(r, "coderl-closer"));
    this.spareSlots = new Semaphore(cfg.fresh() ? 2 : 1);
    // The first context is made here so that READY means "can run a job now".
    this.current = prepare();
    this.preparer = new Thread(null, this::prepareLoop, "coderl-prepare", 64L << 20);
    this.preparer.setDaemon(true);
    this.preparer.start();
  }

  /**
   * Builds the engine. Interpreted means either Truffle's fallback runtime (no JVMCI: the option
   * that turns compilation off does not exist there) or the optimizing runtime with compilation
   * off.
   */
  private static Engine build(Engine.Builder b, boolean jit) {
    if (jit) {
      return b.build();
    }
    Engine probe = b.build();
    if ("Interpreted".equals(probe.getImplementationName())) {
      return probe;
    }
    probe.close();
    return b.option("engine.Compilation", "false").build();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** The Truffle runtime's name: "Interpreted" without the JIT. */
  String implementation() {
    return engine.getImplementationName();
  }

  String pythonVersion() {
    return engine.getLanguages().get("python").getVersion();
  }

  /** Whether the worker should exit after the current job (memory ran out; its heap is suspect). */
  boolean recycle() {
    return recycle;
  }

  // ---- contexts ---------------------------------------------------------------------------

  /** A context with the harness loaded and nothing of any program in it yet. */
  private static final class Guest {
    final Context ctx;
    final Capture out;
    Value begin;
    Value newNamespace;
    Value compile;
    Value runCode;
    Value runStdin;
    Value runStatement;
    Value findFunction;
    Value runCall;
    Value end;

    Guest(Context ctx, Capture out) {
      this.ctx = ctx;
      this.out = out;
    }
  }

  private Guest prepare() {
    Capture out = new Capture(cfg.maxOutputBytes());
    Context ctx = Context.newBuilder("python").engine(engine)
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
    Guest g = new Guest(ctx, out);
    out.onOverflow = () -> cancelGuest(g, "OutputLimitExceeded");
    ctx.eval(harness);
    Value bindings = ctx.getBindings("python");
    Value factory = bindings.getMember("_coderl_harness");
    bindings.removeMember("_coderl_harness");
    Value fns = factory.execute(SIDE_EFFECT_MODULES);
    g.begin = fns.getArrayElement(0);
    g.newNamespace = fns.getArrayElement(1);
    g.compile = fns.getArrayElement(2);
    g.runCode = fns.getArrayElement(3);
    g.runStdin = fns.getArrayElement(4);
    g.runStatement = fns.getArrayElement(5);
    g.findFunction = fns.getArrayElement(6);
    g.runCall = fns.getArrayElement(7);
    g.end = fns.getArrayElement(8);
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
        throw new IllegalStateException("could not prepare a GraalPy context: " + e.getMessage(), e);
      }
      return (Guest) o;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a context", e);
    }
  }

  private Guest acquire() {
    if (current != null) {
      Guest g = current;
      current = null;
      return g;
    }
    return takeSpare();
  }

  private void discard(Guest g) {
    discarded++;
    closer.execute(() -> {
      try {
        g.ctx.close(true);
      } catch (RuntimeException ignored) {
        // Already closed or cancelled: nothing left to release.
      }
    });
  }

  // ---- deadlines --------------------------------------------------------------------------

  /** The guest call ended without a value: a deadline, a limit, an exit or a sandbox error. */
  private static final class Stopped extends Exception {
    private static final long serialVersionUID = 1L;
    final String reason;
    final boolean exit;

    Stopped(String reason, boolean exit) {
      super(reason, null, false, false);
      this.reason = reason;
      this.exit = exit;
    }
  }

  private void cancelGuest(Guest g, String reason) {
    Guest victim;
    synchronized (lock) {
      if (phaseGuest != g || cancelReason != null) {
        return;
      }
      cancelReason = reason;
      victim = g;
    }
    // close(true) can block for a long time; it must never hold up the timer thread.
    Thread t = new Thread(() -> {
      try {
        victim.ctx.close(true);
      } catch (RuntimeException ignored) {
        // The runner's hard deadline is the last line of defence if this fails.
      }
    }, "coderl-cancel");
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
      cancelGuest(g, reason);
    }
  }

  private Value call(Guest g, long deadline, Value fn, Object... args) throws Stopped {
    long id;
    synchronized (lock) {
      id = ++phase;
      phaseGuest = g;
      cancelReason = null;
    }
    long delay = Math.max(1, deadline - System.nanoTime());
    ScheduledFuture<?> f = timer.schedule(() -> cancelPhase(id, "Timeout"), delay, TimeUnit.NANOSECONDS);
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
      if (failure.isExit()) {
        throw new Stopped("SystemExit", true);
      }
      if (failure.isResourceExhausted()) {
        recycle = true;
        throw new Stopped("MemoryError", false);
      }
      if (failure.isCancelled() || failure.isInterrupted()) {
        throw new Stopped("Timeout", false);
      }
      if (failure.isGuestException() && failure.getGuestObject() != null
          && failure.getGuestObject().getMetaObject() != null) {
        throw new Stopped(failure.getGuestObject().getMetaObject().getMetaSimpleName(), false);
      }
      // Sandbox refusals that Python code cannot catch (os.system, sockets): an internal error.
      throw new Stopped("SandboxError", false);
    }
    if (v == null) {
      throw new Stopped("Timeout", false);
    }
    return v;
  }

  // ---- memory -----------------------------------------------------------------------------

  /**
   * The heap is still nearly full after a collection (see {@link MemoryWatch}): the program now
   * running is cancelled with a MemoryError and the worker leaves after its job.
   */
  void memoryTrouble() {
    recycle = true;
    Guest g;
    synchronized (lock) {
      g = phaseGuest;
    }
    if (g != null) {
      cancelGuest(g, "MemoryError");
    }
  }

  // ---- jobs -------------------------------------------------------------------------------

  /** A program loaded into a context, ready for its tests. */
  private record Loaded(Guest guest, Value namespace, Value code, Value function) {}

  /** A load that did not produce a program: the report says why. */
  private static final class LoadFailed extends Exception {
    private static final long serialVersionUID = 1L;
    final Wire.Report report;

    LoadFailed(Wire.Report report) {
      super(null, null, false, false);
      this.report = report;
    }
  }

  /**
   * Runs one job on the calling thread (the guest thread, with its large stack).
   *
   * @param phaseDone told when loading ends (null) and each test's result, so that the runner can
   *     keep a hard deadline per test and knows the results so far if it has to kill the worker
   */
  Wire.Report run(ExecutionJob job, java.util.function.Consumer<String> phaseDone) {
    runStart = System.nanoTime();
    Clock clock = new Clock(runStart + TimeUnit.MILLISECONDS.toNanos(cfg.perProgramMillis()));
    TestSuite suite = job.tests();
    // The program as given: a benchmark's own rules (APPS' import header) are its job's part.
    String source = job.program();
    StringBuilder scanned = new StringBuilder(source);
    if (suite instanceof TestSuite.Asserts a) {
      scanned.append('\n').append(a.setup());
      a.asserts().forEach(t -> scanned.append('\n').append(t));
    }
    String all = scanned.toString();
    String prefetch = String.join(",", ImportScan.modules(all));
    boolean taint = ImportScan.tainted(all);
    List<String> details = new ArrayList<>();
    List<String> results = new ArrayList<>();
    java.util.Arrays.fill(spent, 0);
    Loaded loaded;
    try {
      loaded = load(job, source, prefetch, clock, phaseDone, details);
    } catch (LoadFailed f) {
      return f.report.withDetail(timing());
    }
    phaseDone.accept(null);
    long testsStart = System.nanoTime();
    int n = suite.size();
    for (int i = 0; i < n; i++) {
      long now = System.nanoTime();
      if (now >= clock.programDeadline) {
        results.add("Timeout");
        details.add("per-program time cap reached at test " + i);
        break;
      }
      if (loaded == null) {
        // The context was lost in the previous test; load the program again for the rest.
        try {
          loaded = load(job, source, prefetch, clock, phaseDone, details);
        } catch (LoadFailed f) {
          String why = f.report.loadError() != null ? f.report.loadError() : "Timeout";
          results.add(why);
          details.add("reloading after a lost context failed: " + why);
          break;
        }
      }
      long deadline = Math.min(clock.programDeadline,
          System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(cfg.perTestMillis()));
      Guest g = loaded.guest();
      String r;
      try {
        r = test(loaded, suite, i, deadline);
        if (g.out.overflowed()) {
          r = "OutputLimitExceeded";
        }
      } catch (Stopped s) {
        r = s.exit && suite instanceof TestSuite.Stdin st
            ? (StdoutMatch.matches(g.out.text(), st.cases().get(i).output()) ? "true" : "false")
            : s.reason;
        details.add("test " + i + ": " + s.reason + " (context discarded)");
        discard(g);
        loaded = null;
      }
      results.add(r);
      phaseDone.accept(r);
      if (job.stopAtFirstFailure() && !"true".equals(r)) {
        break;
      }
    }
    spent[4] += millisSince(testsStart);
    if (loaded != null) {
      finish(loaded.guest(), taint, prefetch, clock.programDeadline, details);
    }
    details.add(timing());
    return new Wire.Report(null, null, results, String.join("; ", details), recycle);
  }

  private static long millisSince(long t) {
    return (System.nanoTime() - t) / 1_000_000;
  }

  /** The job's time by phase, for {@code coderl exec --details} and for finding slow phases. */
  private String timing() {
    return "ms: worker " + millisSince(runStart) + ", wait " + spent[0] + ", compile " + spent[1] + ", import " + spent[2] + ", load "
        + spent[3] + ", tests " + spent[4] + ", check " + spent[5];
  }

  /** The job's per-program deadline, moved later by the time spent importing ahead of it. */
  private static final class Clock {
    long programDeadline;

    Clock(long programDeadline) {
      this.programDeadline = programDeadline;
    }
  }

  private Loaded load(ExecutionJob job, String source, String prefetch, Clock clock,
      java.util.function.Consumer<String> phaseDone, List<String> details) throws LoadFailed {
    // Waiting for a prepared context and importing ahead of the program do not count against its
    // time: CPython does those imports in tens of milliseconds, a cold GraalPy context can take
    // seconds for the same modules.
    long before = System.nanoTime();
    Guest g = acquire();
    try {
      long waited = System.nanoTime() - before;
      spent[0] += waited / 1_000_000;
      // Compiling first: a program that does not compile needs no imports.
      long compileDeadline = Math.min(clock.programDeadline + waited,
          System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(cfg.perTestMillis()));
      long compileStart = System.nanoTime();
      Value compiled = call(g, compileDeadline, g.compile, source);
      spent[1] += millisSince(compileStart);
      String status = compiled.getArrayElement(0).asString();
      if (!"ok".equals(status)) {
        String msg = status + ": " + compiled.getArrayElement(1).asString();
        finish(g, false, prefetch, compileDeadline, details);
        throw new LoadFailed(new Wire.Report(msg, null, List.of(), String.join("; ", details), recycle));
      }
      long importing = System.nanoTime();
      Value imported =
          call(g, importing + TimeUnit.MILLISECONDS.toNanos(cfg.perProgramMillis()), g.begin, prefetch);
      learn(imported.asString());
      long now = System.nanoTime();
      spent[2] += (now - importing) / 1_000_000;
      clock.programDeadline += waited + (now - importing);
      phaseDone.accept(PREFETCHED);
      long deadline = Math.min(clock.programDeadline,
          now + TimeUnit.MILLISECONDS.toNanos(cfg.perTestMillis()));
      Value code = compiled.getArrayElement(1);
      Loaded loaded = switch (job.tests()) {
        case TestSuite.Stdin s -> new Loaded(g, null, code, null);
        case TestSuite.Asserts a -> {
          Value ns = call(g, deadline, g.newNamespace, "__main__", true);
          String err = asError(call(g, deadline, g.runCode, code, ns, ""));
          if (err == null && !a.setup().isEmpty()) {
            err = asError(call(g, deadline, g.runStatement, a.setup(), ns));
          }
          if (err != null) {
            finish(g, false, prefetch, deadline, details);
            throw new LoadFailed(
                new Wire.Report(null, err, List.of(), String.join("; ", details), recycle));
          }
          yield new Loaded(g, ns, code, null);
        }
        case TestSuite.Call c -> {
          // APPS loads call-based programs as a module, not as __main__.
          Value ns = call(g, deadline, g.newNamespace, "solution", false);
          String err = asError(call(g, deadline, g.runCode, code, ns, ""));
          Value fn = null;
          if (err == null) {
            Value found = call(g, deadline, g.findFunction, ns, c.fnName());
            String st = found.getArrayElement(0).asString();
            if ("ok".equals(st)) {
              fn = found.getArrayElement(1);
            } else {
              err = st;
            }
          }
          if (err != null) {
            finish(g, false, prefetch, deadline, details);
            throw new LoadFailed(
                new Wire.Report(null, err, List.of(), String.join("; ", details), recycle));
          }
          yield new Loaded(g, ns, code, fn);
        }
      };
      spent[3] += millisSince(now);
      return loaded;
    } catch (Stopped s) {
      discard(g);
      throw new LoadFailed(new Wire.Report(null, s.reason, List.of(),
          "loading: " + s.reason + " (context discarded)", recycle));
    }
  }

  private static String asError(Value v) {
    return v.isNull() ? null : v.asString();
  }

  private String test(Loaded l, TestSuite suite, int i, long deadline) throws Stopped {
    Guest g = l.guest();
    g.out.reset();
    return switch (suite) {
      case TestSuite.Asserts a -> {
        String err = asError(call(g, deadline, g.runStatement, a.asserts().get(i), l.namespace()));
        yield err == null ? "true" : "AssertionError".equals(err) ? "false" : err;
      }
      case TestSuite.Stdin s -> {
        TestSuite.StdinCase c = s.cases().get(i);
        String err = asError(call(g, deadline, g.runStdin, l.code(), c.input()));
        if (err != null) {
          yield err;
        }
        yield StdoutMatch.matches(g.out.text(), c.output()) ? "true" : "false";
      }
      case TestSuite.Call c -> {
        TestSuite.CallCase cc = c.cases().get(i);
        Value r = call(g, deadline, g.runCall, l.function(),
            PythonLiteral.fromJson(cc.argsJson()), PythonLiteral.fromJson(cc.outputJson()));
        yield r.isBoolean() ? Boolean.toString(r.asBoolean()) : r.asString();
      }
    };
  }

  /** Keeps the context for the next job if it checks clean, else discards it. */
  private void finish(Guest g, boolean taint, String named, long deadline, List<String> details) {
    if (cfg.fresh() || taint) {
      if (taint) {
        details.add("the program may change shared state (import scan); context discarded");
      }
      discard(g);
      return;
    }
    long checkStart = System.nanoTime();
    try {
      long d = Math.max(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(cfg.perTestMillis()));
      Value v = call(g, d, g.end, named, FULL_CHECK_EVERY);
      boolean clean = v.getArrayElement(0).asBoolean();
      String fresh = v.getArrayElement(1).asString();
      learn(fresh);
      if (clean) {
        current = g;
      } else {
        details.add("context changed by the program"
            + (fresh.isEmpty() ? "" : " (imported " + fresh + ")") + "; discarded");
        discard(g);
      }
    } catch (Stopped s) {
      discard(g);
    } finally {
      spent[5] += millisSince(checkStart);
    }
  }

  /**
   * Remembers modules that programs import, so that contexts prepared from now on import them
   * ahead (in the background) and the next program that needs them after a discard pays nothing.
   */
  private void learn(String names) {
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
    timer.shutdownNow();
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

  /** A bounded in-memory stdout; past the limit it stops the program (not catchable by it). */
  static final class Capture extends OutputStream {
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
}
