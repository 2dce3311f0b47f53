package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.coderl4j.core.lm.DecodingSession;
import dev.coderl4j.core.lm.TokenPair;
import java.util.ArrayList;
import java.util.List;

/**
 * Cached incremental decoding for T5: the encoder runs once over the right-padded sources; each
 * row's decoder input is the start id then its seed, left-padded so that every row's next position
 * is the last column (T5's relative position bias depends only on distances, so left padding with
 * masked keys changes nothing for the real tokens).
 */
final class T5DecodingSession implements DecodingSession {
  private final T5Model model;
  private final NDManager manager;
  private final T5DecoderCache cache;
  private final NDArray outputScale;
  private int rows;
  private float[][] logits;

  T5DecodingSession(T5Model model, NDManager manager, List<TokenPair> inputs) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("startDecoding needs at least one input");
    }
    this.model = model;
    this.manager = manager;
    T5Config c = model.config();
    List<int[]> sources = new ArrayList<>();
    List<int[]> seeds = new ArrayList<>();
    for (TokenPair p : inputs) {
      sources.add(p.source().toArray());
      int[] seed = new int[p.target().size() + 1];
      seed[0] = c.decoderStartTokenId();
      System.arraycopy(p.target().toArray(), 0, seed, 1, p.target().size());
      seeds.add(seed);
    }
    int[][] encMask = new int[inputs.size()][];
    long[][] enc = Rows.rightPad(sources, c.padTokenId(), encMask);
    int[][] decMask = new int[inputs.size()][];
    long[][] dec = Rows.leftPad(seeds, c.padTokenId(), decMask);
    this.rows = inputs.size();
    float scale = (float) Math.pow(c.dModel(), -0.5);
    this.outputScale = c.scaleDecoderOutputs() ? Ops.keep(manager.create(scale)) : null;
    this.cache =
        Autograd.inference(
            () -> {
              try (NDScope scope = new NDScope()) {
                NDArray encIds = Ops.ids(manager, enc);
                NDArray encMaskNd = Rows.allOnes(encMask) ? null : Rows.mask(manager, encMask);
                NDArray hidden = model.encoder().encode(encIds, encMaskNd);
                T5DecoderCache cc = model.decoder().startDecoding(hidden, encMaskNd);
                NDArray decMaskNd = Rows.allOnes(decMask) ? null : Rows.mask(manager, decMask);
                NDArray decoded =
                    model.decoder().decode(Ops.ids(manager, dec), decMaskNd, null, null, cc);
                logits = InferenceOps.rows(model.lmLogits(decoded.get(":, -1:, :")));
                return cc;
              }
            });
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public float[][] logits() {
    return logits;
  }

  @Override
  public float[][] append(int[] tokens) {
    if (tokens.length != rows()) {
      throw new IllegalArgumentException(
          "append needs one token per row: " + tokens.length + " for " + rows() + " rows");
    }
    long[] ids = new long[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      ids[i] = tokens[i];
    }
    logits =
        Autograd.inference(
            () -> {
              try (NDScope scope = new NDScope()) {
                NDArray idNd = manager.create(ids, new Shape(ids.length, 1));
                NDArray hidden = model.decoder().decodeStep(idNd, cache);
                // T5Model.lmLogits, with the scale made once per session instead of once per step.
                NDArray scaled =
                    outputScale == null ? hidden : InferenceOps.mul(hidden, outputScale);
                return InferenceOps.rows(InferenceOps.linear(scaled, model.lmHead()));
              }
            });
    return logits;
  }

  @Override
  public void select(int[] indices) {
    long[] idx = new long[indices.length];
    float[][] kept = new float[indices.length][];
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || indices[i] >= rows()) {
        throw new IndexOutOfBoundsException("row " + indices[i] + " of " + rows());
      }
      idx[i] = indices[i];
      kept[i] = logits[indices[i]];
    }
    try (NDScope scope = new NDScope()) {
      cache.select(manager.create(idx, new Shape(idx.length)));
    }
    rows = indices.length;
    logits = kept;
  }

  @Override
  public void close() {
    cache.close();
    if (outputScale != null) {
      outputScale.close();
    }
  }
}
