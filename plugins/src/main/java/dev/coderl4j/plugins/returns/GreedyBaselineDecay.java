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
 * Table 2's variant C: the greedy baseline and a rule-based "distance" critic, {@code q̂(w_t) = (T
 * − t + 1) / T}, decaying linearly from 1 at the first token to {@code 1/T} at the last.
 */
public final class GreedyBaselineDecay implements ReturnEstimator {
  /** The plugin name. */
  public static final String NAME = "greedy-baseline-decay";

  /** Builds {@code greedy-baseline-decay}. */
  public static final class Factory extends ParamsFactory<ReturnEstimator, NoParams> {
    public Factory() {
      super(NoParams.class);
    }

    @Override
    protected ReturnEstimator build(NoParams params) {
      return new GreedyBaselineDecay();
    }
  }

  /** {@code (T − t + 1) / T} for {@code t = 1..T}. */
  public static List<Double> linearDecay(int length) {
    List<Double> q = new ArrayList<>(length);
    for (int t = 0; t < length; t++) {
      q.add((double) (length - t) / length);
    }
    return q;
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
        .map((Rollout r) -> TokenReturns.scaled(r.reward() - b, linearDecay(r.length())))
        .toList();
  }
}
