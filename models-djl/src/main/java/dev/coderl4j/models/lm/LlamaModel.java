package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code llama} backbone ({@code transformers.LlamaForCausalLM}: CodeLlama, DeepSeek-Coder) and
 * the Llama family's shared layout, which {@link Qwen2Model} reuses: RMS norm before attention and
 * MLP, rotary embeddings in the {@code rotate_half} layout with {@code rope_theta}, grouped-query
 * attention scaled by {@code head_dim^-0.5}, a SwiGLU MLP, an LM head tied to the embedding or not.
 */
public final class LlamaModel implements Backbone {
  /** The actor plugin name for Llama checkpoints. */
  public static final String NAME = "llama";

  @Override
  public String modelType() {
    return "llama";
  }

  @Override
  public String actorName() {
    return NAME;
  }

  /**
   * A Llama-family {@code config.json}.
   *
   * @param architecture the actor plugin name ({@code llama}, {@code qwen2})
   * @param vocabSize rows of the token embedding and of the LM head
   * @param hiddenSize model width
   * @param intermediateSize inner width of the SwiGLU MLP
   * @param numLayers blocks ({@code num_hidden_layers})
   * @param numHeads query heads ({@code num_attention_heads})
   * @param numKvHeads key/value heads ({@code num_key_value_heads}; fewer: grouped-query attention)
   * @param headDim width of one head ({@code head_dim}, default {@code hidden_size / heads})
   * @param activation the gate's non-linearity ({@code hidden_act}, SiLU)
   * @param maxPositions {@code max_position_embeddings}
   * @param rmsNormEps {@code rms_norm_eps}
   * @param ropeTheta the rotary base ({@code rope_theta})
   * @param tieWordEmbeddings whether the LM head is the token embedding
   * @param qkvBias biases on the query, key and value projections (Qwen2; Llama's {@code
   *     attention_bias})
   * @param outputBias a bias on the attention output projection (Llama's {@code attention_bias})
   * @param mlpBias biases on the MLP projections ({@code mlp_bias})
   * @param bosTokenId beginning-of-sequence id, put before an empty prompt
   * @param eosTokenId end-of-sequence id
   */
  public record Config(
      String architecture,
      int vocabSize,
      int hiddenSize,
      int intermediateSize,
      int numLayers,
      int numHeads,
      int numKvHeads,
      int headDim,
      Activation activation,
      int maxPositions,
      double rmsNormEps,
      double ropeTheta,
      boolean tieWordEmbeddings,
      boolean qkvBias,
      boolean outputBias,
      boolean mlpBias,
      int bosTokenId,
      int eosTokenId)
      implements LmConfig {

    public Config {
      java.util.Objects.requireNonNull(architecture, "architecture");
      T5Config.positive("vocab_size", vocabSize);
      T5Config.positive("hidden_size", hiddenSize);
      T5Config.positive("intermediate_size", intermediateSize);
      T5Config.positive("num_hidden_layers", numLayers);
      T5Config.positive("num_attention_heads", numHeads);
      T5Config.positive("num_key_value_heads", numKvHeads);
      T5Config.positive("head_dim", headDim);
      T5Config.positive("max_position_embeddings", maxPositions);
      if (numHeads % numKvHeads != 0) {
        throw new IllegalArgumentException(
            "config.json: num_attention_heads "
                + numHeads
                + " must be a multiple of"
                + " num_key_value_heads "
                + numKvHeads);
      }
      if (headDim % 2 != 0) {
        throw new IllegalArgumentException(
            "config.json: head_dim must be even for rotary embeddings, got " + headDim);
      }
      if (!(rmsNormEps > 0)) {
        throw new IllegalArgumentException(
            "config.json: rms_norm_eps must be > 0, got " + rmsNormEps);
      }
      java.util.Objects.requireNonNull(activation, "activation");
    }

    @Override
    public CausalLm build(Weights w, NDManager manager) {
      return LlamaModel.build(this, w);
    }
  }

  @Override
  public Config parse(ConfigJson c) {
    boolean bias = c.optBool("attention_bias", false);
    return parse(c, NAME, bias, bias, 10000.0);
  }

