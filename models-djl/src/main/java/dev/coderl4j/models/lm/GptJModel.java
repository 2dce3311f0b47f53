package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code gptj} backbone ({@code transformers.GPTJForCausalLM}; an actor in the paper's
 * ablations, §4): rotary position embeddings on the first {@code rotary_dim} dimensions of each
 * head with GPT-J's interleaved {@code rotate_every_two}, attention and MLP in parallel from one
 * layer norm, attention scaled by {@code sqrt(head_dim)}, an untied LM head with bias.
 */
public final class GptJModel implements Backbone {
  /** The actor plugin name for GPT-J checkpoints. */
  public static final String NAME = "gptj";

  @Override
  public String modelType() {
    return "gptj";
  }

  @Override
  public String actorName() {
    return NAME;
  }

  /**
   * A GPT-J {@code config.json}.
   *
   * @param vocabSize rows of the token embedding and of the LM head
   * @param hiddenSize model width ({@code n_embd})
   * @param numLayers blocks ({@code n_layer})
   * @param numHeads attention heads ({@code n_head})
   * @param innerSize inner width of the MLP ({@code n_inner}, default 4 x n_embd)
   * @param maxPositions longest sequence ({@code n_positions})
   * @param rotaryDim leading dimensions of each head that rotate ({@code rotary_dim}; the whole
   *     head when absent)
   * @param activation the MLP non-linearity
   * @param layerNormEpsilon layer norm epsilon
   * @param tieWordEmbeddings whether the LM head reuses the token embedding (GPT-J's does not)
   * @param bosTokenId beginning-of-sequence id, put before an empty prompt
   * @param eosTokenId end-of-sequence id
   */
  public record Config(
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

    public Config {
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
            "rotary_dim must be even and at most the head width "
                + hiddenSize / numHeads
                + ", got "
                + rotaryDim);
      }
      java.util.Objects.requireNonNull(activation, "activation");
    }

    @Override
    public String architecture() {
      return NAME;
    }

    public int headDim() {
      return hiddenSize / numHeads;
    }

    @Override
    public CausalLm build(Weights w, NDManager manager) {
      return GptJModel.build(this, w);
    }
  }

  @Override
  public Config parse(ConfigJson c) {
    int hidden = c.requireInt("n_embd");
    int heads = c.requireInt("n_head");
    return new Config(
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

  /** The model over the checkpoint tensors, named as in {@code GPTJForCausalLM}. */
  static CausalLm build(Config config, Weights w) {
    long d = config.hiddenSize();
    long ff = config.innerSize();
    double eps = config.layerNormEpsilon();
    NDArray wte = w.take("transformer.wte.weight", config.vocabSize(), d);
    Attention.Scaling scale = new Attention.Scaling.DivideBy((float) Math.sqrt(config.headDim()));
    List<DecoderBlock> blocks = new ArrayList<>();
    for (int i = 0; i < config.numLayers(); i++) {
      String p = "transformer.h." + i + ".";
      Attention attn =
          new Attention(
              Projection.load(w, p + "attn.q_proj.", d, d, false),
              Projection.load(w, p + "attn.k_proj.", d, d, false),
              Projection.load(w, p + "attn.v_proj.", d, d, false),
              Projection.load(w, p + "attn.out_proj.", d, d, false),
              config.numHeads(),
              config.numHeads(),
              scale,
              0);
      blocks.add(
          new DecoderBlock(
              Norm.Layer.load(w, p + "ln_1.", d, eps),
              attn,
              null,
              new Mlp.Dense(
                  Projection.load(w, p + "mlp.fc_in.", ff, d, true),
                  config.activation(),
                  Projection.load(w, p + "mlp.fc_out.", d, ff, true))));
    }
    Norm lnF = Norm.Layer.load(w, "transformer.ln_f.", d, eps);
    NDArray head =
        config.tieWordEmbeddings() ? wte : w.take("lm_head.weight", config.vocabSize(), d);
    NDArray headBias = w.has("lm_head.bias") ? w.take("lm_head.bias", config.vocabSize()) : null;
    Rotary rotary = new Rotary(Rotary.Layout.INTERLEAVED, config.rotaryDim(), 10000.0);
    return new CausalLm(
        config,
        wte,
        null,
        rotary,
        blocks,
        lnF,
        new Projection(head, headBias),
        CausalLm.Masking.JOINT,
        config.bosTokenId(),
        config.maxPositions(),
        w.taken());
  }
}
