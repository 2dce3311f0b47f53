package dev.coderl4j.models.critic;

import dev.coderl4j.core.critic.LabelSet;

/**
 * Parameters of the {@code causal-critic} plugin (§3.2, §4.1: a decoder-only critic for GPT actors,
 * as the paper's GPT-2-small critic).
 *
 * @param checkpoint a decoder-only Hugging Face folder (GPT-Neo, GPT-J, Llama, Qwen2) in the
 *     actor's vocabulary to start from (its head is then initialised), or a folder this critic
 *     saved (backbone and head); required, since no decoder-only backbone ships with the project
 * @param labels the classes: {@code FOUR_CLASS} (Eq. 9) or {@code BINARY} (Critic Sampling)
 * @param learningRate AdamW's rate (the paper gives none for the critic; 5e-5 as for CodeT5)
 * @param weightDecay AdamW's decoupled weight decay
 * @param maxGradNorm global gradient-norm clip; 0 for none (Hugging Face's Trainer default: 1.0)
 * @param maxSourceTokens problem tokens read (CodeRL: 600)
 * @param maxProgramTokens program tokens read (CodeRL: 512)
 * @param threads libtorch intra-op threads; 0 leaves the default
 * @param seed initialises a new classification head
 */
public record CausalCriticParams(
    String checkpoint,
    LabelSet labels,
    Double learningRate,
    Double weightDecay,
    Double maxGradNorm,
    Integer maxSourceTokens,
    Integer maxProgramTokens,
    Integer threads,
    Long seed) {
  public CausalCriticParams {
    if (checkpoint == null || checkpoint.isBlank()) {
      throw new IllegalArgumentException(
          "causal-critic needs params.checkpoint: a decoder-only Hugging Face folder in the actor's"
              + " vocabulary (e.g. the actor's own model folder)");
    }
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
          "weightDecay and maxGradNorm must be >= 0 (0 turns them off)");
    }
    if (maxSourceTokens < 0 || maxProgramTokens < 1 || threads < 0) {
      throw new IllegalArgumentException(
          "maxSourceTokens must be >= 0, maxProgramTokens >= 1 and threads >= 0");
    }
  }

  /** These params with another checkpoint and label set (how stages reopen saved critics). */
  public CausalCriticParams with(String newCheckpoint, LabelSet newLabels) {
    return new CausalCriticParams(
        newCheckpoint,
        newLabels,
        learningRate,
        weightDecay,
        maxGradNorm,
        maxSourceTokens,
        maxProgramTokens,
        threads,
        seed);
  }
}
