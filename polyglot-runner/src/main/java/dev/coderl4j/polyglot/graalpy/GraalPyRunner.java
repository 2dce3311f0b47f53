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
 * <p>Each worker is a JVM started with this JVM's java, Graal JIT flags and classpath, plus its own
 * {@code -Xmx} (the memory limit: a memory bomb cannot touch the runner's heap or another
 * program's). The worker enforces the per-test deadline by cancelling its context; a program that
 * ignores cancellation ({@code sum(range(10**15))}) is stopped here, by killing the worker past a
 * hard deadline, and a new worker replaces it. See {@code docs/execution.md}.
 */
public final class GraalPyRunner implements ProgramRunner {
  /** The plugin name. */
  public static final String NAME = "graalpy";

  private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(180);

  /**
   * The directory holding the Graal compiler's jars, for JIT workers of a JVM that was itself
   * started without the JIT flags ({@code ./coderl} sets it).
   */
  public static final String JVMCI_DIR_PROPERTY = "coderl.jvmci.dir";

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
    this.jitHome = WorkerCommand.jitJavaHome(params);
    this.archive = WorkerCommand.archive(params, jitHome);
    int n = params.workerCount();
    int perJvm = params.lanesPerWorker();
    this.idle = new ArrayBlockingQueue<>(n);
    this.reaper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "coderl-reaper");
              t.setDaemon(true);
              return t;
            });
    this.reaper.scheduleAtFixedRate(this::reap, 50, 50, TimeUnit.MILLISECONDS);
    this.spawner =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "coderl-spawn");
              t.setDaemon(true);
              return t;
            });
    for (int first = 0; first < n; first += perJvm) {
      int lanes = Math.min(perJvm, n - first);
      Worker w = new Worker(workerCommand(lanes), lanes);
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
   * Jobs run a second time because a worker they shared with other jobs died or ran short of memory
   * while they ran (see {@link GraalPyParams#lanes()}).
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

  /** The command of a worker with this many lanes, on this JVM. */
  private List<String> workerCommand(int lanes) {
    return WorkerCommand.of(params, lanes, WorkerCommand.Host.current().withJitHome(jitHome));
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
   * The class-data archive that workers with these params started from this JVM's class path use
   * (written by the first such run), or empty when they use none ({@code off}, class directories on
   * the class path, or a JIT worker that needs {@code --upgrade-module-path}).
   */
  public static Optional<Path> classDataArchive(GraalPyParams params) {
    return WorkerCommand.archive(params, WorkerCommand.jitJavaHome(params))
        .map(ClassDataArchive::file);
  }

  /**
   * The Java home JIT workers with these params start from to keep class-data sharing (see {@link
   * WorkerCommand#jitJavaHome}).
   */
  public static Optional<Path> jitJavaHome(GraalPyParams params) {
    return WorkerCommand.jitJavaHome(params);
  }

  /** One worker JVM position: its current process, replaced when it dies, and its lanes. */
  private final class Worker {
    private final List<String> command;
    private final int lanes;
    private CompletableFuture<WorkerProcess> future;

    /**
     * The archive this worker's current process writes when it exits, if it is the one that does.
     */
    private volatile ClassDataArchive.Dump dump;

    Worker(List<String> command, int lanes) {
      this.command = command;
      this.lanes = lanes;
    }

    synchronized void respawn() {
      future =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  List<String> cmd = command;
                  dump = null;
                  if (archive.isPresent()) {
                    ClassDataArchive a = archive.get();
                    if (a.exists()) {
                      cmd = WorkerCommand.withFlags(command, a.useFlags());
                    } else if (dumpClaimed.compareAndSet(false, true)) {
                      // One worker per runner writes the archive, at its normal exit (see close()).
                      ClassDataArchive.Dump d = a.startDump();
                      try {
                        WorkerProcess w =
                            new WorkerProcess(
                                WorkerCommand.withFlags(command, d.flags()),
                                lanes,
                                START_TIMEOUT_NANOS,
                                watched::add);
                        dump = d;
                        return w;
                      } catch (IOException | RuntimeException e) {
                        // A JVM that cannot dump (e.g. a class directory behind a manifest) still
                        // runs
                        // programs: start it as usual.
                        a.finish(d, false);
                      }
                    }
                  }
                  return new WorkerProcess(cmd, lanes, START_TIMEOUT_NANOS, watched::add);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              },
              spawner);
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
        if (closed
            || !future.isDone()
            || future.isCompletedExceptionally()
            || future.join() != gone) {
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
        report =
            w.execute(
                lane,
                job,
                r.limits.perTestTimeout().toNanos(),
                r.limits.perProgramTimeout().toNanos(),
                (long) (r.params.killGraceSeconds() * 1e9));
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
   * Whether a report from a shared worker may reflect another job's memory use: a MemoryError, or a
   * job that did not pass while the worker found its heap in trouble.
   */
  static boolean memoryTrouble(Wire.Report r) {
    if ("MemoryError".equals(r.loadError()) || r.tests().contains("MemoryError")) {
      return true;
    }
    return r.recycle()
        && r.compileError() == null
        && (r.loadError() != null || r.tests().stream().anyMatch(t -> !"true".equals(t)));
  }

  private static ExecutionResult toResult(ExecutionJob job, Wire.Report r, long millis) {
    List<TestResult> tests = new ArrayList<>(r.tests().size());
    for (String t : r.tests()) {
      tests.add(Classification.fromWire(t));
    }
    Outcome outcome =
        Classification.classify(
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
        alone = new Worker(workerCommand(1), 1);
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
}
