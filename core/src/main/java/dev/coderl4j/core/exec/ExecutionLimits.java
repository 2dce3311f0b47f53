package dev.coderl4j.core.exec;

import java.time.Duration;
import java.util.Objects;

/**
 * Resource limits for one program; the defaults are APPS'/CodeRL's (4 s per test).
 *
 * <p>The rationale for each limit is in {@code docs/execution.md}.
 *
 * @param perTestTimeout wall time per test (APPS: 4 s)
 * @param perProgramTimeout wall time for the whole job, all tests together
 * @param maxOutputBytes bytes of stdout kept per test; writing more is an error
 * @param maxMemoryMb memory a program may use before it ends as MemoryError
 * @param maxRecursionDepth the deepest Python recursion a program may reach
 */
public record ExecutionLimits(
    Duration perTestTimeout,
    Duration perProgramTimeout,
    long maxOutputBytes,
    int maxMemoryMb,
    int maxRecursionDepth) {

  /** APPS' per-test limit. */
  public static final Duration DEFAULT_PER_TEST = Duration.ofSeconds(4);

  public ExecutionLimits {
    Objects.requireNonNull(perTestTimeout, "perTestTimeout");
    Objects.requireNonNull(perProgramTimeout, "perProgramTimeout");
    if (perTestTimeout.isNegative() || perTestTimeout.isZero()) {
      throw new IllegalArgumentException(
          "perTestTimeout must be positive, e.g. PT4S (APPS' value)");
    }
    if (perProgramTimeout.compareTo(perTestTimeout) < 0) {
      throw new IllegalArgumentException(
          "perProgramTimeout ("
              + perProgramTimeout
              + ") must be at least perTestTimeout ("
              + perTestTimeout
              + ")");
    }
    if (maxOutputBytes < 1024) {
      throw new IllegalArgumentException(
          "maxOutputBytes must be at least 1024, got " + maxOutputBytes);
    }
    if (maxMemoryMb < 64) {
      throw new IllegalArgumentException("maxMemoryMb must be at least 64, got " + maxMemoryMb);
    }
    if (maxRecursionDepth < 1000) {
      throw new IllegalArgumentException(
          "maxRecursionDepth must be at least 1000 (CPython's default), got " + maxRecursionDepth);
    }
  }

  /** The defaults: 4 s per test, 60 s per program, 1 MiB of output, 1 GiB, depth 100,000. */
  public static ExecutionLimits defaults() {
    return new ExecutionLimits(DEFAULT_PER_TEST, Duration.ofSeconds(60), 1 << 20, 1024, 100_000);
  }

  /** These limits with another per-test timeout (the per-program cap grows to at least match). */
  public ExecutionLimits withPerTestTimeout(Duration timeout) {
    Duration cap = perProgramTimeout.compareTo(timeout) < 0 ? timeout : perProgramTimeout;
    return new ExecutionLimits(timeout, cap, maxOutputBytes, maxMemoryMb, maxRecursionDepth);
  }
}
