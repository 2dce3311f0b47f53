package dev.coderl4j.core.exec;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of an {@link ExecutionJob}, with the result of every test that ran.
 *
 * @param jobId the job's id
 * @param outcome the class of §3.3, Eq. 4–7
 * @param tests per-test results in order; shorter than the suite when the run stopped early
 * @param millis wall time of the whole job
 * @param backend the runner that produced it ({@code graalpy}, {@code cpython})
 * @param detail a human-readable note (compile message, limit hit); empty when there is none
 */
public record ExecutionResult(
    String jobId,
    Outcome outcome,
    List<TestResult> tests,
    long millis,
    String backend,
    String detail) {
  public ExecutionResult {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(outcome, "outcome");
    tests = List.copyOf(Objects.requireNonNull(tests, "tests"));
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(detail, "detail");
  }

  /** Whether every test passed. */
  public boolean passed() {
    return outcome instanceof Outcome.Passed;
  }
}
