package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The feed-forward non-linearities the supported checkpoints use, by their Hugging Face names. */
public enum Activation {
  /** {@code relu}: CodeT5 and T5 v1.0. */
  RELU("relu"),
  /** {@code gelu}: the exact, erf-based GELU. */
  GELU("gelu"),
  /**
   * {@code gelu_new}: the tanh approximation of GPT-2, GPT-Neo, GPT-J and gated T5 v1.1, written as
   * Hugging Face's {@code NewGELUActivation} writes it so that rounding matches.
   */
  GELU_NEW("gelu_new"),
  /** {@code silu} (also called {@code swish}). */
  SILU("silu");

  private final String hfName;

  Activation(String hfName) {
    this.hfName = hfName;
  }

  public String hfName() {
    return hfName;
  }

  /** Parses a Hugging Face activation name; an unknown one lists the supported names. */
  public static Activation fromHf(String name) {
    String n = name.strip().toLowerCase(java.util.Locale.ROOT);
    if (n.equals("swish")) {
      return SILU;
    }
    for (Activation a : values()) {
      if (a.hfName.equals(n)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "Unsupported activation '"
            + name
            + "'; supported: "
            + Arrays.stream(values()).map(Activation::hfName).collect(Collectors.joining(", ")));
  }

  /** Applies the activation (differentiable). */
  public NDArray apply(NDArray x) {
    return switch (this) {
      case RELU -> ai.djl.nn.Activation.relu(x);
      case GELU -> ai.djl.nn.Activation.gelu(x);
      case GELU_NEW -> {
        // 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3)))
        // Constants through Ops.constant: autograd keeps them for the backward pass.
        NDArray cube = x.pow(Ops.constant(x, 3.0));
        NDArray inner =
            Ops.scale(x.add(Ops.scale(cube, 0.044715f)), (float) Math.sqrt(2.0 / Math.PI));
        yield Ops.scale(x, 0.5f).mul(inner.tanh().add(1f));
      }
      case SILU -> x.mul(ai.djl.nn.Activation.sigmoid(x));
    };
  }
}
