package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GPT-J for causal LM ({@code transformers.GPTJForCausalLM}): rotary position embeddings on the
 * first {@code rotary_dim} dimensions of each head with GPT-J's interleaved
 * {@code rotate_every_two}, attention and MLP in parallel from one layer norm, attention scaled by
 * {@code sqrt(head_dim)}, an untied LM head with bias.
 */
public final class GptJModel implements CausalLm {
  /** The actor plugin name for GPT-J checkpoints. */
  public static final String NAME = "gptj";

  private final GptJConfig config;
  private final NDArray wte;
  private final List<Block> blocks;
  private final NDArray lnFw;
  private final NDArray lnFb;
  private final NDArray head;
  private final NDArray headBias;
  private final NDArray sin;
  private final NDArray cos;
  private final Map<String, NDArray> parameters;

  private record Block(
      NDArray lnw, NDArray lnb, NDArray q, NDArray k, NDArray v, NDArray o, NDArray fcIn,
      NDArray fcInB, NDArray fcOut, NDArray fcOutB) {}

  /**
   * @param manager owns the rotary sine and cosine tables (constants, not parameters)
   */
  public GptJModel(GptJConfig config, Weights w, NDManager manager) {
    this.config = config;
    long d = config.hiddenSize();
    long ff = config.innerSize();
    this.wte = w.take("transformer.wte.weight", config.vocabSize(), d);
    List<Block> bs = new ArrayList<>();
    for (int i = 0; i < config.numLayers(); i++) {
      String p = "transformer.h." + i + ".";
      bs.add(new Block(
          w.take(p + "ln_1.weight", d), w.take(p + "ln_1.bias", d),
          w.take(p + "attn.q_proj.weight", d, d), w.take(p + "attn.k_proj.weight", d, d),
          w.take(p + "attn.v_proj.weight", d, d), w.take(p + "attn.out_proj.weight", d, d),
          w.take(p + "mlp.fc_in.weight", ff, d), w.take(p + "mlp.fc_in.bias", ff),
          w.take(p + "mlp.fc_out.weight", d, ff), w.take(p + "mlp.fc_out.bias", d)));
    }
    this.blocks = List.copyOf(bs);
    this.lnFw = w.take("transformer.ln_f.weight", d);
    this.lnFb = w.take("transformer.ln_f.bias", d);
    this.head =
        config.tieWordEmbeddings() ? wte : w.take("lm_head.weight", config.vocabSize(), d);
    this.headBias = w.has("lm_head.bias") ? w.take("lm_head.bias", config.vocabSize()) : null;
    this.parameters = w.taken();
    // create_sinusoidal_positions: inv_freq = 1 / 10000^(2i/dim), angles = pos * inv_freq, in float32.
    int half = config.rotaryDim() / 2;
    int n = config.maxPositions();
    float[] s = new float[n * half];
    float[] c = new float[n * half];
    for (int i = 0; i < half; i++) {
      float exponent = (float) (2 * i) / config.rotaryDim();
      float invFreq = 1f / (float) Math.pow(10000.0, exponent);
      for (int pos = 0; pos < n; pos++) {
        float angle = (float) pos * invFreq;
        s[pos * half + i] = (float) Math.sin(angle);
        c[pos * half + i] = (float) Math.cos(angle);
      }
    }
    this.sin = manager.create(s, new Shape(n, half));
    this.cos = manager.create(c, new Shape(n, half));
  }

  @Override
  public GptJConfig config() {
    return config;
  }

  @Override
  public Map<String, NDArray> parameters() {
    return parameters;
  }

  @Override
  public int layers() {
    return blocks.size();
  }

  @Override
  public int bosTokenId() {
    return config.bosTokenId();
  }

  @Override
  public int maxPositions() {
    return config.maxPositions();
  }

  @Override
  public NDArray forward(NDArray ids, NDArray positions, NDArray keyMask, KvCache cache) {
    NDManager m = ids.getManager();
    int t = (int) ids.getShape().get(1);
    int k = (cache == null ? 0 : cache.length()) + t;
    // One new position without padding sees every key: no mask needed.
    NDArray mask = keyMask == null && t == 1 ? null
        : AttentionMask.additive(m, AttentionMask.toJava(keyMask), t, k, true, 0);
    // [B, T, rotary/2] -> repeat_interleave(2) -> [B, T, 1, rotary], broadcast over heads.
    NDArray sinP = Ops.embedding(positions, sin).repeat(2, 2).expandDims(2);
    NDArray cosP = Ops.embedding(positions, cos).repeat(2, 2).expandDims(2);
    int heads = config.numHeads();
    int hd = config.headDim();
    float scale = (float) Math.sqrt(hd);
    double eps = config.layerNormEpsilon();
    NDArray h = Ops.embedding(ids, wte);
    for (int l = 0; l < blocks.size(); l++) {
      Block b = blocks.get(l);
      NDArray x = Ops.layerNorm(h, b.lnw, b.lnb, eps);
      NDArray q = rotate(Ops.linear(x, b.q, null), heads, hd, sinP, cosP);
      NDArray kk = rotate(Ops.linear(x, b.k, null), heads, hd, sinP, cosP);
      NDArray v = Ops.splitHeads(Ops.linear(x, b.v, null), heads);
      if (cache != null) {
        NDArray[] kv = cache.append(l, kk, v);
        kk = kv[0];
        v = kv[1];
      }
      NDArray attn = Ops.linear(Ops.mergeHeads(Ops.attention(q, kk, v, scale, mask)), b.o, null);
      NDArray mlp =
          Ops.linear(config.activation().apply(Ops.linear(x, b.fcIn, b.fcInB)), b.fcOut, b.fcOutB);
      h = attn.add(mlp).add(h);
    }
    return Ops.layerNorm(h, lnFw, lnFb, eps);
  }

  /** {@code [B, T, H*D]} to rotated {@code [B, H, T, D]}. */
  private NDArray rotate(NDArray x, int heads, int hd, NDArray sinP, NDArray cosP) {
    Shape s = x.getShape();
    long b = s.get(0);
    long t = s.get(1);
    int rd = config.rotaryDim();
    NDArray x4 = x.reshape(b, t, heads, hd);
    NDArray rot = rd == hd ? x4 : x4.get(":, :, :, :" + rd);
    NDArray rotated = rot.mul(cosP).add(rotateEveryTwo(rot).mul(sinP));
    NDArray out = rd == hd ? rotated : rotated.concat(x4.get(":, :, :, " + rd + ":"), 3);
    return out.transpose(0, 2, 1, 3);
  }

  /** GPT-J's {@code rotate_every_two}: pairs {@code (x0, x1)} become {@code (-x1, x0)}. */
  private static NDArray rotateEveryTwo(NDArray x) {
    Shape s = x.getShape();
    NDArray pairs = x.reshape(s.get(0), s.get(1), s.get(2), s.get(3) / 2, 2);
    NDArray even = pairs.get(":, :, :, :, 0");
    NDArray odd = pairs.get(":, :, :, :, 1");
    return odd.neg().stack(even, 4).reshape(s);
  }

  @Override
  public NDArray logits(NDArray hidden) {
    return Ops.linear(hidden, head, headBias);
  }
}
