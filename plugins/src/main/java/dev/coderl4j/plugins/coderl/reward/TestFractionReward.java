package dev.coderl4j.plugins.coderl.reward;

import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.exec.TestResult;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.reward.RewardScheme;
import java.util.List;

/**
 * The fraction of the suite's tests that passed, in [0, 1], optionally with a penalty for programs
 * that do not compile: a denser return than Eq. 4–7 for suites with many tests (APPS averages 20).
 *
 * <p>Tests that were not run (the runner stopped at the first failure) count as not passed, so run
 * jobs without {@code stopAtFirstFailure} when using this scheme.
 */
public final class TestFractionReward implements RewardScheme {
  /** The plugin name. */
  public static final String NAME = "test-fraction";

  /**
   * @param compileError the return of a program that does not compile (default 0, like no test
   *     passed)
   */
  public record Params(Double compileError) {
    public Params {
      compileError = compileError == null ? 0.0 : compileError;
      if (!(compileError <= 0)) {
        throw new IllegalArgumentException(
            "compileError must be ≤ 0 (default 0), got " + compileError);
      }
    }
  }

  /** Builds {@code test-fraction} from its params. */
  public static final class Factory extends ParamsFactory<RewardScheme, Params> {
    public Factory() {
      super(Params.class);
    }

    @Override
    protected RewardScheme build(Params params) {
      return new TestFractionReward(params);
    }
  }

  private final Params params;

  public TestFractionReward(Params params) {
    this.params = params;
  }

  @Override
  public double reward(Outcome outcome, List<TestResult> tests, int suiteSize) {
    if (suiteSize < tests.size()) {
      throw new IllegalArgumentException(
          "suiteSize " + suiteSize + " < " + tests.size() + " reported tests");
    }
    return switch (outcome) {
      case Outcome.CompileError c -> params.compileError();
      case Outcome.Passed p -> 1.0;
      case Outcome.RuntimeError r -> fraction(tests, suiteSize);
      case Outcome.FailedTest f -> fraction(tests, suiteSize);
    };
  }

  private static double fraction(List<TestResult> tests, int suiteSize) {
    if (suiteSize == 0) {
      return 0;
    }
    long passed = tests.stream().filter(t -> t instanceof TestResult.Pass).count();
    // A program that did not pass has at least one test that did not pass: strictly below 1.
    return Math.min(passed, suiteSize - 1) / (double) suiteSize;
  }

  @Override
  public double min() {
    return params.compileError();
  }

  @Override
  public double max() {
    return 1.0;
  }
}
