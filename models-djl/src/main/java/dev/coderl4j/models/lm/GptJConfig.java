package dev.coderl4j.models.lm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A GPT-J {@code config.json} (an actor in the paper's ablations, §4).
 *
 * @param vocabSize rows of the token embedding and of the LM head
 * @param hiddenSize model width ({@code n_embd})
 * @param numLayers blocks ({@code n_layer})
 * @param numHeads attention heads ({@code n_head})
 * @param innerSize inner width of the MLP ({@code n_inner}, default 4 x n_embd)
 * @param maxPositions rotary table length ({@code n_positions})
 * @param rotaryDim leading dimensions of each head that rotate ({@code rotary_dim}; the whole head
 *     when absent)
 * @param activation the MLP non-linearity
 * @param layerNormEpsilon layer norm epsilon
 * @param tieWordEmbeddings whether the LM head reuses the token embedding (GPT-J's does not)
 * @param bosTokenId beginning-of-sequence id, put before an empty prompt
 * @param eosTokenId end-of-sequence id
 */
public record GptJConfig(
    int vocabSize,
    int hiddenSize,
    int numLayers,
    int numHeads,
    int innerSize,
    int maxPositions,
    int rotaryDim,
    Activation activation,
    double layerNormEpsilon,
    boolean tieWordEmbeddings,
    int bosTokenId,
    int eosTokenId)
    implements LmConfig {

  public GptJConfig {
    T5Config.positive("vocab_size", vocabSize);
    T5Config.positive("n_embd", hiddenSize);
    T5Config.positive("n_layer", numLayers);
    T5Config.positive("n_head", numHeads);
    T5Config.positive("n_inner", innerSize);
    T5Config.positive("n_positions", maxPositions);
    T5Config.positive("rotary_dim", rotaryDim);
    if (hiddenSize % numHeads != 0) {
      throw new IllegalArgumentException(
          "n_embd " + hiddenSize + " must be divisible by n_head " + numHeads);
    }
    if (rotaryDim > hiddenSize / numHeads || rotaryDim % 2 != 0) {
      throw new IllegalArgumentException(
          "rotary_dim must be even and at most the head width " + hiddenSize / numHeads + ", got "
              + rotaryDim);
    }
    java.util.Objects.requireNonNull(activation, "activation");
  }

  static GptJConfig fromJson(JsonNode root) {
    ConfigJson c = new ConfigJson(root, "GPT-J config");
    int hidden = c.requireInt("n_embd");
    int heads = c.requireInt("n_head");
    return new GptJConfig(
        c.requireInt("vocab_size"),
        hidden,
        c.requireInt("n_layer"),
        heads,
        c.optInt("n_inner", 4 * hidden),
        c.optInt("n_positions", 2048),
        c.optInt("rotary_dim", hidden / heads),
        Activation.fromHf(c.optString("activation_function", "gelu_new")),
        c.optDouble("layer_norm_epsilon", 1e-5),
        c.optBool("tie_word_embeddings", false),
        Math.max(0, c.optTokenId("bos_token_id")),
        c.requireTokenId("eos_token_id"));
  }

  @Override
  public String architecture() {
    return GptJModel.NAME;
  }

  public int headDim() {
    return hiddenSize / numHeads;
  }
}
