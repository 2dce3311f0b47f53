package dev.coderl4j.plugins.coderl.reward;

import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.exec.TestResult;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.reward.RewardScheme;
import java.util.List;

/**
 * CodeRL's return by outcome class (§3.3, Eq. 4–7): −1.0 for a compile error, −0.6 for a runtime
 * error, −0.3 for a failed test, +1.0 when every test passes.
 */
public final class CodeRlReward implements RewardScheme {
  /** The plugin name. */
  public static final String NAME = "coderl";

  /**
   * The four returns; the defaults are the paper's.
   *
   * @param compileError Eq. 4
   * @param runtimeError Eq. 5
   * @param failedTest Eq. 6
   * @param passed Eq. 7
   */
  public record Params(Double compileError, Double runtimeError, Double failedTest, Double passed) {
    public Params {
      compileError = compileError == null ? -1.0 : compileError;
      runtimeError = runtimeError == null ? -0.6 : runtimeError;
      failedTest = failedTest == null ? -0.3 : failedTest;
      passed = passed == null ? 1.0 : passed;
      if (!(compileError <= runtimeError && runtimeError <= failedTest && failedTest < passed)) {
        throw new IllegalArgumentException(
            "rewards must satisfy compileError ≤ runtimeError ≤ failedTest < passed (the paper:"
                + " -1.0, -0.6, -0.3, 1.0), got "
                + compileError
                + ", "
                + runtimeError
                + ", "
                + failedTest
                + ", "
                + passed);
      }
    }

    /** The paper's values. */
    public static Params paper() {
      return new Params(null, null, null, null);
    }
  }

  /** Builds {@code coderl} from its params. */
  public static final class Factory extends ParamsFactory<RewardScheme, Params> {
    public Factory() {
      super(Params.class);
    }

    @Override
    protected RewardScheme build(Params params) {
      return new CodeRlReward(params);
    }
  }

  private final Params params;

  public CodeRlReward(Params params) {
    this.params = params;
  }

  @Override
  public double reward(Outcome outcome, List<TestResult> tests, int suiteSize) {
    return switch (outcome) {
      case Outcome.CompileError c -> params.compileError();
      case Outcome.RuntimeError r -> params.runtimeError();
      case Outcome.FailedTest f -> params.failedTest();
      case Outcome.Passed p -> params.passed();
    };
  }

  @Override
  public double min() {
    return params.compileError();
  }

  @Override
  public double max() {
    return params.passed();
  }
}
