package dev.coderl4j.plugins.returns;

import dev.coderl4j.core.returns.ProblemRollouts;
import dev.coderl4j.core.returns.Rollout;

/** What the estimators share: the checks of what they need, with messages that name the fix. */
final class Rollouts {
  private Rollouts() {}

  static double greedy(ProblemRollouts p, String estimator) {
    return p.greedyReward()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    estimator
                        + " subtracts the greedy program's reward, but this problem has none: set"
                        + " stages.sample.baseline (e.g. {type: greedy}) or use returns: {type:"
                        + " group-mean}"));
  }

  static void requireCritic(Rollout r, String estimator) {
    if (!r.hasCriticValues()) {
      throw new IllegalArgumentException(
          estimator
              + " weights tokens by the critic's values, but a sample has none: train a critic"
              + " (stage 'critic') or choose an estimator without one (greedy-baseline,"
              + " greedy-baseline-decay, group-mean)");
    }
  }
}
