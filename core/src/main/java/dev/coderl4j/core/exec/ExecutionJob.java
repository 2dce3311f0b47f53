package dev.coderl4j.core.exec;

import dev.coderl4j.core.problem.TestSuite;
import java.util.Objects;

/**
 * One program to run against one test suite.
 *
 * @param id the caller's id, echoed in the result
 * @param program the complete Python source
 * @param tests what to run it against
 * @param stopAtFirstFailure stop after the first test that does not pass (cheaper for rewards; the
 *     outcome is the same, only fewer per-test results are reported)
 */
public record ExecutionJob(String id, String program, TestSuite tests, boolean stopAtFirstFailure) {
  public ExecutionJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(tests, "tests");
  }

  /** A job that reports every test. */
  public ExecutionJob(String id, String program, TestSuite tests) {
    this(id, program, tests, false);
  }
}
