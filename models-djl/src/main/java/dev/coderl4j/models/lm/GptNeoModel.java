package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GPT-Neo for causal LM ({@code transformers.GPTNeoForCausalLM}): learned positions, pre-norm
 * blocks whose attention alternates between global and local (windowed) causal attention, no
 * attention scaling, an LM head tied to the token embedding.
 */
public final class GptNeoModel implements CausalLm {
  /** The actor plugin name for GPT-Neo checkpoints. */
  public static final String NAME = "gpt-neo";

  private final GptNeoConfig config;
  private final NDArray wte;
  private final NDArray wpe;
  private final List<Block> blocks;
  private final NDArray lnFw;
  private final NDArray lnFb;
  private final Map<String, NDArray> parameters;

  private record Block(
      NDArray ln1w, NDArray ln1b, NDArray q, NDArray k, NDArray v, NDArray o, NDArray ob,
      NDArray ln2w, NDArray ln2b, NDArray fc, NDArray fcb, NDArray proj, NDArray projb,
      boolean local) {}

  public GptNeoModel(GptNeoConfig config, Weights w) {
    this.config = config;
    long d = config.hiddenSize();
    long ff = config.intermediateSize();
    this.wte = w.take("transformer.wte.weight", config.vocabSize(), d);
    this.wpe = w.take("transformer.wpe.weight", config.maxPositionEmbeddings(), d);
    List<Block> bs = new ArrayList<>();
    for (int i = 0; i < config.numLayers(); i++) {
      String p = "transformer.h." + i + ".";
      String a = p + "attn.attention.";
      bs.add(new Block(
          w.take(p + "ln_1.weight", d), w.take(p + "ln_1.bias", d),
          w.take(a + "q_proj.weight", d, d), w.take(a + "k_proj.weight", d, d),
          w.take(a + "v_proj.weight", d, d), w.take(a + "out_proj.weight", d, d),
          w.take(a + "out_proj.bias", d),
          w.take(p + "ln_2.weight", d), w.take(p + "ln_2.bias", d),
          w.take(p + "mlp.c_fc.weight", ff, d), w.take(p + "mlp.c_fc.bias", ff),
          w.take(p + "mlp.c_proj.weight", d, ff), w.take(p + "mlp.c_proj.bias", d),
          config.attentionLayers().get(i) == GptNeoConfig.AttentionKind.LOCAL));
    }
    this.blocks = List.copyOf(bs);
    this.lnFw = w.take("transformer.ln_f.weight", d);
    this.lnFb = w.take("transformer.ln_f.bias", d);
    this.parameters = w.taken();
  }

  @Override
  public GptNeoConfig config() {
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
    return config.maxPositionEmbeddings();
  }

  @Override
  public NDArray forward(NDArray ids, NDArray positions, NDArray keyMask, KvCache cache) {
    NDManager m = ids.getManager();
    int t = (int) ids.getShape().get(1);
    int k = (cache == null ? 0 : cache.length()) + t;
    int[][] km = AttentionMask.toJava(keyMask);
    // One new position without padding sees every key globally, and locally when the window
    // covers them all: then no mask is needed.
    boolean single = km == null && t == 1;
    NDArray globalMask = single ? null : AttentionMask.summed(m, km, t, k, true, 0);
    NDArray localMask = single && k <= config.windowSize() ? null
        : AttentionMask.summed(m, km, t, k, true, config.windowSize());
    NDArray h = Ops.embedding(ids, wte).add(Ops.embedding(positions, wpe));
    int heads = config.numHeads();
    double eps = config.layerNormEpsilon();
    for (int l = 0; l < blocks.size(); l++) {
      Block b = blocks.get(l);
      NDArray x = Ops.layerNorm(h, b.ln1w, b.ln1b, eps);
      NDArray q = Ops.splitHeads(Ops.linear(x, b.q, null), heads);
      NDArray kk = Ops.splitHeads(Ops.linear(x, b.k, null), heads);
      NDArray v = Ops.splitHeads(Ops.linear(x, b.v, null), heads);
      if (cache != null) {
        NDArray[] kv = cache.append(l, kk, v);
        kk = kv[0];
        v = kv[1];
      }
      NDArray a = Ops.attention(q, kk, v, 1f, b.local ? localMask : globalMask);
      h = h.add(Ops.linear(Ops.mergeHeads(a), b.o, b.ob));
      x = Ops.layerNorm(h, b.ln2w, b.ln2b, eps);
      NDArray mlp = Ops.linear(config.activation().apply(Ops.linear(x, b.fc, b.fcb)), b.proj, b.projb);
      h = h.add(mlp);
    }
    return Ops.layerNorm(h, lnFw, lnFb, eps);
  }

  @Override
  public NDArray logits(NDArray hidden) {
    return Ops.linear(hidden, wte, null);
  }
}
