package dev.coderl4j.core.config;

/**
 * The critic stage (§3.3, Eq. 9; §4.1): train the critic on the executed samples while the actor is
 * frozen, and the binary critic {@code φ_test} for Critic Sampling.
 *
 * @param epochs passes over the training samples
 * @param batchSize samples per optimiser step
 * @param heldOutFraction fraction of problems held out to report accuracy, the confusion matrix and
 *     calibration
 * @param includeGroundTruth also train on the reference solutions labelled PassedTest (as CodeRL's
 *     critic dataset does)
 * @param trainBinary also train the binary {FailedTest, PassedTest} critic used by Critic Sampling
 * @param maxSteps stop each critic after this many steps; 0 means no cap
 */
public record CriticStageConfig(
    Integer epochs,
    Integer batchSize,
    Double heldOutFraction,
    Boolean includeGroundTruth,
    Boolean trainBinary,
    Integer maxSteps) {
  public CriticStageConfig {
    epochs = epochs == null ? 10 : epochs;
    batchSize = batchSize == null ? 8 : batchSize;
    heldOutFraction = heldOutFraction == null ? 0.1 : heldOutFraction;
    includeGroundTruth = includeGroundTruth == null ? Boolean.TRUE : includeGroundTruth;
    trainBinary = trainBinary == null ? Boolean.TRUE : trainBinary;
    maxSteps = maxSteps == null ? 0 : maxSteps;
    Checks.positive("critic.epochs", epochs);
    Checks.positive("critic.batchSize", batchSize);
    Checks.fraction("critic.heldOutFraction", heldOutFraction, true);
    Checks.nonNegative("critic.maxSteps", maxSteps);
  }

  /** All defaults. */
  public static CriticStageConfig defaults() {
    return new CriticStageConfig(null, null, null, null, null, null);
  }
}
