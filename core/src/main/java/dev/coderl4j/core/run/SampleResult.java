package dev.coderl4j.core.run;

import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.exec.TestResult;
import java.util.List;
import java.util.Objects;

/**
 * One line of {@code results.jsonl} (a {@link ResultsLog}): a sample run against its problem's
 * hidden or example tests.
 *
 * @param line the sample's line in the samples file
 * @param suite {@code hidden} or {@code example}
 * @param taskId the task id as written in the samples file
 * @param problemId the benchmark's problem id
 * @param sample the sample's index among its problem's samples
 * @param outcome how the run ended (Eq. 4–7), with its compile or runtime message
 * @param tests per-test results (both in {@link dev.coderl4j.core.exec.OutcomeCodec}'s form)
 * @param millis wall time of the run
 * @param detail the runner's note (compile message, limit hit), or empty
 * @param programSha256 the digest of the program that ran
 */
public record SampleResult(
    int line,
    String suite,
    String taskId,
    String problemId,
    int sample,
    Outcome outcome,
    List<TestResult> tests,
    long millis,
    String detail,
    String programSha256) {

  /** The suite of hidden tests, which decides correctness. */
  public static final String HIDDEN = "hidden";

  /** The suite of example tests, which n@k filters with. */
  public static final String EXAMPLE = "example";

  public SampleResult {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(outcome, "outcome");
    tests = List.copyOf(tests);
    detail = detail == null ? "" : detail;
  }

  /** The record of {@code result}, the run of {@code sample} against {@code suite}. */
  public static SampleResult of(Sample sample, String suite, ExecutionResult result) {
    return new SampleResult(
        sample.line(),
        suite,
        sample.taskId(),
        sample.problemId(),
        sample.index(),
        result.outcome(),
        result.tests(),
        result.millis(),
        result.detail(),
        sample.programSha256());
  }

  /** Whether every test passed. */
  public boolean passed() {
    return outcome instanceof Outcome.Passed;
  }
}
