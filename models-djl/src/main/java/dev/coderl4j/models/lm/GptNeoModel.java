package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code gpt_neo} backbone ({@code transformers.GPTNeoForCausalLM}; a baseline and an actor in
 * the paper's ablations, §4): learned positions, pre-norm blocks whose attention alternates between
 * global and local (windowed) causal attention, no attention scaling, an LM head tied to the token
 * embedding.
 */
public final class GptNeoModel implements Backbone {
  /** The actor plugin name for GPT-Neo checkpoints. */
  public static final String NAME = "gpt-neo";

  @Override
  public String modelType() {
    return "gpt_neo";
  }

  @Override
  public String actorName() {
    return NAME;
  }

  /** GPT-Neo's two attention patterns. */
  public enum AttentionKind {
    /** Causal attention over the whole prefix. */
    GLOBAL,
    /** Causal attention over the last {@code window_size} positions only. */
    LOCAL
  }

  /**
   * A GPT-Neo {@code config.json}.
   *
   * @param vocabSize rows of the token embedding
   * @param hiddenSize model width
   * @param numLayers blocks
   * @param numHeads attention heads
   * @param intermediateSize inner width of the MLP
   * @param maxPositionEmbeddings rows of the learned position embedding
   * @param windowSize how far back local attention layers see
   * @param attentionLayers global or local attention, one per block
   * @param activation the MLP non-linearity
   * @param layerNormEpsilon layer norm epsilon
   * @param bosTokenId beginning-of-sequence id, put before an empty prompt
   * @param eosTokenId end-of-sequence id
   */
  public record Config(
      int vocabSize,
      int hiddenSize,
      int numLayers,
      int numHeads,
      int intermediateSize,
      int maxPositionEmbeddings,
      int windowSize,
      List<AttentionKind> attentionLayers,
      Activation activation,
      double layerNormEpsilon,
      int bosTokenId,
      int eosTokenId)
      implements LmConfig {

    public Config {
      T5Config.positive("vocab_size", vocabSize);
      T5Config.positive("hidden_size", hiddenSize);
      T5Config.positive("num_layers", numLayers);
      T5Config.positive("num_heads", numHeads);
      T5Config.positive("intermediate_size", intermediateSize);
      T5Config.positive("max_position_embeddings", maxPositionEmbeddings);
      T5Config.positive("window_size", windowSize);
      attentionLayers = List.copyOf(attentionLayers);
      if (attentionLayers.size() != numLayers) {
        throw new IllegalArgumentException(
            "attention_types expand to "
                + attentionLayers.size()
                + " layers but num_layers is "
                + numLayers
                + "; make [[kinds], repeats] cover every layer");
      }
      if (hiddenSize % numHeads != 0) {
        throw new IllegalArgumentException(
            "hidden_size " + hiddenSize + " must be divisible by num_heads " + numHeads);
      }
      java.util.Objects.requireNonNull(activation, "activation");
    }

    @Override
    public String architecture() {
      return NAME;
    }

    @Override
    public CausalLm build(Weights w, NDManager manager) {
      return GptNeoModel.build(this, w);
    }
  }

  @Override
  public Config parse(ConfigJson c) {
    int hidden = c.requireInt("hidden_size");
    List<AttentionKind> layers = new ArrayList<>();
    JsonNode types = c.node("attention_types");
    if (types != null && types.isArray()) {
      // [[["global", "local"], 12]] -> global, local, global, local, ...
      for (JsonNode item : types) {
        JsonNode kinds = item.get(0);
        int repeats = item.get(1).intValue();
        for (int r = 0; r < repeats; r++) {
          for (JsonNode k : kinds) {
            layers.add(kind(k.asText()));
          }
        }
      }
    } else if (c.node("attention_layers") != null) {
      for (JsonNode k : c.node("attention_layers")) {
        layers.add(kind(k.asText()));
      }
    }
    return new Config(
        c.requireInt("vocab_size"),
        hidden,
        c.requireInt("num_layers"),
        c.requireInt("num_heads"),
        c.optInt("intermediate_size", 4 * hidden),
        c.optInt("max_position_embeddings", 2048),
        c.optInt("window_size", 256),
        layers,
        Activation.fromHf(c.optString("activation_function", "gelu_new")),
        c.optDouble("layer_norm_epsilon", 1e-5),
        Math.max(0, c.optTokenId("bos_token_id")),
        c.requireTokenId("eos_token_id"));
  }

  private static AttentionKind kind(String s) {
    return switch (s) {
      case "global" -> AttentionKind.GLOBAL;
      case "local" -> AttentionKind.LOCAL;
      default ->
          throw new IllegalArgumentException(
              "GPT-Neo attention type '" + s + "' is neither 'global' nor 'local'");
    };
  }

  /** The model over the checkpoint tensors, named as in {@code GPTNeoForCausalLM}. */
  static CausalLm build(Config config, Weights w) {
    long d = config.hiddenSize();
    long ff = config.intermediateSize();
    double eps = config.layerNormEpsilon();
    NDArray wte = w.take("transformer.wte.weight", config.vocabSize(), d);
    NDArray wpe = w.take("transformer.wpe.weight", config.maxPositionEmbeddings(), d);
    List<DecoderBlock> blocks = new ArrayList<>();
    for (int i = 0; i < config.numLayers(); i++) {
      String p = "transformer.h." + i + ".";
      String a = p + "attn.attention.";
      boolean local = config.attentionLayers().get(i) == AttentionKind.LOCAL;
      Attention attn =
          new Attention(
              Projection.load(w, a + "q_proj.", d, d, false),
              Projection.load(w, a + "k_proj.", d, d, false),
              Projection.load(w, a + "v_proj.", d, d, false),
              Projection.load(w, a + "out_proj.", d, d, true),
              config.numHeads(),
              config.numHeads(),
              new Attention.Scaling.None(),
              local ? config.windowSize() : 0);
      blocks.add(
          new DecoderBlock(
              Norm.Layer.load(w, p + "ln_1.", d, eps),
              attn,
              Norm.Layer.load(w, p + "ln_2.", d, eps),
              new Mlp.Dense(
                  Projection.load(w, p + "mlp.c_fc.", ff, d, true),
                  config.activation(),
                  Projection.load(w, p + "mlp.c_proj.", d, ff, true))));
    }
    Norm lnF = Norm.Layer.load(w, "transformer.ln_f.", d, eps);
    return new CausalLm(
        config,
        wte,
        wpe,
        null,
        blocks,
        lnF,
        new Projection(wte, null),
        CausalLm.Masking.SUMMED,
        config.bosTokenId(),
        config.maxPositionEmbeddings(),
        w.taken());
  }
}
