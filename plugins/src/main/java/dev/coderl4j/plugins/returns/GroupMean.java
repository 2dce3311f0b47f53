package dev.coderl4j.plugins.returns;

import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.returns.ProblemRollouts;
import dev.coderl4j.core.returns.ReturnEstimator;
import dev.coderl4j.core.returns.Rollout;
import dev.coderl4j.core.returns.TokenReturns;
import java.util.ArrayList;
import java.util.List;

/**
 * A group-relative baseline, as RLOO and GRPO use: a sample's advantage is its reward minus the
 * mean reward of the problem's <em>other</em> samples (leave-one-out, so the baseline does not
 * depend on the sample it judges and the estimate stays unbiased). No greedy decode is needed. With
 * {@code critic: true} each token's weight is further scaled by the critic's value, as CodeRL's Eq.
 * 10 scales the greedy-baseline advantage.
 *
 * <p>A problem with a single sample has no other samples to compare with: its advantage is 0 (it
 * contributes no {@code L_rl} gradient), as in RLOO.
 */
public final class GroupMean implements ReturnEstimator {
  /** The plugin name. */
  public static final String NAME = "group-mean";

  /**
   * @param critic scale each token's weight by {@code q̂_φ(w_t)} (default false)
   */
  public record Params(Boolean critic) {
    public Params {
      critic = critic != null && critic;
    }
  }

  /** Builds {@code group-mean}. */
  public static final class Factory extends ParamsFactory<ReturnEstimator, Params> {
    public Factory() {
      super(Params.class);
    }

    @Override
    protected ReturnEstimator build(Params params) {
      return new GroupMean(params.critic());
    }
  }

  private final boolean critic;

  public GroupMean(boolean critic) {
    this.critic = critic;
  }

  @Override
  public boolean usesCritic() {
    return critic;
  }

  @Override
  public boolean usesGreedyBaseline() {
    return false;
  }

  @Override
  public List<TokenReturns> estimate(ProblemRollouts problem) {
    List<Rollout> rs = problem.rollouts();
    double sum = 0;
    for (Rollout r : rs) {
      sum += r.reward();
    }
    List<TokenReturns> out = new ArrayList<>(rs.size());
    for (Rollout r : rs) {
      double advantage = rs.size() < 2 ? 0 : r.reward() - (sum - r.reward()) / (rs.size() - 1);
      if (critic) {
        Rollouts.requireCritic(r, NAME + " with critic: true");
        out.add(TokenReturns.scaled(advantage, r.criticValues()));
      } else {
        out.add(TokenReturns.constant(advantage, r.length()));
      }
    }
    return out;
  }
}
