package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;

/** A decoder-only LM (GPT-Neo, GPT-J): the prompt is a prefix of the sequence it continues. */
public sealed interface CausalLm extends LanguageModel permits GptNeoModel, GptJModel {

  /**
   * Runs the new positions and returns their final hidden states {@code [B, T, D]} (after the final
   * layer norm).
   *
   * @param ids {@code [B, T]} token ids of the new positions
   * @param positions {@code [B, T]} int64 position ids (GPT-Neo's learned positions, GPT-J's
   *     rotary angles); with left padding, count only real tokens
   * @param keyMask {@code [B, past + T]}, 1 for tokens and 0 for padding; null when nothing is
   *     padded
   * @param cache past keys and values, extended in place; null to run without a cache
   */
  NDArray forward(NDArray ids, NDArray positions, NDArray keyMask, KvCache cache);

  /** Next-token logits {@code [B, T, V]} from final hidden states. */
  NDArray logits(NDArray hidden);

  /** Transformer blocks (cache layers). */
  int layers();

  /** The id put before an empty prompt. */
  int bosTokenId();

  /** The longest sequence the position table covers. */
  int maxPositions();
}
