package dev.coderl4j.polyglot.graalpy;

import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.problem.TestSuite;
import dev.coderl4j.polyglot.ImportScan;
import dev.coderl4j.polyglot.PythonLiteral;
import dev.coderl4j.polyglot.StdoutMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;

/**
 * The GraalPy side of a worker lane: the job semantics of {@code docs/execution.md} (§3.3's unit
 * tests, run as CPython would), on the lane's {@link ContextPool} and {@link GuardedCalls}.
 *
 * <p>Each program runs in a new module namespace of a context that no earlier program has changed;
 * a context lost to a timeout, a limit or a sandbox error is discarded and the program is loaded
 * again for the tests after it. The time spent waiting for a context and importing ahead of the
 * program does not count against the program's limits.
 */
final class GuestRuntime implements AutoCloseable {
  /** The phase marker sent when the imports ahead of a program are done. */
  static final String PREFETCHED = "\u0000prefetched";

  private final WorkerConfig cfg;
  private final Engine engine;
  private final GuardedCalls calls = new GuardedCalls();
  private final ContextPool pool;

  /**
   * Where the current job's time went (ms): wait for a context, compile, import, load, tests,
   * check.
   */
  private final long[] spent = new long[6];

  private long runStart;

  /**
   * A lane's runtime on the worker's engine ({@link GuestEngine#create}).
   *
   * @param learned modules programs imported, shared by the worker's lanes
   */
  GuestRuntime(WorkerConfig cfg, Engine engine, Set<String> learned) {
    this.cfg = cfg;
    this.engine = engine;
    this.pool = new ContextPool(cfg, engine, calls, learned);
  }

  static Thread daemon(Runnable r, String name) {
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
    return calls.recycle();
  }

  /** The heap stays nearly full (see {@link MemoryWatch}): the running program is cancelled. */
  void memoryTrouble() {
    calls.memoryTrouble();
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
      long deadline =
          Math.min(
              clock.programDeadline,
              System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(cfg.perTestMillis()));
      Guest g = loaded.guest();
      String r;
      try {
        r = test(loaded, suite, i, deadline);
        if (g.out.overflowed()) {
          r = "OutputLimitExceeded";
        }
      } catch (GuardedCalls.Stopped s) {
        r =
            s.exit && suite instanceof TestSuite.Stdin st
                ? (StdoutMatch.matches(g.out.text(), st.cases().get(i).output()) ? "true" : "false")
                : s.reason;
        details.add("test " + i + ": " + s.reason + " (context discarded)");
        pool.discard(g);
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
    return new Wire.Report(null, null, results, String.join("; ", details), calls.recycle());
  }

  private static long millisSince(long t) {
    return (System.nanoTime() - t) / 1_000_000;
  }

  /** The job's time by phase, for {@code coderl exec --details} and for finding slow phases. */
  private String timing() {
    return "ms: worker "
        + millisSince(runStart)
        + ", wait "
        + spent[0]
        + ", compile "
        + spent[1]
        + ", import "
        + spent[2]
        + ", load "
        + spent[3]
        + ", tests "
        + spent[4]
        + ", check "
        + spent[5];
  }

  /** The job's per-program deadline, moved later by the time spent importing ahead of it. */
  private static final class Clock {
    long programDeadline;

    Clock(long programDeadline) {
      this.programDeadline = programDeadline;
    }
  }

  private Loaded load(
      ExecutionJob job,
      String source,
      String prefetch,
      Clock clock,
      java.util.function.Consumer<String> phaseDone,
      List<String> details)
      throws LoadFailed {
    // Waiting for a prepared context and importing ahead of the program do not count against its
    // time: CPython does those imports in tens of milliseconds, a cold GraalPy context can take
    // seconds for the same modules.
    long before = System.nanoTime();
    Guest g = pool.acquire();
    try {
      long waited = System.nanoTime() - before;
      spent[0] += waited / 1_000_000;
      // Compiling first: a program that does not compile needs no imports.
      long compileDeadline =
          Math.min(
              clock.programDeadline + waited,
              System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(cfg.perTestMillis()));
      long compileStart = System.nanoTime();
      Value compiled = calls.call(g, compileDeadline, g.compile, source);
      spent[1] += millisSince(compileStart);
      String status = compiled.getArrayElement(0).asString();
      if (!"ok".equals(status)) {
        String msg = status + ": " + compiled.getArrayElement(1).asString();
        finish(g, false, prefetch, compileDeadline, details);
        throw new LoadFailed(
            new Wire.Report(msg, null, List.of(), String.join("; ", details), calls.recycle()));
      }
      long importing = System.nanoTime();
      Value imported =
          calls.call(
              g,
              importing + TimeUnit.MILLISECONDS.toNanos(cfg.perProgramMillis()),
              g.begin,
              prefetch);
      pool.learn(imported.asString());
      long now = System.nanoTime();
      spent[2] += (now - importing) / 1_000_000;
      clock.programDeadline += waited + (now - importing);
      phaseDone.accept(PREFETCHED);
      long deadline =
          Math.min(clock.programDeadline, now + TimeUnit.MILLISECONDS.toNanos(cfg.perTestMillis()));
      Value code = compiled.getArrayElement(1);
      Loaded loaded =
          switch (job.tests()) {
            case TestSuite.Stdin s -> new Loaded(g, null, code, null);
            case TestSuite.Asserts a -> {
              Value ns = calls.call(g, deadline, g.newNamespace, "__main__", true);
              String err = asError(calls.call(g, deadline, g.runCode, code, ns, ""));
              if (err == null && !a.setup().isEmpty()) {
                err = asError(calls.call(g, deadline, g.runStatement, a.setup(), ns));
              }
              if (err != null) {
                finish(g, false, prefetch, deadline, details);
                throw new LoadFailed(
                    new Wire.Report(
                        null, err, List.of(), String.join("; ", details), calls.recycle()));
              }
              yield new Loaded(g, ns, code, null);
            }
            case TestSuite.Call c -> {
              // APPS loads call-based programs as a module, not as __main__.
              Value ns = calls.call(g, deadline, g.newNamespace, "solution", false);
              String err = asError(calls.call(g, deadline, g.runCode, code, ns, ""));
              Value fn = null;
              if (err == null) {
                Value found = calls.call(g, deadline, g.findFunction, ns, c.fnName());
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
                    new Wire.Report(
                        null, err, List.of(), String.join("; ", details), calls.recycle()));
              }
              yield new Loaded(g, ns, code, fn);
            }
          };
      spent[3] += millisSince(now);
      return loaded;
    } catch (GuardedCalls.Stopped s) {
      pool.discard(g);
      throw new LoadFailed(
          new Wire.Report(
              null,
              s.reason,
              List.of(),
              "loading: " + s.reason + " (context discarded)",
              calls.recycle()));
    }
  }

