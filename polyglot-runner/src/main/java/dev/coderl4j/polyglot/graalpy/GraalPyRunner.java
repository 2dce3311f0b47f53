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

  /** Flags that only serve the Graal JIT. */
  private static final List<String> JIT_ONLY = List.of("--upgrade-module-path",
      "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "-XX:JVMCI", "-Djdk.graal.");

  private final GraalPyParams params;
  private final ExecutionLimits limits;
  private final List<String> command;
  private final BlockingQueue<Slot> idle;
  private final List<Slot> slots = new ArrayList<>();
  private final Set<WorkerProcess> watched = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService reaper;
  private final ExecutorService spawner;
  private final AtomicInteger restarts = new AtomicInteger();
  private final Optional<ClassDataArchive> archive;
  private final java.util.concurrent.atomic.AtomicBoolean dumpClaimed =
      new java.util.concurrent.atomic.AtomicBoolean();
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
    this.archive = archiveFor(params);
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

  /**
   * The class-data archive that workers with these params started from this JVM's class path
   * use (written by the first such run), or empty when they use none (JIT, {@code off}, or class
   * directories on the class path).
   */
  public static Optional<Path> classDataArchive(GraalPyParams params) {
    return archiveFor(params).map(ClassDataArchive::file);
  }

  private static Optional<ClassDataArchive> archiveFor(GraalPyParams params) {
    if (params.compilation().equals("jit")) {
      // --upgrade-module-path, which the JIT needs, turns class-data sharing off.
      return Optional.empty();
    }
    return params.classDataPath().flatMap(dir -> ClassDataArchive.in(dir,
        System.getProperty("java.home"), System.getProperty("java.class.path")));
  }

  /** The command with extra JVM flags, placed before the class path. */
  private List<String> withFlags(List<String> flags) {
    List<String> cmd = new ArrayList<>(command);
    cmd.addAll(cmd.indexOf("-cp"), flags);
    return cmd;
  }

  /** One worker position: its current process, replaced when it dies. */
  private final class Slot {
    private CompletableFuture<WorkerProcess> future;
    /** The archive this slot's current worker writes when it exits, if it is the one that does. */
    private volatile ClassDataArchive.Dump dump;

    void respawn() {
      future = CompletableFuture.supplyAsync(() -> {
        try {
          List<String> cmd = command;
          dump = null;
          if (archive.isPresent()) {
            ClassDataArchive a = archive.get();
            if (a.exists()) {
              cmd = withFlags(a.useFlags());
            } else if (dumpClaimed.compareAndSet(false, true)) {
              // One worker per runner writes the archive, at its normal exit (see close()).
              ClassDataArchive.Dump d = a.startDump();
              try {
                WorkerProcess w = new WorkerProcess(withFlags(d.flags()), START_TIMEOUT_NANOS, watched::add);
                dump = d;
                return w;
              } catch (IOException | RuntimeException e) {
                // A JVM that cannot dump (e.g. a class directory behind a manifest) still runs
                // programs: start it as usual.
                a.finish(d, false);
              }
            }
          }
          return new WorkerProcess(cmd, START_TIMEOUT_NANOS, watched::add);
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
      ClassDataArchive.Dump d = s.dump;
      if (d != null && s.future.isDone() && !s.future.isCompletedExceptionally()) {
        // The dumping worker writes the archive as it exits: wait for it (once per class path),
        // since this JVM's exit would stop the worker mid-write.
        WorkerProcess w = s.future.join();
        boolean ok = w.closeAndWait(ARCHIVE_WAIT_SECONDS);
        archive.orElseThrow().finish(d, ok);
      } else {
        s.future.thenAccept(WorkerProcess::close);
        if (d != null) {
          archive.orElseThrow().finish(d, false);
        }
      }
    }
    reaper.shutdownNow();
    spawner.shutdown();
  }

  /** How long close() waits for the worker that writes the class-data archive. */
  private static final int ARCHIVE_WAIT_SECONDS = 60;

  /** java + inherited JIT/module flags + this runner's memory and GC flags + classpath + main. */
  static List<String> workerCommand(GraalPyParams p) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> in = ManagementFactory.getRuntimeMXBean().getInputArguments();
    boolean jit = p.compilation().equals("jit");
    for (int i = 0; i < in.size(); i++) {
      String a = in.get(i);
      if (!jit && JIT_ONLY.stream().anyMatch(a::startsWith)) {
        // Interpreted workers run Truffle's fallback runtime: without JVMCI the JVM keeps its
        // class-data sharing and starts contexts faster (measured in docs/execution.md).
        if (a.equals("--upgrade-module-path")) {
          i++;
        }
        continue;
      }
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
    // The JVM's own log goes to stdout by default, which is the worker's protocol channel.
    cmd.add("-Xlog:disable");
    cmd.add("-Xlog:all=warning:stderr");
    if (p.hostCompiler().equals("c1")) {
      // C2 compiling Truffle's interpreter competes with the programs for the cores; C1 alone
      // halved the wall time of the MBPP benchmark on 2 cores (docs/execution.md).
      cmd.add("-XX:TieredStopAtLevel=1");
    }
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
