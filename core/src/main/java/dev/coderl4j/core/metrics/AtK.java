package dev.coderl4j.core.metrics;

import java.util.Objects;

/**
 * A metric at one k: estimated, or deliberately not estimated because some problem has fewer than k
 * samples (the EvalPlus rule: a k beyond a task's sample count is never silently estimated).
 */
public sealed interface AtK permits AtK.Value, AtK.NotEstimated {

  /** The metric was estimated. */
  record Value(Estimate estimate) implements AtK {
    public Value {
      Objects.requireNonNull(estimate, "estimate");
    }
  }

  /**
   * The metric was not estimated.
   *
   * @param reason why, e.g. that k exceeds the smallest number of samples of a problem
   */
  record NotEstimated(String reason) implements AtK {
    public NotEstimated {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
