package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDManager;

/**
 * A T5 / CodeT5 {@code config.json} (§4: CodeT5 is the paper's main actor and critic backbone).
 *
 * @param vocabSize rows of the shared embedding
 * @param dModel hidden width
 * @param dKv width of one attention head
 * @param dFf inner width of the feed-forward layer
 * @param numLayers encoder blocks
 * @param numDecoderLayers decoder blocks
 * @param numHeads attention heads
 * @param relativeAttentionNumBuckets relative position buckets (32 in T5 and CodeT5)
 * @param relativeAttentionMaxDistance distance beyond which positions share the last bucket (128)
 * @param layerNormEpsilon epsilon of the RMS layer norm
 * @param activation the feed-forward non-linearity
 * @param gatedFeedForward whether the feed-forward is gated ({@code wi_0}, {@code wi_1}; T5 v1.1)
 * @param tieWordEmbeddings whether the LM head is the shared embedding
 * @param scaleDecoderOutputs whether decoder outputs are scaled by {@code d_model^-0.5} before the
 *     LM head (T5 does this when embeddings are tied)
 * @param dropoutRate dropout of the checkpoint's training; not applied here (see docs/models.md)
 * @param padTokenId padding id
 * @param eosTokenId end-of-sequence id
 * @param decoderStartTokenId first decoder input (the pad id in T5)
 */
public record T5Config(
    int vocabSize,
    int dModel,
    int dKv,
    int dFf,
    int numLayers,
    int numDecoderLayers,
    int numHeads,
    int relativeAttentionNumBuckets,
    int relativeAttentionMaxDistance,
    double layerNormEpsilon,
    Activation activation,
    boolean gatedFeedForward,
    boolean tieWordEmbeddings,
    boolean scaleDecoderOutputs,
    double dropoutRate,
    int padTokenId,
    int eosTokenId,
    int decoderStartTokenId)
    implements LmConfig {

  public T5Config {
    positive("vocab_size", vocabSize);
    positive("d_model", dModel);
    positive("d_kv", dKv);
    positive("d_ff", dFf);
    positive("num_layers", numLayers);
    positive("num_decoder_layers", numDecoderLayers);
    positive("num_heads", numHeads);
    positive("relative_attention_num_buckets", relativeAttentionNumBuckets);
    if (relativeAttentionNumBuckets < 4) {
      throw new IllegalArgumentException(
          "relative_attention_num_buckets must be at least 4 (T5 uses 32), got "
              + relativeAttentionNumBuckets);
    }
    if (relativeAttentionMaxDistance <= relativeAttentionNumBuckets / 4) {
      throw new IllegalArgumentException(
          "relative_attention_max_distance must exceed num_buckets/4 (T5 uses 128), got "
              + relativeAttentionMaxDistance);
    }
    if (!(layerNormEpsilon > 0)) {
      throw new IllegalArgumentException("layer_norm_epsilon must be > 0, got " + layerNormEpsilon);
    }
    java.util.Objects.requireNonNull(activation, "activation");
    if (padTokenId < 0
        || padTokenId >= vocabSize
        || decoderStartTokenId < 0
        || decoderStartTokenId >= vocabSize
        || eosTokenId < 0
        || eosTokenId >= vocabSize) {
      throw new IllegalArgumentException(
          "pad_token_id, eos_token_id and decoder_start_token_id must be ids below vocab_size "
              + vocabSize
              + "; got "
              + padTokenId
              + ", "
              + eosTokenId
              + ", "
              + decoderStartTokenId);
    }
  }

  static void positive(String key, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(
          "config.json: '" + key + "' must be a positive integer, got " + value);
    }
  }

  /** Reads a {@code model_type: t5} config as {@code transformers.T5Config} does. */
  static T5Config fromJson(ConfigJson c) {
    String proj = c.optString("feed_forward_proj", "relu");
    String[] parts = proj.split("-");
    boolean gated = parts.length > 1 && parts[0].equals("gated");
    if (parts.length > 2 || (parts.length == 2 && !gated)) {
      throw new IllegalArgumentException(
          "feed_forward_proj '" + proj + "' is not of the form '{ACT}' or 'gated-{ACT}'");
    }
    // transformers maps "gated-gelu" to gelu_new for backwards compatibility with T5 v1.1.
    Activation act =
        proj.equals("gated-gelu")
            ? Activation.GELU_NEW
            : Activation.fromHf(parts[parts.length - 1]);
    int numLayers = c.requireInt("num_layers");
    boolean tie = c.optBool("tie_word_embeddings", true);
    int pad = c.optTokenId("pad_token_id");
    return new T5Config(
        c.requireInt("vocab_size"),
        c.requireInt("d_model"),
        c.requireInt("d_kv"),
        c.requireInt("d_ff"),
        numLayers,
        c.optInt("num_decoder_layers", numLayers),
        c.requireInt("num_heads"),
        c.optInt("relative_attention_num_buckets", 32),
        c.optInt("relative_attention_max_distance", 128),
        c.optDouble("layer_norm_epsilon", 1e-6),
        act,
        gated,
        tie,
        c.optBool("scale_decoder_outputs", tie),
        c.optDouble("dropout_rate", 0.1),
        pad < 0 ? 0 : pad,
        c.optTokenId("eos_token_id") < 0 ? 1 : c.optTokenId("eos_token_id"),
        c.optTokenId("decoder_start_token_id") < 0
            ? (pad < 0 ? 0 : pad)
            : c.optTokenId("decoder_start_token_id"));
  }

  @Override
  public int hiddenSize() {
    return dModel;
  }

  @Override
  public String architecture() {
    return T5Model.NAME;
  }

  @Override
  public T5Model build(Weights weights, NDManager manager) {
    return new T5Model(this, weights);
  }

  /** Width of all heads together ({@code num_heads * d_kv}). */
  public int innerDim() {
    return numHeads * dKv;
  }
}
