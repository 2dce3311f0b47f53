package dev.coderl4j.plugins.returns;

import dev.coderl4j.core.plugin.NoParams;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.returns.ProblemRollouts;
import dev.coderl4j.core.returns.ReturnEstimator;
import dev.coderl4j.core.returns.Rollout;
import dev.coderl4j.core.returns.TokenReturns;
import java.util.List;

/** Table 2's variant A: every token gets {@code r(W^s) − r(W^b)}, the greedy baseline (Eq. 8). */
public final class GreedyBaseline implements ReturnEstimator {
  /** The plugin name. */
  public static final String NAME = "greedy-baseline";

  /** Builds {@code greedy-baseline}. */
  public static final class Factory extends ParamsFactory<ReturnEstimator, NoParams> {
    public Factory() {
      super(NoParams.class);
    }

    @Override
    protected ReturnEstimator build(NoParams params) {
      return new GreedyBaseline();
    }
  }

  @Override
  public boolean usesCritic() {
    return false;
  }

  @Override
  public boolean usesGreedyBaseline() {
    return true;
  }

  @Override
  public List<TokenReturns> estimate(ProblemRollouts problem) {
    double b = Rollouts.greedy(problem, NAME);
    return problem.rollouts().stream()
        .map((Rollout r) -> TokenReturns.constant(r.reward() - b, r.length()))
        .toList();
  }
}
