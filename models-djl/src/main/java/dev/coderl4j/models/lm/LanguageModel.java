package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A loaded architecture: the pure forward functions over its parameters (no optimiser, no
 * tokenizer). Encoder-decoder ({@link T5Model}) or decoder-only ({@link CausalLm}).
 */
public sealed interface LanguageModel permits T5Model, CausalLm {

  LmConfig config();

  /** Trainable tensors by Hugging Face name, each stored once (tied weights appear once). */
  Map<String, NDArray> parameters();

  /**
   * Tells the model that its parameters were changed in place (an optimiser step), so that it drops
   * copies it derived from them for decoding.
   */
  default void weightsChanged() {}
}
