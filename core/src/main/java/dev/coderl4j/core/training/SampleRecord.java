package dev.coderl4j.core.training;

import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.exec.TestResult;
import dev.coderl4j.core.lm.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One executed program of the sample stage, as a line of {@code samples.jsonl}.
 *
 * <p>The outcome and per-test results are stored rather than a reward, so that the RL stage can
 * apply any reward scheme without sampling again.
 *
 * @param problemId the problem
 * @param kind {@code sample} (drawn by the sampler) or {@code baseline} (the greedy {@code W^b})
 * @param index the sample's index within its problem; 0 for the baseline
 * @param tokens the generated ids, without end of sequence
 * @param finished whether generation ended with end of sequence
 * @param program the program that was run
 * @param outcome the outcome label ({@code PASSED}, {@code FAILED_TEST}, ...)
 * @param errorType the exception type of a runtime error; empty otherwise
 * @param failedTest the index of the deciding test for failures and runtime errors; -1 otherwise
 * @param tests per-test results as on the wire: {@code true}, {@code false} or an error type
 * @param suiteSize tests in the hidden suite
 * @param millis execution wall time
 */
public record SampleRecord(
    String problemId, String kind, int index, List<Integer> tokens, boolean finished, String program,
    String outcome, String errorType, int failedTest, List<String> tests, int suiteSize, long millis) {

  public static final String SAMPLE = "sample";
  public static final String BASELINE = "baseline";

  public SampleRecord {
    Objects.requireNonNull(problemId, "problemId");
    Objects.requireNonNull(kind, "kind");
    tokens = List.copyOf(tokens);
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(outcome, "outcome");
    errorType = errorType == null ? "" : errorType;
    tests = List.copyOf(tests);
  }

  /** The record of a generated program and its execution. */
  public static SampleRecord of(String problemId, String kind, int index, Tokens tokens, boolean finished,
      String program, ExecutionResult result, int suiteSize) {
    String errorType = "";
    int failed = -1;
    switch (result.outcome()) {
      case Outcome.CompileError c -> { }
      case Outcome.RuntimeError r -> {
        errorType = r.errorType();
        failed = r.testIndex();
      }
      case Outcome.FailedTest f -> failed = f.testIndex();
      case Outcome.Passed p -> { }
    }
    List<String> wire = new ArrayList<>();
    for (TestResult t : result.tests()) {
      wire.add(switch (t) {
        case TestResult.Pass p -> "true";
        case TestResult.Fail f -> "false";
        case TestResult.Error e -> e.type();
      });
    }
    return new SampleRecord(problemId, kind, index, tokens.stream().boxed().toList(), finished, program,
        result.outcome().label(), errorType, failed, wire, suiteSize, result.millis());
  }

  /** The generated ids. */
  public Tokens tokenIds() {
    return Tokens.of(tokens.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The outcome as the sealed type. */
  public Outcome outcomeValue() {
    return switch (outcome) {
      case Outcome.CompileError.LABEL -> new Outcome.CompileError("");
      case Outcome.RuntimeError.LABEL -> new Outcome.RuntimeError(errorType, failedTest);
      case Outcome.FailedTest.LABEL -> new Outcome.FailedTest(failedTest);
      case Outcome.Passed.LABEL -> new Outcome.Passed();
      default -> throw new IllegalArgumentException("unknown outcome '" + outcome + "' in samples of " + problemId);
    };
  }

  /** The per-test results as the sealed type. */
  public List<TestResult> testResults() {
    return tests.stream().map(t -> switch (t) {
      case "true" -> TestResult.PASS;
      case "false" -> TestResult.FAIL;
      default -> (TestResult) new TestResult.Error(t);
    }).toList();
  }
}
