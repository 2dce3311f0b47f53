package dev.coderl4j.core.returns;

import java.util.List;

/**
 * Turns the rewards of a problem's sampled programs into per-token weights of {@code L_rl} (§3.3,
 * Eq. 8–10; the return variants of Table 2, §4.3).
 *
 * <p>Named plugins, chosen by {@code stages.rl.returns: {type, params}}. Table 2's variants are
 * {@code greedy-baseline} (A), {@code critic-values} (B), {@code greedy-baseline-decay} (C) and
 * {@code greedy-baseline-critic} (D, CodeRL); {@code group-mean} uses the mean reward of the
 * problem's other samples as the baseline, as RLOO and GRPO do. Implementations are stateless and
 * thread-safe.
 */
public interface ReturnEstimator {

  /** Whether {@link #estimate} needs critic values on every rollout. */
  boolean usesCritic();

  /** Whether {@link #estimate} needs the greedy program's reward. */
  boolean usesGreedyBaseline();

  /**
   * The weights of each rollout of one problem, in the order given.
   *
   * @throws IllegalArgumentException when a rollout lacks critic values this estimator needs, or
   *     the greedy reward is missing and needed; the message names the fix
   */
  List<TokenReturns> estimate(ProblemRollouts problem);
}
