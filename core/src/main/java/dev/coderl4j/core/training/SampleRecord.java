package dev.coderl4j.core.training;

import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.exec.TestResult;
import dev.coderl4j.core.lm.Tokens;
import java.util.List;
import java.util.Objects;

/**
 * One executed program of the sample stage, as a line of {@code samples.jsonl}.
 *
 * <p>The outcome and per-test results are stored rather than a reward, so that the RL stage can
 * apply any reward scheme without sampling again. Both are written in {@link
 * dev.coderl4j.core.exec.OutcomeCodec}'s form, so a compile or runtime message survives.
 *
 * @param problemId the problem
 * @param kind {@code sample} (drawn by the sampler) or {@code baseline} (the greedy {@code W^b})
 * @param index the sample's index within its problem; 0 for the baseline
 * @param tokens the generated ids, without end of sequence
 * @param finished whether generation ended with end of sequence
 * @param program the program that was run
 * @param outcome how the run ended (Eq. 4–7), with its details
 * @param tests per-test results
 * @param suiteSize tests in the hidden suite
 * @param millis execution wall time
 */
public record SampleRecord(
    String problemId,
    String kind,
    int index,
    List<Integer> tokens,
    boolean finished,
    String program,
    Outcome outcome,
    List<TestResult> tests,
    int suiteSize,
    long millis) {

  public static final String SAMPLE = "sample";
  public static final String BASELINE = "baseline";

  public SampleRecord {
    Objects.requireNonNull(problemId, "problemId");
    Objects.requireNonNull(kind, "kind");
    tokens = List.copyOf(tokens);
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(outcome, "outcome");
    tests = List.copyOf(tests);
  }

  /** The record of a generated program and its execution. */
  public static SampleRecord of(
      String problemId,
      String kind,
      int index,
      Tokens tokens,
      boolean finished,
      String program,
      ExecutionResult result,
      int suiteSize) {
    return new SampleRecord(
        problemId,
        kind,
        index,
        tokens.stream().boxed().toList(),
        finished,
        program,
        result.outcome(),
        result.tests(),
        suiteSize,
        result.millis());
  }

  /** The generated ids. */
  public Tokens tokenIds() {
    return Tokens.of(tokens.stream().mapToInt(Integer::intValue).toArray());
  }
}
