package dev.coderl4j.core.config;

import dev.coderl4j.core.plugin.PluginSpec;
import java.util.Map;

/**
 * The RL stage (§3.3, Eq. 10; §4.1): fine-tune the warm-started actor with {@code L_ce + L_rl} on
 * sampled programs, their rewards and the return estimator's per-token weights.
 *
 * @param returns the return estimator, a named plugin (Table 2: {@code greedy-baseline} = A, {@code
 *     critic-values} = B, {@code greedy-baseline-decay} = C, {@code greedy-baseline-critic} = D,
 *     CodeRL's and the default; also {@code group-mean} and {@code imitate-samples}, Table 3's
 *     "L_ce (+W^s)")
 * @param variant removed (it named Table 2's letters); a config that still sets it fails with the
 *     name of the estimator to use instead
 * @param epochs passes over each round's samples
 * @param batchSize (ground truth, sample) pairs per optimiser step
 * @param ceWeight weight of {@code L_ce} (the paper: equal weights, 1)
 * @param rlWeight weight of {@code L_rl} (1)
 * @param maxSteps stop each round after this many steps; 0 means no cap
 * @param maxSourceTokens prompt tokens kept (CodeRL: 600)
 * @param maxTargetTokens program tokens kept (CodeRL: 512)
 * @param rounds RL rounds; 1 is the paper's offline setting (the sample stage's programs); each
 *     further round samples from the current actor, executes, optionally retrains the critic, then
 *     takes RL steps
 * @param retrainCritic retrain the critic on each online round's samples (default false)
 */
public record RlConfig(
    PluginSpec returns,
    String variant,
    Integer epochs,
    Integer batchSize,
    Double ceWeight,
    Double rlWeight,
    Integer maxSteps,
    Integer maxSourceTokens,
    Integer maxTargetTokens,
    Integer rounds,
    Boolean retrainCritic) {
  /** Table 2's letters and the estimators that replaced them. */
  public static final Map<String, String> VARIANTS =
      Map.of(
          "A",
          "greedy-baseline",
          "B",
          "critic-values",
          "C",
          "greedy-baseline-decay",
          "D",
          "greedy-baseline-critic");

  public RlConfig {
    if (variant != null) {
      String name = VARIANTS.get(variant.strip().toUpperCase(java.util.Locale.ROOT));
      throw new IllegalArgumentException(
          "rl.variant was replaced by rl.returns: write returns: {type: "
              + (name == null ? "greedy-baseline-critic" : name)
              + "}"
              + (name == null ? " (CodeRL's variant D)" : " for variant " + variant)
              + "; the estimators are "
              + VARIANTS);
    }
    returns = returns == null ? PluginSpec.of("greedy-baseline-critic") : returns;
    epochs = epochs == null ? 1 : epochs;
    batchSize = batchSize == null ? 8 : batchSize;
    ceWeight = ceWeight == null ? 1.0 : ceWeight;
    rlWeight = rlWeight == null ? 1.0 : rlWeight;
    maxSteps = maxSteps == null ? 0 : maxSteps;
    maxSourceTokens = maxSourceTokens == null ? 600 : maxSourceTokens;
    maxTargetTokens = maxTargetTokens == null ? 512 : maxTargetTokens;
    rounds = rounds == null ? 1 : rounds;
    retrainCritic = retrainCritic != null && retrainCritic;
    Checks.positive("rl.epochs", epochs);
    Checks.positive("rl.batchSize", batchSize);
    if (!(ceWeight >= 0) || !(rlWeight >= 0) || ceWeight + rlWeight == 0) {
      throw new IllegalArgumentException(
          "rl.ceWeight and rl.rlWeight must be ≥ 0 and not both 0 (the paper: 1 and 1), got "
              + ceWeight
              + ", "
              + rlWeight);
    }
    Checks.nonNegative("rl.maxSteps", maxSteps);
    Checks.positive("rl.maxSourceTokens", maxSourceTokens);
    Checks.positive("rl.maxTargetTokens", maxTargetTokens);
    Checks.positive("rl.rounds", rounds);
  }

  /** All defaults (CodeRL's return, one offline round). */
  public static RlConfig defaults() {
    return new RlConfig(null, null, null, null, null, null, null, null, null, null, null);
  }
}
