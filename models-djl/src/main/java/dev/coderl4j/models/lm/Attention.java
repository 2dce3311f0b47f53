package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Causal self-attention of a decoder block, with the variations the backbones differ by: biases on
 * the projections, grouped-query attention ({@code kvHeads < heads}: each key/value head serves
 * {@code heads / kvHeads} query heads, as transformers' {@code repeat_kv}), rotary positions, a
 * local window (GPT-Neo), and how scores are scaled.
 *
 * @param q query projection {@code [heads * headDim, d]}
 * @param k key projection {@code [kvHeads * headDim, d]}
 * @param v value projection {@code [kvHeads * headDim, d]}
 * @param o output projection {@code [d, heads * headDim]}
 * @param heads query heads
 * @param kvHeads key/value heads (divides {@code heads})
 * @param scaling how scores are scaled before the mask
 * @param window 0 for attention over the whole prefix, else only the last {@code window} keys
 */
public record Attention(
    Projection q,
    Projection k,
    Projection v,
    Projection o,
    int heads,
    int kvHeads,
    Scaling scaling,
    int window) {

  public Attention {
    if (heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0) {
      throw new IllegalArgumentException(
          "num_attention_heads "
              + heads
              + " must be a positive multiple of num_key_value_heads "
              + kvHeads);
    }
    java.util.Objects.requireNonNull(scaling, "scaling");
  }

  /**
   * How attention scores are scaled, written as each reference writes it so that float32 rounding
   * stays close.
   */
  public sealed interface Scaling {
    /** No scaling (GPT-Neo, T5). */
    record None() implements Scaling {}

    /** {@code scores / divisor} (GPT-J: {@code sqrt(head_dim)}). */
    record DivideBy(float divisor) implements Scaling {}

    /** {@code scores * factor} (Llama, Qwen2: {@code head_dim^-0.5}). */
    record MultiplyBy(float factor) implements Scaling {}
  }

  /**
   * Attends from {@code x} {@code [B, T, d]} over the cached and new positions.
   *
   * @param angles rotary angles of the new positions, or null for no rotary embedding
   * @param mask additive mask {@code [B or 1, 1, T, K]} for this attention's window, or null
   * @param cache past keys and values (extended in place), or null
   * @param layer this block's index in the cache
   */
  public NDArray apply(NDArray x, Rotary.Angles angles, NDArray mask, KvCache cache, int layer) {
    Shape s = x.getShape();
    long b = s.get(0);
    long t = s.get(1);
    NDArray qq = q.apply(x).reshape(b, t, heads, -1);
    NDArray kk = k.apply(x).reshape(b, t, kvHeads, -1);
    if (angles != null) {
      qq = angles.apply(qq);
      kk = angles.apply(kk);
    }
    qq = qq.transpose(0, 2, 1, 3);
    kk = kk.transpose(0, 2, 1, 3);
    NDArray vv = Ops.splitHeads(v.apply(x), kvHeads);
    if (cache != null) {
      // The cache holds the key/value heads (before repeat_kv), as transformers' does.
      NDArray[] kv = cache.append(layer, kk, vv);
      kk = kv[0];
      vv = kv[1];
    }
    if (kvHeads < heads) {
      // repeat_kv: key/value head j serves query heads j * n .. j * n + n - 1.
      kk = kk.repeat(1, heads / kvHeads);
      vv = vv.repeat(1, heads / kvHeads);
    }
    NDArray scores = qq.matMul(kk.transpose(0, 1, 3, 2));
    scores =
        switch (scaling) {
          case Scaling.None n -> scores;
          // Constants through Ops.constant: autograd keeps them for the backward pass.
          case Scaling.DivideBy d -> scores.div(Ops.constant(scores, d.divisor()));
          case Scaling.MultiplyBy m -> Ops.scale(scores, m.factor());
        };
    if (mask != null) {
      scores = scores.add(mask);
    }
    return o.apply(Ops.mergeHeads(scores.softmax(-1).matMul(vv)));
  }
}
