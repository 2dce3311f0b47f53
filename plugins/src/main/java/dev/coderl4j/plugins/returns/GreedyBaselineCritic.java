package dev.coderl4j.plugins.returns;

import dev.coderl4j.core.plugin.NoParams;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.returns.ProblemRollouts;
import dev.coderl4j.core.returns.ReturnEstimator;
import dev.coderl4j.core.returns.Rollout;
import dev.coderl4j.core.returns.TokenReturns;
import java.util.ArrayList;
import java.util.List;

/**
 * Table 2's variant D, CodeRL's return (Eq. 10): the greedy baseline and the learned critic, {@code
 * (r(W^s) − r(W^b)) · q̂_φ(w_t)}.
 */
public final class GreedyBaselineCritic implements ReturnEstimator {
  /** The plugin name. */
  public static final String NAME = "greedy-baseline-critic";

  /** Builds {@code greedy-baseline-critic}. */
  public static final class Factory extends ParamsFactory<ReturnEstimator, NoParams> {
    public Factory() {
      super(NoParams.class);
    }

    @Override
    protected ReturnEstimator build(NoParams params) {
      return new GreedyBaselineCritic();
    }
  }

  @Override
  public boolean usesCritic() {
    return true;
  }

  @Override
  public boolean usesGreedyBaseline() {
    return true;
  }

  @Override
  public List<TokenReturns> estimate(ProblemRollouts problem) {
    double b = Rollouts.greedy(problem, NAME);
    List<TokenReturns> out = new ArrayList<>();
    for (Rollout r : problem.rollouts()) {
      Rollouts.requireCritic(r, NAME);
      out.add(TokenReturns.scaled(r.reward() - b, r.criticValues()));
    }
    return out;
  }
}
