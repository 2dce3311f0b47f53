package dev.coderl4j.plugins.returns;

import dev.coderl4j.core.plugin.NoParams;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.returns.ProblemRollouts;
import dev.coderl4j.core.returns.ReturnEstimator;
import dev.coderl4j.core.returns.Rollout;
import dev.coderl4j.core.returns.TokenReturns;
import java.util.ArrayList;
import java.util.List;

/** Table 2's variant B: the critic without a baseline, {@code r(W^s) · q̂_φ(w_t)}. */
public final class CriticValues implements ReturnEstimator {
  /** The plugin name. */
  public static final String NAME = "critic-values";

  /** Builds {@code critic-values}. */
  public static final class Factory extends ParamsFactory<ReturnEstimator, NoParams> {
    public Factory() {
      super(NoParams.class);
    }

    @Override
    protected ReturnEstimator build(NoParams params) {
      return new CriticValues();
    }
  }

  @Override
  public boolean usesCritic() {
    return true;
  }

  @Override
  public boolean usesGreedyBaseline() {
    return false;
  }

  @Override
  public List<TokenReturns> estimate(ProblemRollouts problem) {
    List<TokenReturns> out = new ArrayList<>();
    for (Rollout r : problem.rollouts()) {
      Rollouts.requireCritic(r, NAME);
      out.add(TokenReturns.scaled(r.reward(), r.criticValues()));
    }
    return out;
  }
}
