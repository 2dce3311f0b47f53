package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
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
  private StepWeights stepWeights;

  private record Attention(NDArray q, NDArray k, NDArray v, NDArray o) {}

  private record FeedForward(NDArray wi, NDArray wi1, NDArray wo) {}

  /**
   * A decoder layer's weights laid out for {@link #decodeStep}, {@code [in, out]} and contiguous
   * (one position times a weight is a matrix-vector product, which libtorch does faster this way
   * round than as {@code linear}'s {@code x @ w.T}), the self-attention {@code q|k|v} fused into
   * one.
   */
  private record StepLayer(
      NDArray qkv,
      NDArray selfO,
      NDArray crossQ,
      NDArray crossO,
      NDArray wi,
      NDArray wi1,
      NDArray wo) {}

  /**
   * Derived copies of the decoder's weights for cached decoding, made on first use and dropped by
   * {@link #weightsChanged()}; {@code crossKv} is {@code k|v} of each layer's cross-attention,
   * {@code [2 * inner, d_model]}, and {@code epsilon} the RMS norm's as a float32 scalar.
   */
  private record StepWeights(List<StepLayer> layers, List<NDArray> crossKv, NDArray epsilon) {
    void close() {
      for (StepLayer l : layers) {
        for (NDArray a : new NDArray[] {l.qkv, l.selfO, l.crossQ, l.crossO, l.wi, l.wi1, l.wo}) {
          if (a != null) {
            a.close();
          }
        }
      }
      crossKv.forEach(NDArray::close);
      epsilon.close();
    }
  }

  private record Block(
      Attention self,
      NDArray selfNorm,
      Attention cross,
      NDArray crossNorm,
      FeedForward ff,
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
        weights.take(
            p + "block.0.layer.0.SelfAttention.relative_attention_bias.weight",
            config.relativeAttentionNumBuckets(),
            config.numHeads());
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
              ? new FeedForward(
                  weights.take(f + "wi_0.weight", config.dFf(), d),
                  weights.take(f + "wi_1.weight", config.dFf(), d),
                  weights.take(f + "wo.weight", d, config.dFf()))
              : new FeedForward(
                  weights.take(f + "wi.weight", config.dFf(), d),
                  null,
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
      h =
          h.add(
              selfAttention(
                  b, Ops.rmsNorm(h, b.selfNorm, config.layerNormEpsilon()), bias, null, 0));
      h = h.add(feedForward(b.ff, Ops.rmsNorm(h, b.ffNorm, config.layerNormEpsilon())));
    }
    return Ops.rmsNorm(h, finalNorm, config.layerNormEpsilon());
  }

  /**
   * Starts cached decoding over {@code encoderHidden} {@code [B, S, d_model]}: computes the
   * cross-attention keys and values of every layer once (one fused {@code k|v} projection per
   * layer). Inference only (grad mode off).
   *
   * <p>The first call lays the decoder's weights out for {@link #decodeStep} (fused, transposed
   * copies, kept by this stack); after changing the parameters in place call {@link
   * #weightsChanged()}, or cached decoding goes on with the old weights.
   *
   * @param encoderMask {@code [B, S]}, 1 for tokens and 0 for padding; null when nothing is padded
   */
  public T5DecoderCache startDecoding(NDArray encoderHidden, NDArray encoderMask) {
    if (!decoder) {
      throw new IllegalStateException("startDecoding() is for the decoder stack");
    }
    NDManager m = encoderHidden.getManager();
    Shape es = encoderHidden.getShape();
    int heads = config.numHeads();
    int dk = config.dKv();
    StepWeights w = stepWeights();
    T5DecoderCache cache = new T5DecoderCache(blocks.size(), heads, dk, (int) es.get(0));
    for (int l = 0; l < blocks.size(); l++) {
      // [B, S, 2 * inner] -> [B, 2H, S, D]: keys are heads 0..H-1, values H..2H-1.
      NDArray kv =
          Ops.linear(encoderHidden, w.crossKv.get(l), null)
              .reshape(es.get(0), es.get(1), 2L * heads, dk)
              .transpose(0, 2, 1, 3);
      cache.putCross(
          l,
          Ops.keep(InferenceOps.slice(kv, 1, 0, heads)),
          Ops.keep(InferenceOps.contiguous(InferenceOps.slice(kv, 1, heads, 2L * heads))));
    }
    NDArray mask = crossMask(m, encoderMask, (int) es.get(1));
    cache.setCrossMask(mask == null ? null : Ops.keep(mask));
    return cache;
  }

  /**
   * Drops the copies of the weights that cached decoding made ({@link #startDecoding}); call after
   * changing the parameters in place (an optimiser step). Sessions started before must not be
   * continued.
   */
  public void weightsChanged() {
    if (stepWeights != null) {
      stepWeights.close();
      stepWeights = null;
    }
  }

  private StepWeights stepWeights() {
    if (stepWeights == null) {
      stepWeights =
          Autograd.inference(
              () -> {
                try (NDScope scope = new NDScope()) {
                  List<StepLayer> layers = new ArrayList<>();
                  List<NDArray> crossKv = new ArrayList<>();
                  for (Block b : blocks) {
                    layers.add(
                        new StepLayer(
                            transposed(
                                NDArrays.concat(new NDList(b.self.q, b.self.k, b.self.v), 0)),
                            transposed(b.self.o),
                            transposed(b.cross.q),
                            transposed(b.cross.o),
                            transposed(b.ff.wi),
                            b.ff.wi1 == null ? null : transposed(b.ff.wi1),
                            transposed(b.ff.wo)));
                    crossKv.add(Ops.keep(NDArrays.concat(new NDList(b.cross.k, b.cross.v), 0)));
                  }
                  NDArray eps = embedding.getManager().create((float) config.layerNormEpsilon());
                  return new StepWeights(List.copyOf(layers), List.copyOf(crossKv), Ops.keep(eps));
                }
              });
    }
    return stepWeights;
  }

  /** {@code w.T} as a contiguous copy outside any scope. */
  private static NDArray transposed(NDArray w) {
    return Ops.keep(InferenceOps.contiguous(InferenceOps.transpose(w, 0, 1)));
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
      NDArray ids,
      NDArray selfKeyMask,
      NDArray encoderHidden,
      NDArray encoderMask,
      T5DecoderCache cache) {
    if (!decoder) {
      throw new IllegalStateException("decode() is for the decoder stack; call encode()");
    }
    NDManager m = ids.getManager();
    int t = (int) ids.getShape().get(1);
    int past = cache == null ? 0 : cache.length();
    int k = past + t;
    int[][] keyMask = AttentionMask.toJava(selfKeyMask);
    if (cache != null) {
      reserve(m, cache, t);
      if (keyMask != null) {
        cache.recordKeyMask(m, keyMask, k);
      }
    }
    NDArray bias = positionBias(m, t, k, false);
    // One new position without padding sees every key: no mask to add (saves work per token).
    if (keyMask != null || t > 1) {
      bias = bias.add(AttentionMask.additive(m, keyMask, t, k, true, 0));
    }
    NDArray crossMask =
        cache != null
            ? cache.crossMask()
            : crossMask(m, encoderMask, (int) encoderHidden.getShape().get(1));
    NDArray h = Ops.embedding(ids, embedding);
    for (int l = 0; l < blocks.size(); l++) {
      Block b = blocks.get(l);
      h =
          h.add(
              selfAttention(
                  b, Ops.rmsNorm(h, b.selfNorm, config.layerNormEpsilon()), bias, cache, l));
      NDArray n = Ops.rmsNorm(h, b.crossNorm, config.layerNormEpsilon());
      NDArray q = Ops.splitHeads(Ops.linear(n, b.cross.q, null), config.numHeads());
      NDArray ck;
      NDArray cv;
      if (cache != null) {
        ck = cache.crossKeys(l);
        cv = cache.crossValues(l);
      } else {
        ck = Ops.splitHeads(Ops.linear(encoderHidden, b.cross.k, null), config.numHeads());
        cv = Ops.splitHeads(Ops.linear(encoderHidden, b.cross.v, null), config.numHeads());
      }
      NDArray a = Ops.attention(q, ck, cv, 1f, crossMask);
      h = h.add(Ops.linear(Ops.mergeHeads(a), b.cross.o, null));
      h = h.add(feedForward(b.ff, Ops.rmsNorm(h, b.ffNorm, config.layerNormEpsilon())));
    }
    if (cache != null) {
      cache.advance(t);
    }
    return Ops.rmsNorm(h, finalNorm, config.layerNormEpsilon());
  }

  /**
   * One cached decoding step: the next token of every row, {@code ids} {@code [B, 1]} int64, all of
   * them real tokens (the cache remembers which earlier positions are padding). Returns the final
   * hidden states {@code [B, 1, d_model]} (before the LM head's scaling) and extends {@code cache}.
   *
   * <p>Computes what {@link #decode} computes for one position, in fewer and cheaper native calls
   * (this is what a batch-1 step costs, not the arithmetic): one fused {@code q|k|v} projection,
   * weights pre-transposed, head splits and merges as views (free for one position), keys and
   * values written in place, the position bias a view of a table built once per capacity, the keys
   * kept transposed, residuals added in place, and every call through {@link InferenceOps}.
   * Inference only (grad mode off).
   */
  NDArray decodeStep(NDArray ids, T5DecoderCache cache) {
    NDManager m = ids.getManager();
    reserve(m, cache, 1);
    StepWeights w = stepWeights();
    long rows = ids.getShape().get(0);
    long heads = config.numHeads();
    long dk = config.dKv();
    long inner = config.innerDim();
    NDArray eps = w.epsilon;
    NDArray bias = cache.stepBias();
    NDArray crossMask = cache.crossMask();
    NDArray h = InferenceOps.embedding(ids, embedding);
    for (int l = 0; l < blocks.size(); l++) {
      Block b = blocks.get(l);
      StepLayer sw = w.layers.get(l);
      // Self-attention: [B, 1, 3 * inner] is [B, 3H, 1, D] for one position, no transpose needed.
      NDArray n = InferenceOps.rmsNorm(h, b.selfNorm, eps);
      NDArray qkv = InferenceOps.reshape(InferenceOps.matMul(n, sw.qkv), rows, 3 * heads, 1, dk);
      NDArray[] kv =
          cache.writeStep(
              l,
              InferenceOps.slice(qkv, 1, heads, 2 * heads),
              InferenceOps.slice(qkv, 1, 2 * heads, 3 * heads));
      NDArray q = InferenceOps.slice(qkv, 1, 0, heads);
      NDArray scores = InferenceOps.add(InferenceOps.matMul(q, kv[0]), bias);
      NDArray a = InferenceOps.matMul(InferenceOps.softmaxLast(scores), kv[1]);
      a = InferenceOps.reshape(a, rows, 1, inner);
      InferenceOps.addInPlace(h, InferenceOps.matMul(a, sw.selfO));
      // Cross-attention over the cached encoder keys and values.
      n = InferenceOps.rmsNorm(h, b.crossNorm, eps);
      q = InferenceOps.reshape(InferenceOps.matMul(n, sw.crossQ), rows, heads, 1, dk);
      scores = InferenceOps.matMul(q, cache.crossKeysT(l));
      if (crossMask != null) {
        scores = InferenceOps.add(scores, crossMask);
      }
      a = InferenceOps.matMul(InferenceOps.softmaxLast(scores), cache.crossValues(l));
      a = InferenceOps.reshape(a, rows, 1, inner);
      InferenceOps.addInPlace(h, InferenceOps.matMul(a, sw.crossO));
      n = InferenceOps.rmsNorm(h, b.ffNorm, eps);
      NDArray hidden = config.activation().apply(InferenceOps.matMul(n, sw.wi));
      if (sw.wi1 != null) {
        hidden = InferenceOps.mul(hidden, InferenceOps.matMul(n, sw.wi1));
      }
      InferenceOps.addInPlace(h, InferenceOps.matMul(hidden, sw.wo));
    }
    cache.advance(1);
    return InferenceOps.rmsNorm(h, finalNorm, eps);
  }

  /** Makes room in {@code cache} for {@code t} positions and keeps its bias table that wide. */
  private void reserve(NDManager m, T5DecoderCache cache, int t) {
    if (cache.reserve(m, t)) {
      int width = cache.capacity();
      // Query at position width - 1 over keys 0..width-1: column c is c - (width - 1) away.
      cache.setBiasTable(Ops.keep(positionBias(m, 1, width, false)));
    }
  }

  /** The additive encoder padding mask {@code [B, 1, 1, S]}, or null when nothing is padded. */
  private NDArray crossMask(NDManager m, NDArray encoderMask, int s) {
    if (encoderMask == null) {
      return null;
    }
    return AttentionMask.additive(m, AttentionMask.toJava(encoderMask), 1, s, false, 0);
  }

  private NDArray selfAttention(Block b, NDArray x, NDArray bias, T5DecoderCache cache, int layer) {
    int heads = config.numHeads();
    NDArray q = Ops.splitHeads(Ops.linear(x, b.self.q, null), heads);
    NDArray k = Ops.splitHeads(Ops.linear(x, b.self.k, null), heads);
    NDArray v = Ops.splitHeads(Ops.linear(x, b.self.v, null), heads);
    if (cache != null) {
      NDArray[] kv = cache.write(layer, k, v);
      k = kv[0];
      v = kv[1];
    }
    return Ops.linear(Ops.mergeHeads(Ops.attention(q, k, v, 1f, bias)), b.self.o, null);
  }

  private NDArray feedForward(FeedForward ff, NDArray x) {
    NDArray hidden =
        ff.wi1 == null
            ? config.activation().apply(Ops.linear(x, ff.wi, null))
            : config
                .activation()
                .apply(Ops.linear(x, ff.wi, null))
                .mul(Ops.linear(x, ff.wi1, null));
    return Ops.linear(hidden, ff.wo, null);
  }

  /**
   * The learned bias {@code [1, H, Q, K]} for queries at {@code K - Q ..} over keys {@code 0..K-1}.
   */
  private NDArray positionBias(NDManager m, int queries, int keys, boolean bidirectional) {
    long[] buckets = new long[queries * keys];
    int past = keys - queries;
    for (int i = 0; i < queries; i++) {
      for (int j = 0; j < keys; j++) {
        buckets[i * keys + j] =
            bucket(
                j - (past + i),
                bidirectional,
                config.relativeAttentionNumBuckets(),
                config.relativeAttentionMaxDistance());
      }
    }
    NDArray idx = m.create(buckets, new Shape(queries, keys));
    return Ops.embedding(idx, relativeBias).transpose(2, 0, 1).expandDims(0);
  }

  /**
   * T5's relative position bucket ({@code T5Attention._relative_position_bucket}): exact buckets
   * for small distances, logarithmic ones up to {@code maxDistance}, computed in float32 as the
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
