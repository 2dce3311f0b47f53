package dev.coderl4j.core.config;

import dev.coderl4j.core.training.ReturnVariant;

/**
 * The RL stage (§3.3, Eq. 10; §4.1): fine-tune the warm-started actor with {@code L_ce + L_rl} on
 * the stored samples, their returns, the greedy baseline's returns and the frozen critic's values.
 *
 * @param variant the return estimate of Table 2: A (baseline), B (critic), C (baseline + linear
 *     decay), D (baseline + critic, CodeRL)
 * @param epochs passes over the samples
 * @param batchSize (ground truth, sample) pairs per optimiser step
 * @param ceWeight weight of {@code L_ce} (the paper: equal weights, 1)
 * @param rlWeight weight of {@code L_rl} (1)
 * @param maxSteps stop after this many steps; 0 means no cap
 * @param maxSourceTokens prompt tokens kept (CodeRL: 600)
 * @param maxTargetTokens program tokens kept (CodeRL: 512)
 */
public record RlConfig(
    ReturnVariant variant, Integer epochs, Integer batchSize, Double ceWeight, Double rlWeight,
    Integer maxSteps, Integer maxSourceTokens, Integer maxTargetTokens) {
  public RlConfig {
    variant = variant == null ? ReturnVariant.D : variant;
    epochs = epochs == null ? 1 : epochs;
    batchSize = batchSize == null ? 8 : batchSize;
    ceWeight = ceWeight == null ? 1.0 : ceWeight;
    rlWeight = rlWeight == null ? 1.0 : rlWeight;
    maxSteps = maxSteps == null ? 0 : maxSteps;
    maxSourceTokens = maxSourceTokens == null ? 600 : maxSourceTokens;
    maxTargetTokens = maxTargetTokens == null ? 512 : maxTargetTokens;
    Checks.positive("rl.epochs", epochs);
    Checks.positive("rl.batchSize", batchSize);
    if (!(ceWeight >= 0) || !(rlWeight >= 0) || ceWeight + rlWeight == 0) {
      throw new IllegalArgumentException(
          "rl.ceWeight and rl.rlWeight must be ≥ 0 and not both 0 (the paper: 1 and 1), got "
              + ceWeight + ", " + rlWeight);
    }
    Checks.nonNegative("rl.maxSteps", maxSteps);
    Checks.positive("rl.maxSourceTokens", maxSourceTokens);
    Checks.positive("rl.maxTargetTokens", maxTargetTokens);
  }

  /** All defaults (variant D). */
  public static RlConfig defaults() {
    return new RlConfig(null, null, null, null, null, null, null, null);
  }
}
