package dev.coderl4j.plugins.returns;

import dev.coderl4j.core.plugin.NoParams;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.returns.ProblemRollouts;
import dev.coderl4j.core.returns.ReturnEstimator;
import dev.coderl4j.core.returns.Rollout;
import dev.coderl4j.core.returns.TokenReturns;
import java.util.List;

/**
 * Table 3's "L_ce (+W^s)" row: every synthetic sample is trained on with cross-entropy as if it
 * were correct, whatever its reward (weight 1 on every token). With {@code ceWeight: 1} and {@code
 * rlWeight: 1} the RL stage then minimises {@code L_ce(W) + L_ce(W^s)}.
 */
public final class ImitateSamples implements ReturnEstimator {
  /** The plugin name. */
  public static final String NAME = "imitate-samples";

  /** Builds {@code imitate-samples}. */
  public static final class Factory extends ParamsFactory<ReturnEstimator, NoParams> {
    public Factory() {
      super(NoParams.class);
    }

    @Override
    protected ReturnEstimator build(NoParams params) {
      return new ImitateSamples();
    }
  }

  @Override
  public boolean usesCritic() {
    return false;
  }

  @Override
  public boolean usesGreedyBaseline() {
    return false;
  }

  @Override
  public List<TokenReturns> estimate(ProblemRollouts problem) {
    return problem.rollouts().stream()
        .map((Rollout r) -> TokenReturns.constant(1.0, r.length()))
        .toList();
  }
}
