package dev.coderl4j.core.config;

/**
 * The warm-start stage (§4.1): imitation learning with {@code L_ce} on ground-truth programs.
 *
 * @param epochs passes over the training problems (the paper: "up to 10")
 * @param batchSize (problem, solution) pairs per optimiser step
 * @param solutionsPerProblem reference solutions used per problem; 0 means all
 * @param maxSteps stop after this many steps even within an epoch; 0 means no cap (for budgets)
 * @param maxSourceTokens prompt tokens kept (CodeRL: 600)
 * @param maxTargetTokens program tokens kept (CodeRL: 512)
 * @param checkpointEvery write a resumable checkpoint every this many steps; 0 means once per epoch
 */
public record WarmStartConfig(
    Integer epochs,
    Integer batchSize,
    Integer solutionsPerProblem,
    Integer maxSteps,
    Integer maxSourceTokens,
    Integer maxTargetTokens,
    Integer checkpointEvery) {
  public WarmStartConfig {
    epochs = epochs == null ? 10 : epochs;
    batchSize = batchSize == null ? 8 : batchSize;
    solutionsPerProblem = solutionsPerProblem == null ? 0 : solutionsPerProblem;
    maxSteps = maxSteps == null ? 0 : maxSteps;
    maxSourceTokens = maxSourceTokens == null ? 600 : maxSourceTokens;
    maxTargetTokens = maxTargetTokens == null ? 512 : maxTargetTokens;
    checkpointEvery = checkpointEvery == null ? 0 : checkpointEvery;
    Checks.positive("warmstart.epochs", epochs);
    Checks.positive("warmstart.batchSize", batchSize);
    Checks.nonNegative("warmstart.solutionsPerProblem", solutionsPerProblem);
    Checks.nonNegative("warmstart.maxSteps", maxSteps);
    Checks.positive("warmstart.maxSourceTokens", maxSourceTokens);
    Checks.positive("warmstart.maxTargetTokens", maxTargetTokens);
    Checks.nonNegative("warmstart.checkpointEvery", checkpointEvery);
  }

  /** All defaults. */
  public static WarmStartConfig defaults() {
    return new WarmStartConfig(null, null, null, null, null, null, null);
  }
}
