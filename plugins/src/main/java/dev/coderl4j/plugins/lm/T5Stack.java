package dev.coderl4j.plugins.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * A T5 encoder or decoder stack: shared-embedding lookup, pre-norm blocks with RMS norm, relative
 * position bias computed by the first block and shared by all, optional cross-attention, final
 * norm. Public so that a critic (CodeRL's CodeT5-small critic, §3.2) can reuse the stacks and read
 * the final decoder hidden states.
 *
 * <p>Matches {@code transformers.models.t5.modeling_t5.T5Stack} with dropout off: attention scores
 * are not scaled (T5 folds the scale into its initialisation), the position bias is bucketed
 * (bidirectional in the encoder, causal in the decoder), cross-attention has no position bias.
 */
public final class T5Stack {
  private final T5Config config;
  private final boolean decoder;
  private final NDArray embedding;
  private final NDArray relativeBias;
  private final List<Block> blocks;
  private final NDArray finalNorm;

  private record Attention(NDArray q, NDArray k, NDArray v, NDArray o) {}

  private record FeedForward(NDArray wi, NDArray wi1, NDArray wo) {}

  private record Block(
      Attention self, NDArray selfNorm, Attention cross, NDArray crossNorm, FeedForward ff,
      NDArray ffNorm) {}

  /**
   * Takes the stack's weights (prefix {@code encoder.} or {@code decoder.}) from {@code weights}.
   *
   * @param embedding the shared token embedding {@code [vocab, d_model]}
   */
  public T5Stack(T5Config config, boolean decoder, NDArray embedding, Weights weights) {
    this.config = config;
    this.decoder = decoder;
    this.embedding = embedding;
    String p = decoder ? "decoder." : "encoder.";
    int n = decoder ? config.numDecoderLayers() : config.numLayers();
    long d = config.dModel();
    long inner = config.innerDim();
    this.relativeBias =
        weights.take(p + "block.0.layer.0.SelfAttention.relative_attention_bias.weight",
            config.relativeAttentionNumBuckets(), config.numHeads());
    List<Block> bs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String b = p + "block." + i + ".layer.";
      Attention self = attention(weights, b + "0.SelfAttention.", d, inner);
      NDArray selfNorm = weights.take(b + "0.layer_norm.weight", d);
      Attention cross = null;
      NDArray crossNorm = null;
      int ffLayer = 1;
      if (decoder) {
        cross = attention(weights, b + "1.EncDecAttention.", d, inner);
        crossNorm = weights.take(b + "1.layer_norm.weight", d);
        ffLayer = 2;
      }
      String f = b + ffLayer + ".DenseReluDense.";
      FeedForward ff =
          config.gatedFeedForward()
              ? new FeedForward(weights.take(f + "wi_0.weight", config.dFf(), d),
                  weights.take(f + "wi_1.weight", config.dFf(), d),
                  weights.take(f + "wo.weight", d, config.dFf()))
              : new FeedForward(weights.take(f + "wi.weight", config.dFf(), d), null,
                  weights.take(f + "wo.weight", d, config.dFf()));
      NDArray ffNorm = weights.take(b + ffLayer + ".layer_norm.weight", d);
      bs.add(new Block(self, selfNorm, cross, crossNorm, ff, ffNorm));
    }
    this.blocks = List.copyOf(bs);
    this.finalNorm = weights.take(p + "final_layer_norm.weight", d);
  }

  private static Attention attention(Weights w, String p, long d, long inner) {
    return new Attention(
        w.take(p + "q.weight", inner, d), w.take(p + "k.weight", inner, d),
        w.take(p + "v.weight", inner, d), w.take(p + "o.weight", d, inner));
  }

  public boolean isDecoder() {
    return decoder;
  }

  public int layers() {
    return blocks.size();
  }

  /**
   * Encodes {@code ids} {@code [B, S]} and returns the final hidden states {@code [B, S, d_model]}.
   *
   * @param keyMask {@code [B, S]}, 1 for tokens and 0 for padding; null when nothing is padded
   */
  public NDArray encode(NDArray ids, NDArray keyMask) {
    if (decoder) {
      throw new IllegalStateException("encode() is for the encoder stack; call decode()");
    }
    NDManager m = ids.getManager();
    int s = (int) ids.getShape().get(1);
    NDArray bias = positionBias(m, s, s, true);
    if (keyMask != null) {
      bias = bias.add(AttentionMask.additive(m, AttentionMask.toJava(keyMask), s, s, false, 0));
    }
    NDArray h = Ops.embedding(ids, embedding);
    for (Block b : blocks) {
      h = h.add(selfAttention(b, Ops.rmsNorm(h, b.selfNorm, config.layerNormEpsilon()), bias, null, 0));
      h = h.add(feedForward(b.ff, Ops.rmsNorm(h, b.ffNorm, config.layerNormEpsilon())));
    }
    return Ops.rmsNorm(h, finalNorm, config.layerNormEpsilon());
  }

  /** Precomputes the cross-attention keys and values for cached decoding over {@code encoderHidden}. */
  public T5DecoderCache startDecoding(NDArray encoderHidden, NDArray encoderMask) {
    if (!decoder) {
      throw new IllegalStateException("startDecoding() is for the decoder stack");
    }
    T5DecoderCache cache = new T5DecoderCache(blocks.size());
    for (int l = 0; l < blocks.size(); l++) {
      Attention a = blocks.get(l).cross;
      cache.cross().put(l, Ops.splitHeads(Ops.linear(encoderHidden, a.k, null), config.numHeads()),
          Ops.splitHeads(Ops.linear(encoderHidden, a.v, null), config.numHeads()));
    }
    NDArray mask = crossMask(encoderHidden.getManager(), encoderMask, (int) encoderHidden.getShape().get(1));
    cache.setCrossMask(mask == null ? null : Ops.keep(mask));
    return cache;
  }

  /**
   * Decodes the new positions {@code ids} {@code [B, T]} and returns their final hidden states
   * {@code [B, T, d_model]} (before the LM head's scaling).
   *
   * @param selfKeyMask {@code [B, past + T]}, 1 for tokens and 0 for padding; null for none
   * @param encoderHidden {@code [B, S, d_model]}; unused when {@code cache} holds cross keys
   * @param encoderMask {@code [B, S]}; unused when {@code cache} holds the cross mask
   * @param cache from {@link #startDecoding}, extended in place; null to run the whole sequence
   */
  public NDArray decode(
      NDArray ids, NDArray selfKeyMask, NDArray encoderHidden, NDArray encoderMask,
      T5DecoderCache cache) {
    if (!decoder) {
      throw new IllegalStateException("decode() is for the decoder stack; call encode()");
    }
    NDManager m = ids.getManager();
    int t = (int) ids.getShape().get(1);
    int past = cache == null ? 0 : cache.self().length();
    int k = past + t;
    NDArray bias = positionBias(m, t, k, false);
    // One new position without padding sees every key: no mask to add (saves work per token).
    if (selfKeyMask != null || t > 1) {
      bias = bias.add(AttentionMask.additive(m, AttentionMask.toJava(selfKeyMask), t, k, true, 0));
    }
    NDArray crossMask =
        cache != null
            ? cache.crossMask()
            : crossMask(m, encoderMask, (int) encoderHidden.getShape().get(1));
    NDArray h = Ops.embedding(ids, embedding);
    for (int l = 0; l < blocks.size(); l++) {
      Block b = blocks.get(l);
      h = h.add(selfAttention(b, Ops.rmsNorm(h, b.selfNorm, config.layerNormEpsilon()), bias,
          cache == null ? null : cache.self(), l));
      NDArray n = Ops.rmsNorm(h, b.crossNorm, config.layerNormEpsilon());
      NDArray q = Ops.splitHeads(Ops.linear(n, b.cross.q, null), config.numHeads());
      NDArray ck;
      NDArray cv;
      if (cache != null) {
        ck = cache.cross().key(l);
        cv = cache.cross().value(l);
      } else {
        ck = Ops.splitHeads(Ops.linear(encoderHidden, b.cross.k, null), config.numHeads());
        cv = Ops.splitHeads(Ops.linear(encoderHidden, b.cross.v, null), config.numHeads());
      }
      NDArray a = Ops.attention(q, ck, cv, 1f, crossMask);
      h = h.add(Ops.linear(Ops.mergeHeads(a), b.cross.o, null));
      h = h.add(feedForward(b.ff, Ops.rmsNorm(h, b.ffNorm, config.layerNormEpsilon())));
    }
    return Ops.rmsNorm(h, finalNorm, config.layerNormEpsilon());
  }

  /** The additive encoder padding mask {@code [B, 1, 1, S]}, or null when nothing is padded. */
  private NDArray crossMask(NDManager m, NDArray encoderMask, int s) {
    if (encoderMask == null) {
      return null;
    }
    return AttentionMask.additive(m, AttentionMask.toJava(encoderMask), 1, s, false, 0);
  }

  private NDArray selfAttention(Block b, NDArray x, NDArray bias, KvCache cache, int layer) {
    int heads = config.numHeads();
    NDArray q = Ops.splitHeads(Ops.linear(x, b.self.q, null), heads);
    NDArray k = Ops.splitHeads(Ops.linear(x, b.self.k, null), heads);
    NDArray v = Ops.splitHeads(Ops.linear(x, b.self.v, null), heads);
    if (cache != null) {
      NDArray[] kv = cache.append(layer, k, v);
      k = kv[0];
      v = kv[1];
    }
    return Ops.linear(Ops.mergeHeads(Ops.attention(q, k, v, 1f, bias)), b.self.o, null);
  }

  private NDArray feedForward(FeedForward ff, NDArray x) {
    NDArray hidden =
        ff.wi1 == null
            ? config.activation().apply(Ops.linear(x, ff.wi, null))
            : config.activation().apply(Ops.linear(x, ff.wi, null)).mul(Ops.linear(x, ff.wi1, null));
    return Ops.linear(hidden, ff.wo, null);
  }

  /** The learned bias {@code [1, H, Q, K]} for queries at {@code K - Q ..} over keys {@code 0..K-1}. */
  private NDArray positionBias(NDManager m, int queries, int keys, boolean bidirectional) {
    long[] buckets = new long[queries * keys];
    int past = keys - queries;
    for (int i = 0; i < queries; i++) {
      for (int j = 0; j < keys; j++) {
        buckets[i * keys + j] =
            bucket(j - (past + i), bidirectional, config.relativeAttentionNumBuckets(),
                config.relativeAttentionMaxDistance());
      }
    }
    NDArray idx = m.create(buckets, new ai.djl.ndarray.types.Shape(queries, keys));
    return Ops.embedding(idx, relativeBias).transpose(2, 0, 1).expandDims(0);
  }

  /**
   * T5's relative position bucket ({@code T5Attention._relative_position_bucket}): exact buckets for
   * small distances, logarithmic ones up to {@code maxDistance}, computed in float32 as the
   * reference does.
   */
  static int bucket(int relative, boolean bidirectional, int numBuckets, int maxDistance) {
    int buckets = numBuckets;
    int result = 0;
    int rel;
    if (bidirectional) {
      buckets /= 2;
      result += relative > 0 ? buckets : 0;
      rel = Math.abs(relative);
    } else {
      rel = -Math.min(relative, 0);
    }
    int maxExact = buckets / 2;
    if (rel < maxExact) {
      return result + rel;
    }
    float ratio = (float) Math.log((float) rel / maxExact);
    float scaled = ratio / (float) Math.log((double) maxDistance / maxExact) * (buckets - maxExact);
    int large = maxExact + (int) scaled;
    return result + Math.min(large, buckets - 1);
  }
}
