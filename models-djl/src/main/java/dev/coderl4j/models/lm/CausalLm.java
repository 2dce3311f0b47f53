package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoder-only LM (GPT-Neo, GPT-J, Llama, Qwen2; §3.1): the prompt is a prefix of the sequence it
 * continues. One implementation for every decoder-only backbone: token (and learned position)
 * embeddings, {@link DecoderBlock}s, a final norm and the LM head, with masks, rotary angles and
 * the {@link KvCache} handled here once; a backbone only loads its parts by Hugging Face name.
 * Decoding sessions ({@code CausalDecodingSession}) and training ({@link DjlActor}) use this class
 * alone.
 */
public final class CausalLm implements LanguageModel {

  /** How padding and causal/window masks combine in attention scores. */
  public enum Masking {
    /** One {@link Ops#MASK_MIN} where a key is hidden for any reason (GPT-J, Llama, Qwen2). */
    JOINT,
    /**
     * Causal/window and padding masks as two added terms (GPT-Neo; see {@link
     * AttentionMask#summed}).
     */
    SUMMED
  }

  private final LmConfig config;
  private final NDArray tokens;
  private final NDArray learnedPositions;
  private final Rotary rotary;
  private final List<DecoderBlock> blocks;
  private final Norm finalNorm;
  private final Projection head;
  private final Masking masking;
  private final int bosTokenId;
  private final int maxPositions;
  private final Map<String, NDArray> parameters;

  /**
   * @param config the checkpoint's config
   * @param tokens the token embedding {@code [V, d]}
   * @param learnedPositions position embedding {@code [P, d]} added to the tokens (GPT-Neo), or
   *     null
   * @param rotary rotary embeddings of queries and keys (GPT-J, Llama), or null
   * @param blocks the transformer blocks, in order
   * @param finalNorm the norm after the last block
   * @param head the LM head (the token embedding when tied)
   * @param masking how masks combine
   * @param bosTokenId the id put before an empty prompt
   * @param maxPositions the longest sequence the model is for
   * @param parameters every parameter, by Hugging Face name ({@link Weights#taken()})
   */
  public CausalLm(
      LmConfig config,
      NDArray tokens,
      NDArray learnedPositions,
      Rotary rotary,
      List<DecoderBlock> blocks,
      Norm finalNorm,
      Projection head,
      Masking masking,
      int bosTokenId,
      int maxPositions,
      Map<String, NDArray> parameters) {
    this.config = config;
    this.tokens = tokens;
    this.learnedPositions = learnedPositions;
    this.rotary = rotary;
    this.blocks = List.copyOf(blocks);
    this.finalNorm = finalNorm;
    this.head = head;
    this.masking = masking;
    this.bosTokenId = bosTokenId;
    this.maxPositions = maxPositions;
    this.parameters = parameters;
  }

  @Override
  public LmConfig config() {
    return config;
  }

  @Override
  public Map<String, NDArray> parameters() {
    return parameters;
  }

  /** Transformer blocks (cache layers). */
  public int layers() {
    return blocks.size();
  }

  /** The id put before an empty prompt. */
  public int bosTokenId() {
    return bosTokenId;
  }

  /** The longest sequence the position table covers. */
  public int maxPositions() {
    return maxPositions;
  }

  /**
   * Runs the new positions and returns their final hidden states {@code [B, T, D]} (after the final
   * norm).
   *
   * @param ids {@code [B, T]} token ids of the new positions
   * @param positions {@code [B, T]} int64 position ids (learned positions, rotary angles); with
   *     left padding, count only real tokens
   * @param keyMask {@code [B, past + T]}, 1 for tokens and 0 for padding; null when nothing is
   *     padded
   * @param cache past keys and values, extended in place; null to run without a cache
   */
  public NDArray forward(NDArray ids, NDArray positions, NDArray keyMask, KvCache cache) {
    NDManager m = ids.getManager();
    int t = (int) ids.getShape().get(1);
    int k = (cache == null ? 0 : cache.length()) + t;
    int[][] km = AttentionMask.toJava(keyMask);
    Map<Integer, NDArray> masks = new HashMap<>();
    NDArray h = Ops.embedding(ids, tokens);
    if (learnedPositions != null) {
      h = h.add(Ops.embedding(positions, learnedPositions));
    }
    Rotary.Angles angles = rotary == null ? null : rotary.angles(positions);
    for (int l = 0; l < blocks.size(); l++) {
      DecoderBlock b = blocks.get(l);
      int window = b.attention().window();
      // One new position without padding sees every key (every key in its window when the window
      // covers them all): then no mask is needed.
      boolean unmasked = km == null && t == 1 && (window == 0 || k <= window);
      NDArray mask =
          unmasked
              ? null
              : masks.computeIfAbsent(
                  window,
                  w ->
                      switch (masking) {
                        case JOINT -> AttentionMask.additive(m, km, t, k, true, w);
                        case SUMMED -> AttentionMask.summed(m, km, t, k, true, w);
                      });
      h = b.apply(h, angles, mask, cache, l);
    }
    return finalNorm.apply(h);
  }

  /** The LM head (whose weight is {@link #tokenEmbedding()} when tied). */
  public Projection head() {
    return head;
  }

  /** The token embedding {@code [V, d]}. */
  public NDArray tokenEmbedding() {
    return tokens;
  }

  /** Next-token logits {@code [B, T, V]} from final hidden states. */
  public NDArray logits(NDArray hidden) {
    return head.apply(hidden);
  }
}
