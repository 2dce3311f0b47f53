package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;

/**
 * The normalisations of the decoder-only backbones: layer norm (GPT-Neo, GPT-J) or RMS norm
 * (Llama).
 */
public sealed interface Norm {

  /** Normalises over the last axis (differentiable). */
  NDArray apply(NDArray x);

  /** {@code torch.nn.LayerNorm}: mean and variance, weight and bias. */
  record Layer(NDArray weight, NDArray bias, double eps) implements Norm {
    /** Loads {@code prefix + "weight"} and {@code prefix + "bias"} of width {@code d}. */
    public static Layer load(Weights w, String prefix, long d, double eps) {
      return new Layer(w.take(prefix + "weight", d), w.take(prefix + "bias", d), eps);
    }

    @Override
    public NDArray apply(NDArray x) {
      return Ops.layerNorm(x, weight, bias, eps);
    }
  }

  /**
   * RMS norm ({@code LlamaRMSNorm}, {@code Qwen2RMSNorm}): {@code w * x / sqrt(mean(x^2) + eps)},
   * no mean, no bias; we compute in float32 throughout, as the reference does inside the norm.
   */
  record Rms(NDArray weight, double eps) implements Norm {
    /** Loads {@code prefix + "weight"} of width {@code d}. */
    public static Rms load(Weights w, String prefix, long d, double eps) {
      return new Rms(w.take(prefix + "weight", d), eps);
    }

    @Override
    public NDArray apply(NDArray x) {
      return Ops.rmsNorm(x, weight, eps);
    }
  }
}
