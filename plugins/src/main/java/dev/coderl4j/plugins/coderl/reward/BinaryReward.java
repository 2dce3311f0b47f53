package dev.coderl4j.plugins.coderl.reward;

import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.exec.TestResult;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.reward.RewardScheme;
import java.util.List;

/**
 * Pass or fail: {@code passed} when every test passes, {@code failed} otherwise (the plain
 * functional-correctness return that Eq. 4–7 refine; an ablation of §3.3's reward shaping).
 */
public final class BinaryReward implements RewardScheme {
  /** The plugin name. */
  public static final String NAME = "binary";

  /** The two returns: 1 and 0 by default. */
  public record Params(Double passed, Double failed) {
    public Params {
      passed = passed == null ? 1.0 : passed;
      failed = failed == null ? 0.0 : failed;
      if (!(failed < passed)) {
        throw new IllegalArgumentException(
            "failed must be less than passed (defaults 0 and 1), got " + failed + " and " + passed);
      }
    }
  }

  /** Builds {@code binary} from its params. */
  public static final class Factory extends ParamsFactory<RewardScheme, Params> {
    public Factory() {
      super(Params.class);
    }

    @Override
    protected RewardScheme build(Params params) {
      return new BinaryReward(params);
    }
  }

  private final Params params;

  public BinaryReward(Params params) {
    this.params = params;
  }

  @Override
  public double reward(Outcome outcome, List<TestResult> tests, int suiteSize) {
    return switch (outcome) {
      case Outcome.Passed p -> params.passed();
      case Outcome.CompileError c -> params.failed();
      case Outcome.RuntimeError r -> params.failed();
      case Outcome.FailedTest f -> params.failed();
    };
  }

  @Override
  public double min() {
    return params.failed();
  }

  @Override
  public double max() {
    return params.passed();
  }
}