  /**
   * Reads the keys every Llama-family config shares.
   *
   * @param defaultTheta the {@code rope_theta} of the family's config class when the key is absent
   */
  static Config parse(
      ConfigJson c, String architecture, boolean qkvBias, boolean outputBias, double defaultTheta) {
    int hidden = c.requireInt("hidden_size");
    int heads = c.requireInt("num_attention_heads");
    return new Config(
        architecture,
        c.requireInt("vocab_size"),
        hidden,
        c.requireInt("intermediate_size"),
        c.requireInt("num_hidden_layers"),
        heads,
        c.optInt("num_key_value_heads", heads),
        c.optInt("head_dim", hidden / heads),
        Activation.fromHf(c.optString("hidden_act", "silu")),
        c.optInt("max_position_embeddings", 2048),
        c.optDouble("rms_norm_eps", 1e-6),
        ropeTheta(c, defaultTheta),
        c.optBool("tie_word_embeddings", false),
        qkvBias,
        outputBias,
        c.optBool("mlp_bias", false),
        Math.max(0, c.optTokenId("bos_token_id")),
        c.requireTokenId("eos_token_id"));
  }

  /**
   * {@code rope_theta} (or transformers v5's {@code rope_parameters.rope_theta}); a {@code
   * rope_scaling} other than none or {@code default} fails, since computing plain RoPE for a scaled
   * checkpoint would give silently wrong logits.
   */
  static double ropeTheta(ConfigJson c, double fallback) {
    for (String key : List.of("rope_scaling", "rope_parameters")) {
      JsonNode n = c.node(key);
      if (n == null || n.isNull()) {
        continue;
      }
      String type = n.path("rope_type").asText(n.path("type").asText("default"));
      if (!type.equals("default")) {
        throw new IllegalArgumentException(
            "config.json: "
                + key
                + " type '"
                + type
                + "' is not supported (only plain RoPE,"
                + " rope_scaling: null, is implemented); use a checkpoint without "
                + key);
      }
      if (n.has("rope_theta")) {
        return n.get("rope_theta").asDouble();
      }
    }
    return c.optDouble("rope_theta", fallback);
  }

  /** The model over the checkpoint tensors, named as in {@code LlamaForCausalLM}. */
  static CausalLm build(Config config, Weights w) {
    long d = config.hiddenSize();
    long ff = config.intermediateSize();
    long qd = (long) config.numHeads() * config.headDim();
    long kvd = (long) config.numKvHeads() * config.headDim();
    double eps = config.rmsNormEps();
    NDArray embed = w.take("model.embed_tokens.weight", config.vocabSize(), d);
    Attention.Scaling scale =
        new Attention.Scaling.MultiplyBy((float) Math.pow(config.headDim(), -0.5));
    List<DecoderBlock> blocks = new ArrayList<>();
    for (int i = 0; i < config.numLayers(); i++) {
      String p = "model.layers." + i + ".";
      String a = p + "self_attn.";
      Attention attn =
          new Attention(
              Projection.load(w, a + "q_proj.", qd, d, config.qkvBias()),
              Projection.load(w, a + "k_proj.", kvd, d, config.qkvBias()),
              Projection.load(w, a + "v_proj.", kvd, d, config.qkvBias()),
              Projection.load(w, a + "o_proj.", d, qd, config.outputBias()),
              config.numHeads(),
              config.numKvHeads(),
              scale,
              0);
      String m = p + "mlp.";
      Mlp mlp =
          new Mlp.Gated(
              Projection.load(w, m + "gate_proj.", ff, d, config.mlpBias()),
              Projection.load(w, m + "up_proj.", ff, d, config.mlpBias()),
              config.activation(),
              Projection.load(w, m + "down_proj.", d, ff, config.mlpBias()));
      blocks.add(
          new DecoderBlock(
              Norm.Rms.load(w, p + "input_layernorm.", d, eps),
              attn,
              Norm.Rms.load(w, p + "post_attention_layernorm.", d, eps),
              mlp));
    }
    Norm norm = Norm.Rms.load(w, "model.norm.", d, eps);
    NDArray head =
        config.tieWordEmbeddings() ? embed : w.take("lm_head.weight", config.vocabSize(), d);
    Rotary rotary = new Rotary(Rotary.Layout.HALF, config.headDim(), config.ropeTheta());
    return new CausalLm(
        config,
        embed,
        null,
        rotary,
        blocks,
        norm,
        new Projection(head, null),
        CausalLm.Masking.JOINT,
        config.bosTokenId(),
        config.maxPositions(),
        w.taken());
  }
}
