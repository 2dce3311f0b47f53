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

  /**
   * The directory holding the Graal compiler's jars, for JIT workers of a JVM that was itself
   * started without the JIT flags ({@code ./coderl} sets it).
   */
  public static final String JVMCI_DIR_PROPERTY = "coderl.jvmci.dir";

  /** Flags that only serve the Graal JIT. */
  private static final List<String> JIT_ONLY = List.of("--upgrade-module-path",
      "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "-XX:JVMCI", "-Djdk.graal.");

  private final GraalPyParams params;
  private final ExecutionLimits limits;
  private final BlockingQueue<Slot> idle;
  private final List<Worker> workers = new ArrayList<>();
  private final List<Slot> slots = new ArrayList<>();
  /** The single-lane worker that settles, alone, the jobs a shared worker could not (lazy). */
  private Worker alone;
  private final Object aloneLock = new Object();
  private final AtomicInteger reruns = new AtomicInteger();
  private final Set<WorkerProcess> watched = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService reaper;
  private final ExecutorService spawner;
  private final AtomicInteger restarts = new AtomicInteger();
  private final Optional<ClassDataArchive> archive;
  /** The Java home JIT workers start from when it is not this JVM's (see {@link JitImage}). */
  private final Optional<Path> jitHome;
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
    this.jitHome = jitJavaHome(params);
    this.archive = archiveFor(params, jitHome);
    int n = params.workerCount();
    int perJvm = params.lanesPerWorker();
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
    for (int first = 0; first < n; first += perJvm) {
      int lanes = Math.min(perJvm, n - first);
      Worker w = new Worker(workerCommand(params, lanes, jitHome), lanes);
      w.respawn();
      workers.add(w);
      for (int lane = 0; lane < lanes; lane++) {
        Slot s = new Slot(w, lane);
        slots.add(s);
        idle.add(s);
      }
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

  /**
   * Jobs run a second time because a worker they shared with other jobs died or ran short of
   * memory while they ran (see {@link GraalPyParams#lanes()}).
   */
  public int reruns() {
    return reruns.get();
  }

  /** The Truffle runtime of the first worker ("Interpreted" without the JIT); waits for it. */
  public String implementation() {
    return workers.getFirst().process().implementation();
  }

  /** The GraalPy (Python language) version of the first worker; waits for it. */
  public String pythonVersion() {
    return workers.getFirst().process().pythonVersion();
  }

  /** The java command line that starts a worker (for tests and docs). */
  public List<String> command() {
    return List.copyOf(workers.getFirst().command);
  }

  private void reap() {
    long now = System.nanoTime();
    for (WorkerProcess w : watched) {
      w.reap(now);
      if (!w.alive()) {
        watched.remove(w);
      }
    }
  }

  /**
   * The class-data archive that workers with these params started from this JVM's class path
   * use (written by the first such run), or empty when they use none ({@code off}, class
   * directories on the class path, or a JIT worker that needs {@code --upgrade-module-path}).
   */
  public static Optional<Path> classDataArchive(GraalPyParams params) {
    return archiveFor(params, jitJavaHome(params)).map(ClassDataArchive::file);
  }

  private static Optional<ClassDataArchive> archiveFor(GraalPyParams params, Optional<Path> jitHome) {
    String cp = System.getProperty("java.class.path");
    if (params.compilation().equals("jit")) {
      if (jitHome.isEmpty()) {
        // --upgrade-module-path, which the JIT then needs, turns class-data sharing off.
        return Optional.empty();
      }
      // The compiler's jars are part of what the archive holds: name it by them too. The class
      // path itself was found archivable when the image was chosen (jitJavaHome).
      String compilerJars = jars(jvmciDir(ManagementFactory.getRuntimeMXBean().getInputArguments(),
          System.getProperty(JVMCI_DIR_PROPERTY)));
      return params.classDataPath()
          .filter(dir -> ClassDataArchive.possible(compilerJars))
          .flatMap(dir -> ClassDataArchive.named(dir, jitHome.get().toString(),
              cp + java.io.File.pathSeparator + compilerJars));
    }
    return params.classDataPath().flatMap(dir -> ClassDataArchive.in(dir,
        System.getProperty("java.home"), cp));
  }

  private static String jars(String dir) {
    try (var s = java.nio.file.Files.list(Path.of(dir))) {
      return String.join(java.io.File.pathSeparator,
          s.map(Path::toString).filter(n -> n.endsWith(".jar")).sorted().toList());
    } catch (IOException e) {
      return dir;
    }
  }

  /**
   * The Java home JIT workers with these params start from to keep class-data sharing: this JDK
   * when it has no Graal compiler module of its own, else a {@link JitImage} of it (made once);
   * empty (they start from this JDK with {@code --upgrade-module-path}) when workers are
   * interpreted, sharing is {@code off} or impossible for this class path, no compiler directory
   * is known, or no image can be made.
   */
  public static Optional<Path> jitJavaHome(GraalPyParams params) {
    if (!params.compilation().equals("jit") || params.classDataPath().isEmpty()
        || jvmciDir(ManagementFactory.getRuntimeMXBean().getInputArguments(),
            System.getProperty(JVMCI_DIR_PROPERTY)) == null
        || !ClassDataArchive.possible(System.getProperty("java.class.path"))) {
      // Without an archive (class directories on the class path, as under Maven's tests) the
      // image would gain nothing.
      return Optional.empty();
    }
    if (java.lang.module.ModuleFinder.ofSystem().find(GRAAL_MODULE).isEmpty()) {
      return Optional.of(Path.of(System.getProperty("java.home")));
    }
    return JitImage.in(params.classDataPath().get()).home();
  }

  /** The Graal compiler's module, which a JDK may ship without Truffle support. */
  private static final String GRAAL_MODULE = "jdk.graal.compiler";

  /** The compiler directory: the inherited {@code --upgrade-module-path}, else the property's. */
  static String jvmciDir(List<String> in, String property) {
    for (int i = 0; i < in.size(); i++) {
      String a = in.get(i);
      if (a.startsWith("--upgrade-module-path=")) {
        return a.substring("--upgrade-module-path=".length());
      }
      if (a.equals("--upgrade-module-path") && i + 1 < in.size()) {
        return in.get(i + 1);
      }
    }
    return property;
  }

  /** A command with extra JVM flags, placed before the class path. */
  private static List<String> withFlags(List<String> command, List<String> flags) {
    List<String> cmd = new ArrayList<>(command);
    cmd.addAll(cmd.indexOf("-cp"), flags);
    return cmd;
  }

  /** One worker JVM position: its current process, replaced when it dies, and its lanes. */
  private final class Worker {
    private final List<String> command;
    private final int lanes;
    private CompletableFuture<WorkerProcess> future;
    /** The archive this worker's current process writes when it exits, if it is the one that does. */
    private volatile ClassDataArchive.Dump dump;

    Worker(List<String> command, int lanes) {
      this.command = command;
      this.lanes = lanes;
    }

    synchronized void respawn() {
      future = CompletableFuture.supplyAsync(() -> {
        try {
          List<String> cmd = command;
          dump = null;
          if (archive.isPresent()) {
            ClassDataArchive a = archive.get();
            if (a.exists()) {
              cmd = withFlags(command, a.useFlags());
            } else if (dumpClaimed.compareAndSet(false, true)) {
              // One worker per runner writes the archive, at its normal exit (see close()).
              ClassDataArchive.Dump d = a.startDump();
              try {
                WorkerProcess w = new WorkerProcess(withFlags(command, d.flags()), lanes,
                    START_TIMEOUT_NANOS, watched::add);
                dump = d;
                return w;
              } catch (IOException | RuntimeException e) {
                // A JVM that cannot dump (e.g. a class directory behind a manifest) still runs
                // programs: start it as usual.
                a.finish(d, false);
              }
            }
          }
          return new WorkerProcess(cmd, lanes, START_TIMEOUT_NANOS, watched::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, spawner);
    }

    private synchronized CompletableFuture<WorkerProcess> current() {
      return future;
    }

    WorkerProcess process() {
      CompletableFuture<WorkerProcess> f = current();
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting a GraalPy worker", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        // A failed start is retried on the next job rather than poisoning the worker for good.
        synchronized (this) {
          if (future == f) {
            respawn();
          }
        }
        if (c instanceof IllegalStateException ise) {
          throw new IllegalStateException(ise.getMessage(), ise);
        }
        throw new IllegalStateException("could not start a GraalPy worker: " + c.getMessage(), c);
      }
    }

    /** Replaces the process if it is still the current one (its lanes all see it gone). */
    void replace(WorkerProcess gone) {
      watched.remove(gone);
      gone.retire();
      synchronized (this) {
        if (closed || !future.isDone() || future.isCompletedExceptionally() || future.join() != gone) {
          return;
        }
        restarts.incrementAndGet();
        respawn();
      }
    }
  }

  /** What one try of a job gave, and whether it must be run again. */
  private record Attempt(Wire.Report report, long millis, WorkerProcess.Rerun rerun) {}

  /** One lane of a worker: runs one job at a time. */
  private record Slot(Worker worker, int lane) {
    Attempt run(GraalPyRunner r, ExecutionJob job) {
      WorkerProcess w = worker.process();
      if (!w.alive()) {
        worker.replace(w);
        w = worker.process();
      }
      long start = System.nanoTime();
      Wire.Report report;
      WorkerProcess.Rerun rerun = WorkerProcess.Rerun.NO;
      try {
        report = w.execute(lane, job, r.limits.perTestTimeout().toNanos(),
            r.limits.perProgramTimeout().toNanos(), (long) (r.params.killGraceSeconds() * 1e9));
      } catch (WorkerProcess.Died d) {
        report = d.report;
        rerun = d.rerun;
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      if (report.recycle()) {
        worker.replace(w);
      }
      if (rerun == WorkerProcess.Rerun.NO && worker.lanes > 1 && memoryTrouble(report)) {
        // A shared heap ran short while this job ran: it may have been the cause or a victim.
        rerun = WorkerProcess.Rerun.ALONE;
      }
      return new Attempt(report, millis, rerun);
    }
  }

  /**
   * Whether a report from a shared worker may reflect another job's memory use: a MemoryError, or
   * a job that did not pass while the worker found its heap in trouble.
   */
  static boolean memoryTrouble(Wire.Report r) {
    if ("MemoryError".equals(r.loadError()) || r.tests().contains("MemoryError")) {
      return true;
    }
    return r.recycle() && r.compileError() == null
        && (r.loadError() != null || r.tests().stream().anyMatch(t -> !"true".equals(t)));
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

  /** Tries a job runs in shared workers before it is run alone (the workers keep dying). */
  private static final int MAX_SHARED_TRIES = 3;

  @Override
  public ExecutionResult run(ExecutionJob job) {
    for (int tries = 1; ; tries++) {
      Slot s;
      try {
        s = idle.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a worker", e);
      }
      Attempt a;
      try {
        a = s.run(this, job);
      } finally {
        idle.add(s);
      }
      if (a.rerun() == WorkerProcess.Rerun.NO || closed) {
        return toResult(job, a.report(), a.millis());
      }
      reruns.incrementAndGet();
      if (a.rerun() == WorkerProcess.Rerun.ALONE || tries >= MAX_SHARED_TRIES) {
        return runAlone(job, a.report().detail());
      }
    }
  }

  /** Runs a job in a single-lane worker, with the heap to itself: its result is final. */
  private ExecutionResult runAlone(ExecutionJob job, String why) {
    synchronized (aloneLock) {
      if (alone == null) {
        alone = new Worker(workerCommand(params, 1, jitHome), 1);
        alone.respawn();
      }
      Attempt a = new Slot(alone, 0).run(this, job);
      Wire.Report r = a.report().withDetail("run again alone (in a shared worker: " + why + ")");
      return toResult(job, r, a.millis());
    }
  }

  @Override
  public List<ExecutionResult> runAll(List<ExecutionJob> jobs, RunListener listener) {
    return dev.coderl4j.core.exec.ConcurrentRuns.runAll(jobs, listener, slots.size(), this::run);
  }

  @Override
  public void close() {
    closed = true;
    List<Worker> all = new ArrayList<>(workers);
    synchronized (aloneLock) {
      if (alone != null) {
        all.add(alone);
      }
    }
    for (Worker w : all) {
      ClassDataArchive.Dump d = w.dump;
      CompletableFuture<WorkerProcess> f = w.current();
      if (d != null && f.isDone() && !f.isCompletedExceptionally()) {
        // The dumping worker writes the archive as it exits: wait for it (once per class path),
        // since this JVM's exit would stop the worker mid-write.
        boolean ok = f.join().closeAndWait(ARCHIVE_WAIT_SECONDS);
        archive.orElseThrow().finish(d, ok);
      } else {
        f.thenAccept(WorkerProcess::close);
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

  /** The command of a single-lane worker. */
  static List<String> workerCommand(GraalPyParams p) {
    return workerCommand(p, 1, Optional.empty());
  }

  /**
   * java + inherited JIT/module flags + this runner's memory and GC flags + classpath + main, for
   * a worker with this many lanes (see {@link GraalPyParams#workerHeapMb}).
   */
  static List<String> workerCommand(GraalPyParams p, int lanes) {
    return workerCommand(p, lanes, Optional.empty());
  }

  /** The worker command on this JVM, with JIT workers started from {@code jitHome} if present. */
  static List<String> workerCommand(GraalPyParams p, int lanes, Optional<Path> jitHome) {
    return workerCommand(p, lanes, ManagementFactory.getRuntimeMXBean().getInputArguments(),
        System.getProperty(JVMCI_DIR_PROPERTY), jitHome);
  }

  /** {@link #workerCommand(GraalPyParams, int, List, String, Optional)} on this JVM's JDK. */
  static List<String> workerCommand(GraalPyParams p, int lanes, List<String> in, String jvmci) {
    return workerCommand(p, lanes, in, jvmci, Optional.empty());
  }

  /**
   * The worker command given this JVM's own arguments, the compiler directory named by
   * {@value #JVMCI_DIR_PROPERTY} (null when not set) and the Java home of JIT workers when it is
   * not this JVM's (see {@link #jitJavaHome}).
   */
  static List<String> workerCommand(GraalPyParams p, int lanes, List<String> in, String jvmci,
      Optional<Path> jitHome) {
    List<String> cmd = new ArrayList<>();
    boolean jit = p.compilation().equals("jit");
    String compilerDir = jvmciDir(in, jvmci);
    boolean image = jit && jitHome.isPresent() && compilerDir != null;
    cmd.add(Path.of(image ? jitHome.get().toString() : System.getProperty("java.home"), "bin", "java")
        .toString());
    if (image) {
      // The compiler on the module path of a JDK without its own: class-data sharing stays on.
      cmd.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
          "--module-path=" + compilerDir, "--add-modules=" + GRAAL_MODULE));
    }
    for (int i = 0; i < in.size(); i++) {
      String a = in.get(i);
      if ((!jit || image) && JIT_ONLY.stream().anyMatch(a::startsWith)) {
        // Interpreted workers run Truffle's fallback runtime: without JVMCI the JVM keeps its
        // class-data sharing and starts contexts faster (measured in docs/execution.md). JIT
        // workers on an image get the compiler through --module-path instead (see above).
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
    if (jit && !image && jvmci != null
        && cmd.stream().noneMatch(a -> a.startsWith("--upgrade-module-path"))) {
      // ./coderl starts this JVM without the JIT flags (it runs no guest code, and without them
      // it keeps class-data sharing) and names the compiler's directory for the workers instead.
      cmd.addAll(1, List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
          "--upgrade-module-path=" + jvmci));
    }
    cmd.add("-Xmx" + p.workerHeapMb(lanes) + "m");
    cmd.add("-Xss8m");
    // One GC thread and a small footprint: the worker is one of several on few cores.
    cmd.add("-XX:+UseSerialGC");
    // Measured on the MBPP benchmark (docs/execution.md): without these, a JIT worker stopped all
    // its lanes for three full collections while its class metadata grew and for more as the code
    // cache filled.
    cmd.add("-XX:MetaspaceSize=256m");
    cmd.add("-XX:ReservedCodeCacheSize=512m");
    // The worker loads classes only from this runner's own class path (guest code cannot define
    // JVM classes: host class loading is off), so verifying them again at each start (~0.4 s of
    // the ~2 s a JIT worker's first context takes) buys nothing.
    cmd.add("-XX:+UnlockDiagnosticVMOptions");
    cmd.add("-XX:-BytecodeVerificationRemote");
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-XX:-UsePerfData");
    cmd.add("-Dpolyglot.engine.WarnInterpreterOnly=false");
    // The JVM's own log goes to stdout by default, which is the worker's protocol channel.
    cmd.add("-Xlog:disable");
    cmd.add("-Xlog:all=warning:stderr");
    if (image) {
      // The base archive was dumped without the module path: the JVM says at every start that it
      // cannot use the archived module graph (the classes it still maps).
      cmd.add("-Xlog:cds=off:stderr");
      cmd.add("-Xlog:aot=off:stderr");
    }
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
        lanes, p.engineOptions()).toArgs());
    return cmd;
  }

}