  private static String asError(Value v) {
    return v.isNull() ? null : v.asString();
  }

  private String test(Loaded l, TestSuite suite, int i, long deadline) throws GuardedCalls.Stopped {
    Guest g = l.guest();
    g.out.reset();
    return switch (suite) {
      case TestSuite.Asserts a -> {
        String err =
            asError(calls.call(g, deadline, g.runStatement, a.asserts().get(i), l.namespace()));
        yield err == null ? "true" : "AssertionError".equals(err) ? "false" : err;
      }
      case TestSuite.Stdin s -> {
        TestSuite.StdinCase c = s.cases().get(i);
        String err = asError(calls.call(g, deadline, g.runStdin, l.code(), c.input()));
        if (err != null) {
          yield err;
        }
        yield StdoutMatch.matches(g.out.text(), c.output()) ? "true" : "false";
      }
      case TestSuite.Call c -> {
        TestSuite.CallCase cc = c.cases().get(i);
        Value r =
            calls.call(
                g,
                deadline,
                g.runCall,
                l.function(),
                PythonLiteral.fromJson(cc.argsJson()),
                PythonLiteral.fromJson(cc.outputJson()));
        yield r.isBoolean() ? Boolean.toString(r.asBoolean()) : r.asString();
      }
    };
  }

  /** Keeps the context for the next job if it checks clean (timed as the job's check). */
  private void finish(Guest g, boolean taint, String named, long deadline, List<String> details) {
    long checkStart = System.nanoTime();
    pool.release(g, taint, named, deadline, details);
    spent[5] += millisSince(checkStart);
  }

  int discarded() {
    return pool.discarded();
  }

  Set<String> learned() {
    return pool.learned();
  }

  @Override
  public void close() {
    calls.close();
    pool.close();
  }
}
