package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embeddings (RoPE) on the first {@code dim} dimensions of every query and key
 * head, in one of the two layouts checkpoints use. The angles are computed as the references do:
 * {@code inv_freq = 1 / base^(2i / dim)} in float32, {@code angle = position * inv_freq}, then
 * float32 sine and cosine, from the position ids of each forward (so padded rows and cached steps
 * get their own positions).
 *
 * @param layout how the rotated pairs are laid out in a head
 * @param dim leading dimensions of each head that rotate (even); the rest pass through
 * @param base {@code rope_theta} (10000 for GPT-J and Llama 2, 1e6 for Qwen2.5)
 */
public record Rotary(Layout layout, int dim, double base) {

  /** Where the two halves of each rotated pair sit. */
  public enum Layout {
    /** GPT-J's {@code rotate_every_two}: pairs are adjacent, {@code (x0, x1) -> (-x1, x0)}. */
    INTERLEAVED,
    /** Llama's {@code rotate_half}: pair {@code i} is {@code (x_i, x_{i+dim/2})}. */
    HALF
  }

  public Rotary {
    java.util.Objects.requireNonNull(layout, "layout");
    if (dim <= 0 || dim % 2 != 0) {
      throw new IllegalArgumentException("rotary dimension must be even and positive, got " + dim);
    }
    if (!(base > 1)) {
      throw new IllegalArgumentException("rope_theta must be > 1, got " + base);
    }
  }

  /**
   * The cosines and sines of one forward's positions, {@code [B, T, 1, dim]}, broadcast over heads.
   */
  public record Angles(Rotary rotary, NDArray cos, NDArray sin) {

    /** Rotates {@code x} {@code [B, T, H, D]} (head dimension last). */
    public NDArray apply(NDArray x) {
      int rd = rotary.dim();
      long hd = x.getShape().get(3);
      NDArray rot = rd == hd ? x : x.get(":, :, :, :" + rd);
      NDArray turned =
          switch (rotary.layout()) {
            case INTERLEAVED -> rotateEveryTwo(rot);
            case HALF -> rotateHalf(rot);
          };
      NDArray rotated = rot.mul(cos).add(turned.mul(sin));
      return rd == hd ? rotated : rotated.concat(x.get(":, :, :, " + rd + ":"), 3);
    }
  }

  /** The angles of {@code positions} ({@code [B, T]} int64). */
  public Angles angles(NDArray positions) {
    int half = dim / 2;
    float[] inv = new float[half];
    for (int i = 0; i < half; i++) {
      // float32 as torch: (arange(0, dim, 2).float() / dim), base ** that, 1.0 / that.
      float exponent = (float) (2 * i) / dim;
      inv[i] = 1f / (float) Math.pow(base, exponent);
    }
    NDArray invFreq = positions.getManager().create(inv, new Shape(half));
    NDArray freqs = positions.toType(DataType.FLOAT32, false).expandDims(-1).mul(invFreq);
    // GPT-J repeats each of the dim/2 angles in place (repeat_interleave); Llama concatenates
    // the dim/2 angles with themselves (emb = cat(freqs, freqs)).
    NDArray table =
        switch (layout) {
          case INTERLEAVED -> freqs.repeat(2, 2);
          case HALF -> freqs.concat(freqs, -1);
        };
    NDArray cos = table.cos();
    NDArray sin = table.sin();
    return new Angles(this, cos.expandDims(2), sin.expandDims(2));
  }

  /**
   * {@code (x0, x1, x2, x3, ..) -> (-x1, x0, -x3, x2, ..)} over the last axis of {@code [B, T, H,
   * D]}.
   */
  static NDArray rotateEveryTwo(NDArray x) {
    Shape s = x.getShape();
    NDArray pairs = x.reshape(s.get(0), s.get(1), s.get(2), s.get(3) / 2, 2);
    NDArray even = pairs.get(":, :, :, :, 0");
    NDArray odd = pairs.get(":, :, :, :, 1");
    return odd.neg().stack(even, 4).reshape(s);
  }

  /** {@code cat(-x[..., d/2:], x[..., :d/2])}. */
  static NDArray rotateHalf(NDArray x) {
    long d = x.getShape().get(3);
    NDArray x1 = x.get(":, :, :, :" + d / 2);
    NDArray x2 = x.get(":, :, :, " + d / 2 + ":");
    return x2.neg().concat(x1, 3);
  }
}
