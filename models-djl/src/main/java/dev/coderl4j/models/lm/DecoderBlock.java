package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;

/**
 * One pre-norm block of a decoder-only backbone: either sequential ({@code h += attn(norm1(h)); h
 * += mlp(norm2(h))}: GPT-Neo, Llama, Qwen2) or parallel ({@code h += attn(norm1(h)) +
 * mlp(norm1(h))}: GPT-J), chosen by whether {@code preMlp} is given.
 *
 * @param preAttention the norm before attention (and before the MLP when parallel)
 * @param attention causal self-attention
 * @param preMlp the norm before the MLP; null for a parallel block
 * @param mlp the feed-forward
 */
public record DecoderBlock(Norm preAttention, Attention attention, Norm preMlp, Mlp mlp) {

  public DecoderBlock {
    java.util.Objects.requireNonNull(preAttention, "preAttention");
    java.util.Objects.requireNonNull(attention, "attention");
    java.util.Objects.requireNonNull(mlp, "mlp");
  }

  /** The block's output for hidden states {@code h} {@code [B, T, d]}. */
  NDArray apply(NDArray h, Rotary.Angles angles, NDArray mask, KvCache cache, int layer) {
    NDArray x = preAttention.apply(h);
    NDArray a = attention.apply(x, angles, mask, cache, layer);
    if (preMlp == null) {
      // GPT-J's order of additions: attn + mlp, then the residual.
      return a.add(mlp.apply(x)).add(h);
    }
    NDArray mid = h.add(a);
    return mid.add(mlp.apply(preMlp.apply(mid)));
  }
}
