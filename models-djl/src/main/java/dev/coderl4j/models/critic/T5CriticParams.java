package dev.coderl4j.models.critic;

import dev.coderl4j.core.critic.LabelSet;

/**
 * Parameters of the {@code codet5-critic} plugin.
 *
 * @param checkpoint a Hugging Face T5 folder to start from (a pretrained backbone, whose head is
 *     then initialised), or a folder this critic saved (backbone and head)
 * @param labels the classes: {@code FOUR_CLASS} (Eq. 9) or {@code BINARY} (Critic Sampling)
 * @param learningRate AdamW's rate (the paper gives none for the critic; 5e-5 is a usual
 *     fine-tuning rate for CodeT5)
 * @param weightDecay AdamW's decoupled weight decay
 * @param maxGradNorm global gradient-norm clip; 0 for none (Hugging Face's Trainer default: 1.0)
 * @param maxSourceTokens problem tokens read (CodeRL: 600)
 * @param maxProgramTokens program tokens read (CodeRL: 512)
 * @param threads libtorch intra-op threads; 0 leaves the default
 * @param seed initialises a new classification head
 */
public record T5CriticParams(
    String checkpoint,
    LabelSet labels,
    Double learningRate,
    Double weightDecay,
    Double maxGradNorm,
    Integer maxSourceTokens,
    Integer maxProgramTokens,
    Integer threads,
    Long seed) {
  public T5CriticParams {
    checkpoint =
        checkpoint == null || checkpoint.isBlank() ? "models/codet5-small-ntp-py" : checkpoint;
    labels = labels == null ? LabelSet.FOUR_CLASS : labels;
    learningRate = learningRate == null ? 5e-5 : learningRate;
    weightDecay = weightDecay == null ? 0.0 : weightDecay;
    maxGradNorm = maxGradNorm == null ? 1.0 : maxGradNorm;
    maxSourceTokens = maxSourceTokens == null ? 600 : maxSourceTokens;
    maxProgramTokens = maxProgramTokens == null ? 512 : maxProgramTokens;
    threads = threads == null ? 0 : threads;
    seed = seed == null ? 42L : seed;
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException(
          "learningRate must be positive, e.g. 5e-5; got " + learningRate);
    }
    if (!(weightDecay >= 0) || !(maxGradNorm >= 0)) {
      throw new IllegalArgumentException(
          "weightDecay and maxGradNorm must be ≥ 0 (0 turns them off)");
    }
    if (maxSourceTokens < 1 || maxProgramTokens < 1 || threads < 0) {
      throw new IllegalArgumentException(
          "maxSourceTokens and maxProgramTokens must be ≥ 1 and threads ≥ 0");
    }
  }

  /** These params with another checkpoint and label set (how stages open saved critics). */
  public T5CriticParams with(String checkpoint, LabelSet labels) {
    return new T5CriticParams(
        checkpoint,
        labels,
        learningRate,
        weightDecay,
        maxGradNorm,
        maxSourceTokens,
        maxProgramTokens,
        threads,
        seed);
  }
}
