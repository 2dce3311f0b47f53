package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;

/**
 * A linear layer as PyTorch stores it: {@code x @ weight.T + bias}, weight {@code [out, in]}, bias
 * {@code [out]} or null. The decoder-only backbones load every projection into one of these.
 */
public record Projection(NDArray weight, NDArray bias) {

  /** The projection {@code prefix + "weight"} (and {@code prefix + "bias"} when {@code bias}). */
  public static Projection load(Weights w, String prefix, long out, long in, boolean bias) {
    return new Projection(
        w.take(prefix + "weight", out, in), bias ? w.take(prefix + "bias", out) : null);
  }

  /** Applies the projection (differentiable). */
  public NDArray apply(NDArray x) {
    return Ops.linear(x, weight, bias);
  }
}
