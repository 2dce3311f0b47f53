package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;

/** The feed-forward halves of the decoder blocks. */
public sealed interface Mlp {

  /** Applies the feed-forward (differentiable). */
  NDArray apply(NDArray x);

  /**
   * GPT-2 style: {@code out(act(in(x)))} (GPT-Neo's {@code c_fc/c_proj}, GPT-J's {@code
   * fc_in/fc_out}).
   */
  record Dense(Projection in, Activation activation, Projection out) implements Mlp {
    @Override
    public NDArray apply(NDArray x) {
      return out.apply(activation.apply(in.apply(x)));
    }
  }

  /** SwiGLU (Llama, Qwen2): {@code down(act(gate(x)) * up(x))}. */
  record Gated(Projection gate, Projection up, Activation activation, Projection down)
      implements Mlp {
    @Override
    public NDArray apply(NDArray x) {
      return down.apply(activation.apply(gate.apply(x)).mul(up.apply(x)));
    }
  }
}
