package dev.coderl4j.models.lm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code qwen2} backbone ({@code transformers.Qwen2ForCausalLM}: Qwen2.5-Coder): the Llama
 * layout ({@link LlamaModel}) with biases on the query, key and value projections (none on the
 * output projection or the MLP). Sliding-window attention ({@code use_sliding_window: true}) is not
 * implemented and fails on load; Qwen2.5-Coder checkpoints ship with it off.
 */
public final class Qwen2Model implements Backbone {
  /** The actor plugin name for Qwen2 checkpoints. */
  public static final String NAME = "qwen2";

  @Override
  public String modelType() {
    return "qwen2";
  }

  @Override
  public String actorName() {
    return NAME;
  }

  @Override
  public LlamaModel.Config parse(ConfigJson c) {
    if (c.optBool("use_sliding_window", false)) {
      throw new IllegalArgumentException(
          "config.json: use_sliding_window: true is not supported (sliding-window attention is not"
              + " implemented); set it to false for sequences within sliding_window tokens");
    }
    JsonNode types = c.node("layer_types");
    if (types != null && types.isArray()) {
      for (JsonNode t : types) {
        if (!t.asText().equals("full_attention")) {
          throw new IllegalArgumentException(
              "config.json: layer_types entry '"
                  + t.asText()
                  + "' is not supported; only"
                  + " full_attention is implemented");
        }
      }
    }
    // Qwen2Config's rope_theta default.
    return LlamaModel.parse(c, NAME, true, false, 10000.0);
  }
}
