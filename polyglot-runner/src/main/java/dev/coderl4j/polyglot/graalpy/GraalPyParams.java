package dev.coderl4j.polyglot.graalpy;

import dev.coderl4j.core.exec.ExecutionLimits;
import dev.coderl4j.polyglot.Modes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Params of the {@code graalpy} runner: the limits (APPS' defaults), the worker pool, and backend
 * options. A missing (null) value means the default.
 *
 * @param timeoutSeconds wall time per test (APPS: 4)
 * @param programTimeoutSeconds wall time for the whole job (60)
 * @param maxOutputBytes stdout kept per test (1 MiB); more ends the test as OutputLimitExceeded
 * @param maxMemoryMb heap a program may use before it ends as MemoryError (1024)
 * @param maxRecursionDepth the Python recursion depth the guest stack is sized for (100,000)
 * @param workers jobs run at once (0: one per core), over worker JVMs of {@code lanes} each
 * @param compilation {@code jit} (default: the Graal JIT, required when chosen; CPU-bound programs
 *     finish as in CPython where the interpreter times out, e.g. MBPP 123 in 4 s against more than
 *     20 s) or {@code interpreter} (starts each worker sooner, but times CPU-bound programs out; on
 *     the MBPP benchmark, median 3.05x per-job CPython processes against 3.17x with the JIT,
 *     docs/execution.md)
 * @param isolation {@code verified} (reuse a context while it checks clean) or {@code fresh} (a new
 *     context for every job; slower, see docs/execution.md)
 * @param killGraceSeconds how long past a deadline a worker may take to stop a program before the
 *     runner kills the whole process (2)
 * @param heapOverheadMb heap for the engine and its contexts, added to maxMemoryMb (512)
 * @param engineOptions extra Truffle engine options (e.g. {@code engine.Mode: latency}; measured in
 *     docs/execution.md)
 * @param jvmArgs extra JVM arguments for the worker processes
 * @param hostCompiler how the worker JVM compiles its own (Truffle and GraalPy) code: {@code c1}
 *     (default; HotSpot's quick compiler only, which leaves the cores to the programs: 1.9x the
 *     throughput of {@code tiered} on the MBPP benchmark) or {@code tiered} (C1 then C2)
 * @param classDataDir where workers keep their class-data-sharing archives and JIT workers their
 *     image of the JDK (default {@code ~/.cache/coderl4j}; {@code off} for none, which also starts
 *     JIT workers with {@code --upgrade-module-path}); see {@link ClassDataArchive}, {@link
 *     JitImage}
 * @param lanes jobs one worker JVM runs at once, on threads of their own with contexts of their own
 *     (0: all {@code workers} jobs in one JVM; 1: a JVM per job, the default interpreted; null: the
 *     default for the mode, which with the JIT is up to {@value #DEFAULT_JIT_LANES} lanes per JVM).
 *     Lanes share the JVM's start, its heap and the JIT's compiled code. The heap is maxMemoryMb +
 *     heapOverheadMb + {@value #LANE_HEAP_MB} MB per further lane; a job that ends in memory
 *     trouble (MemoryError, or failing while the heap ran short) or whose worker died under it is
 *     run again alone in a single-lane worker with the heap of one job, whose result is final: the
 *     outcomes are those of a JVM per job.
 */
public record GraalPyParams(
    Double timeoutSeconds,
    Double programTimeoutSeconds,
    Long maxOutputBytes,
    Integer maxMemoryMb,
    Integer maxRecursionDepth,
    Integer workers,
    String compilation,
    String isolation,
    Double killGraceSeconds,
    Integer heapOverheadMb,
    Map<String, String> engineOptions,
    List<String> jvmArgs,
    String hostCompiler,
    String classDataDir,
    Integer lanes) {

  /** How the Graal JIT compiles guest code: {@code jit} or {@code interpreter}. */
  public enum Compilation {
    JIT("jit"),
    INTERPRETER("interpreter");

    private final String label;

    Compilation(String label) {
      this.label = label;
    }

    /** The name in configs. */
    public String label() {
      return label;
    }

    /** The mode named {@code name} in a config. */
    public static Compilation of(String name) {
      return Modes.parse(Compilation.class, Compilation::label, "compilation", name);
    }
  }

  /** Whether a context is reused while it checks clean: {@code verified} or {@code fresh}. */
  public enum Isolation {
    VERIFIED("verified"),
    FRESH("fresh");

    private final String label;

    Isolation(String label) {
      this.label = label;
    }

    /** The name in configs. */
    public String label() {
      return label;
    }

    /** The mode named {@code name} in a config. */
    public static Isolation of(String name) {
      return Modes.parse(Isolation.class, Isolation::label, "isolation", name);
    }
  }

  /** How the worker JVM compiles its own code: {@code c1} or {@code tiered} (C1 then C2). */
  public enum HostCompiler {
    C1("c1"),
    TIERED("tiered");

    private final String label;

    HostCompiler(String label) {
      this.label = label;
    }

    /** The name in configs. */
    public String label() {
      return label;
    }

    /** The mode named {@code name} in a config. */
    public static HostCompiler of(String name) {
      return Modes.parse(HostCompiler.class, HostCompiler::label, "hostCompiler", name);
    }
  }

  public GraalPyParams {
    ExecutionLimits d = ExecutionLimits.defaults();
    timeoutSeconds = timeoutSeconds == null ? seconds(d.perTestTimeout()) : timeoutSeconds;
    programTimeoutSeconds =
        programTimeoutSeconds == null ? seconds(d.perProgramTimeout()) : programTimeoutSeconds;
    maxOutputBytes = maxOutputBytes == null ? d.maxOutputBytes() : maxOutputBytes;
    maxMemoryMb = maxMemoryMb == null ? d.maxMemoryMb() : maxMemoryMb;
    maxRecursionDepth = maxRecursionDepth == null ? d.maxRecursionDepth() : maxRecursionDepth;
    workers = workers == null ? 0 : workers;
    compilation = compilation == null ? "jit" : compilation;
    isolation = isolation == null ? "verified" : isolation;
    killGraceSeconds = killGraceSeconds == null ? 2.0 : killGraceSeconds;
    heapOverheadMb = heapOverheadMb == null ? 512 : heapOverheadMb;
    engineOptions = engineOptions == null ? Map.of() : Map.copyOf(engineOptions);
    jvmArgs = jvmArgs == null ? List.of() : List.copyOf(jvmArgs);
    hostCompiler = hostCompiler == null ? "c1" : hostCompiler;
    // lanes stays null (the default for the compilation mode, see lanesPerWorker) so that
    // withCompilation() moves it along with the mode.
    if (lanes != null && (lanes < 0 || lanes > WorkerConfig.MAX_LANES)) {
      throw new IllegalArgumentException(
          "lanes must be 0 (all jobs in one worker JVM) to "
              + WorkerConfig.MAX_LANES
              + ", got "
              + lanes);
    }
    classDataDir =
        classDataDir == null
            ? Path.of(System.getProperty("user.home"), ".cache", "coderl4j").toString()
            : classDataDir;
    HostCompiler.of(hostCompiler);
    if (classDataDir.isBlank()) {
      throw new IllegalArgumentException(
          "classDataDir must be a directory or \"off\" (no class-data sharing), got an empty"
              + " string");
    }
    if (!(timeoutSeconds > 0)) {
      throw new IllegalArgumentException("timeoutSeconds must be positive, e.g. 4 (APPS' value)");
    }
    if (programTimeoutSeconds < timeoutSeconds) {
      throw new IllegalArgumentException(
          "programTimeoutSeconds ("
              + programTimeoutSeconds
              + ") must be at least timeoutSeconds ("
              + timeoutSeconds
              + ")");
    }
    if (workers < 0) {
      throw new IllegalArgumentException(
          "workers must be 0 (one per core) or positive, got " + workers);
    }
    Compilation.of(compilation);
    Isolation.of(isolation);
    if (!(killGraceSeconds > 0)) {
      throw new IllegalArgumentException("killGraceSeconds must be positive, e.g. 2");
    }
    if (heapOverheadMb < 128) {
      throw new IllegalArgumentException(
          "heapOverheadMb must be at least 128 (the engine needs it), got " + heapOverheadMb);
    }
    limits(timeoutSeconds, programTimeoutSeconds, maxOutputBytes, maxMemoryMb, maxRecursionDepth);
  }

  /** All defaults: APPS' 4 s per test, 60 s per job, 1 MiB, 1 GiB, depth 100,000, JIT, verified. */
  public static GraalPyParams defaults() {
    return new GraalPyParams(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** These params with other limits. */
  public GraalPyParams withLimits(ExecutionLimits l) {
    return new GraalPyParams(
        seconds(l.perTestTimeout()),
        seconds(l.perProgramTimeout()),
        l.maxOutputBytes(),
        l.maxMemoryMb(),
        l.maxRecursionDepth(),
        workers,
        compilation,
        isolation,
        killGraceSeconds,
        heapOverheadMb,
        engineOptions,
        jvmArgs,
        hostCompiler,
        classDataDir,
        lanes);
  }

  /** These params with another number of workers (0: one per core). */
  public GraalPyParams withWorkers(int n) {
    return new GraalPyParams(
        timeoutSeconds,
        programTimeoutSeconds,
        maxOutputBytes,
        maxMemoryMb,
        maxRecursionDepth,
        n,
        compilation,
        isolation,
        killGraceSeconds,
        heapOverheadMb,
        engineOptions,
        jvmArgs,
        hostCompiler,
        classDataDir,
        lanes);
  }

  /** These params with another isolation mode. */
  public GraalPyParams withIsolation(String mode) {
    return new GraalPyParams(
        timeoutSeconds,
        programTimeoutSeconds,
        maxOutputBytes,
        maxMemoryMb,
        maxRecursionDepth,
        workers,
        compilation,
        mode,
        killGraceSeconds,
        heapOverheadMb,
        engineOptions,
        jvmArgs,
        hostCompiler,
        classDataDir,
        lanes);
  }

  /** These params with another compilation mode ({@code jit} or {@code interpreter}). */
  public GraalPyParams withCompilation(String mode) {
    return new GraalPyParams(
        timeoutSeconds,
        programTimeoutSeconds,
        maxOutputBytes,
        maxMemoryMb,
        maxRecursionDepth,
        workers,
        mode,
        isolation,
        killGraceSeconds,
        heapOverheadMb,
        engineOptions,
        jvmArgs,
        hostCompiler,
        classDataDir,
        lanes);
  }

  /** The compilation mode. */
  public Compilation compilationMode() {
    return Compilation.of(compilation);
  }

  /** The isolation mode. */
  public Isolation isolationMode() {
    return Isolation.of(isolation);
  }

  /** The worker JVM's own compiler. */
  public HostCompiler hostCompilerMode() {
    return HostCompiler.of(hostCompiler);
  }

  /** The class-data archive directory, or empty when sharing is off. */
  public java.util.Optional<Path> classDataPath() {
    return classDataDir.equals("off")
        ? java.util.Optional.empty()
        : java.util.Optional.of(Path.of(classDataDir));
  }

  /** The limits these params describe. */
  public ExecutionLimits limits() {
    return limits(
        timeoutSeconds, programTimeoutSeconds, maxOutputBytes, maxMemoryMb, maxRecursionDepth);
  }

  /** These params with another number of lanes per worker JVM (0: all jobs in one). */
  public GraalPyParams withLanes(int n) {
    return new GraalPyParams(
        timeoutSeconds,
        programTimeoutSeconds,
        maxOutputBytes,
        maxMemoryMb,
        maxRecursionDepth,
        workers,
        compilation,
        isolation,
        killGraceSeconds,
        heapOverheadMb,
        engineOptions,
        jvmArgs,
        hostCompiler,
        classDataDir,
        n);
  }

  /** The number of jobs run at once (all lanes of all worker JVMs). */
  public int workerCount() {
    return workers == 0 ? Runtime.getRuntime().availableProcessors() : workers;
  }

  /**
   * Lanes per JIT worker JVM by default: enough to share its start and warm-up, few enough that a
   * many-core machine still spreads the jobs (and their garbage collections) over several JVMs.
   */
  public static final int DEFAULT_JIT_LANES = 4;

  /**
   * Heap added per lane beyond the first. Programs seldom need much; one that does, beside others,
   * runs into the heap watch and is run again alone with the whole memory limit.
   */
  public static final int LANE_HEAP_MB = 256;

  /** Lanes in each worker JVM (the last may have fewer). */
  public int lanesPerWorker() {
    // The JIT's start and warm-up are paid once per JVM; interpreted workers start from a
    // class-data archive in ~1 s and ran the benchmark faster one job per JVM (docs/execution.md).
    int n =
        lanes != null
            ? lanes
            : switch (compilationMode()) {
              case JIT -> DEFAULT_JIT_LANES;
              case INTERPRETER -> 1;
            };
    return n == 0 ? workerCount() : Math.min(n, workerCount());
  }

  /** The heap of a worker JVM with this many lanes, in MB. */
  public long workerHeapMb(int laneCount) {
    return (long) maxMemoryMb + heapOverheadMb + (long) (laneCount - 1) * LANE_HEAP_MB;
  }

  private static ExecutionLimits limits(double t, double p, long out, int mem, int depth) {
    return new ExecutionLimits(
        Duration.ofMillis((long) (t * 1000)),
        Duration.ofMillis((long) (p * 1000)),
        out,
        mem,
        depth);
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
