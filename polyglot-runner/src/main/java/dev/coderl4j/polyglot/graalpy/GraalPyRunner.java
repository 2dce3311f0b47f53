package dev.coderl4j.polyglot.graalpy;

import dev.coderl4j.core.exec.Classification;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionLimits;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.exec.TestResult;
import dev.coderl4j.core.plugin.ParamsFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code graalpy} runner: GraalPy contexts in supervised worker JVMs (§3.3's unit-test
 * outcomes, computed as CPython would).
 *
 * <p>Each worker is a JVM started with this JVM's java, Graal JIT flags and classpath, plus its
 * own {@code -Xmx} (the memory limit: a memory bomb cannot touch the runner's heap or another
 * program's). The worker enforces the per-test deadline by cancelling its context; a program that
 * ignores cancellation ({@code sum(range(10**15))}) is stopped here, by killing the worker past a
 * hard deadline, and a new worker replaces it. See {@code docs/execution.md}.
 */
public final class GraalPyRunner implements ProgramRunner {
  /** The plugin name. */
  public static final String NAME = "graalpy";

  private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(180);
  private static final List<String> INHERITED_PREFIXES = List.of("--upgrade-module-path",
      "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "-XX:-EnableJVMCI", "-XX:JVMCI",
      "--enable-native-access", "-Dpolyglot.", "-Djdk.graal.", "-Dtruffle.", "--add-opens",
      "--add-exports", "--sun-misc-unsafe-memory-access");

  private final GraalPyParams params;
  private final ExecutionLimits limits;
  private final List<String> command;
  private final BlockingQueue<Slot> idle;
  private final List<Slot> slots = new ArrayList<>();
  private final Set<WorkerProcess> watched = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService reaper;
  private final ExecutorService spawner;
  private final AtomicInteger restarts = new AtomicInteger();
  private volatile boolean closed;

  /** Builds the runner from its params; see {@link GraalPyParams}. */
  public static final class Factory extends ParamsFactory<ProgramRunner, GraalPyParams> {
    public Factory() {
      super(GraalPyParams.class);
    }

    @Override
    protected ProgramRunner build(GraalPyParams params) {
      return new GraalPyRunner(params);
    }
  }

  /** Starts the workers (in the background: the first job waits for its worker). */
  public GraalPyRunner(GraalPyParams params) {
    this.params = params;
    this.limits = params.limits();
    this.command = workerCommand(params);
    int n = params.workerCount();
    this.idle = new ArrayBlockingQueue<>(n);
    this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "coderl-reaper");
      t.setDaemon(true);
      return t;
    });
    this.reaper.scheduleAtFixedRate(this::reap, 50, 50, TimeUnit.MILLISECONDS);
    this.spawner = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "coderl-spawn");
      t.setDaemon(true);
      return t;
    });
    for (int i = 0; i < n; i++) {
      Slot s = new Slot();
      s.respawn();
      slots.add(s);
      idle.add(s);
    }
  }

  /** The params this runner was built with. */
  public GraalPyParams params() {
    return params;
  }

  /** Worker processes started to replace dead or recycled ones. */
  public int restarts() {
    return restarts.get();
  }

  /** The Truffle runtime of the first worker ("Interpreted" without the JIT); waits for it. */
  public String implementation() {
    return slots.getFirst().worker().implementation();
  }

  /** The GraalPy (Python language) version of the first worker; waits for it. */
  public String pythonVersion() {
    return slots.getFirst().worker().pythonVersion();
  }

  /** The java command line that starts a worker (for tests and docs). */
  public List<String> command() {
    return List.copyOf(command);
  }

  private void reap() {
    long now = System.nanoTime();
    for (WorkerProcess w : watched) {
      if (now - w.deadline > 0) {
        w.kill();
        watched.remove(w);
      }
    }
  }

  /** One worker position: its current process, replaced when it dies. */
  private final class Slot {
    private CompletableFuture<WorkerProcess> future;

    void respawn() {
      future = CompletableFuture.supplyAsync(() -> {
        try {
          return new WorkerProcess(command, START_TIMEOUT_NANOS, watched::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, spawner);
    }

    WorkerProcess worker() {
      try {
        return future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting a GraalPy worker", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        // A failed start is retried on the next job rather than poisoning the slot for good.
        respawn();
        if (c instanceof IllegalStateException ise) {
          throw new IllegalStateException(ise.getMessage(), ise);
        }
        throw new IllegalStateException("could not start a GraalPy worker: " + c.getMessage(), c);
      }
    }

    ExecutionResult run(ExecutionJob job) {
      WorkerProcess w = worker();
      if (!w.alive()) {
        watched.remove(w);
        restarts.incrementAndGet();
        respawn();
        w = worker();
      }
      long start = System.nanoTime();
      Wire.Report report;
      try {
        report = w.execute(job, limits.perTestTimeout().toNanos(),
            limits.perProgramTimeout().toNanos(), (long) (params.killGraceSeconds() * 1e9));
      } catch (WorkerProcess.Died d) {
        report = d.report;
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      if (report.recycle()) {
        watched.remove(w);
        w.kill();
        if (!closed) {
          restarts.incrementAndGet();
          respawn();
        }
      }
      return toResult(job, report, millis);
    }
  }

  private static ExecutionResult toResult(ExecutionJob job, Wire.Report r, long millis) {
    List<TestResult> tests = new ArrayList<>(r.tests().size());
    for (String t : r.tests()) {
      tests.add(Classification.fromWire(t));
    }
    Outcome outcome = Classification.classify(
        Optional.ofNullable(r.compileError()), Optional.ofNullable(r.loadError()), tests);
    String detail = r.detail() == null ? "" : r.detail();
    if (outcome instanceof Outcome.CompileError ce && detail.isEmpty()) {
      detail = ce.message();
    }
    return new ExecutionResult(job.id(), outcome, tests, millis, NAME, detail);
  }

  @Override
  public ExecutionResult run(ExecutionJob job) {
    Slot s;
    try {
      s = idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a worker", e);
    }
    try {
      return s.run(job);
    } finally {
      idle.add(s);
    }
  }

  @Override
  public List<ExecutionResult> runAll(List<ExecutionJob> jobs, RunListener listener) {
    return dev.coderl4j.core.exec.ConcurrentRuns.runAll(jobs, listener, slots.size(), this::run);
  }

  @Override
  public void close() {
    closed = true;
    for (Slot s : slots) {
      s.future.thenAccept(WorkerProcess::close);
    }
    reaper.shutdownNow();
    spawner.shutdown();
  }

  /** java + inherited JIT/module flags + this runner's memory and GC flags + classpath + main. */
  static List<String> workerCommand(GraalPyParams p) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> in = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (int i = 0; i < in.size(); i++) {
      String a = in.get(i);
      for (String prefix : INHERITED_PREFIXES) {
        if (a.startsWith(prefix)) {
          cmd.add(a);
          if (a.equals(prefix) && a.startsWith("--") && i + 1 < in.size()) {
            cmd.add(in.get(++i));
          }
          break;
        }
      }
    }
    cmd.add("-Xmx" + (p.maxMemoryMb() + p.heapOverheadMb()) + "m");
    cmd.add("-Xss8m");
    // One GC thread and a small footprint: the worker is one of several on few cores.
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-XX:-UsePerfData");
    cmd.add("-Dpolyglot.engine.WarnInterpreterOnly=false");
    cmd.addAll(p.jvmArgs());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(WorkerMain.class.getName());
    ExecutionLimits l = p.limits();
    // ~2.6 KB of Java stack per Python frame (measured), plus room for the harness and imports.
    long stack = (long) l.maxRecursionDepth() * 3 * 1024 + (64L << 20);
    cmd.addAll(new WorkerConfig(l.perTestTimeout().toMillis(), l.perProgramTimeout().toMillis(),
        l.maxOutputBytes(), stack, p.compilation().equals("jit"), p.isolation().equals("fresh"),
        p.engineOptions()).toArgs());
    return cmd;
  }

}
