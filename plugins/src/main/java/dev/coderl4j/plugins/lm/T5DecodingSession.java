package dev.coderl4j.plugins.lm;

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
  private int[][] selfMask;
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
    this.selfMask = decMask;
    this.cache = Autograd.inference(() -> {
      try (NDScope scope = new NDScope()) {
        NDArray encIds = Ops.ids(manager, enc);
        NDArray encMaskNd = Rows.allOnes(encMask) ? null : Rows.mask(manager, encMask);
        NDArray hidden = model.encoder().encode(encIds, encMaskNd);
        T5DecoderCache cc = model.decoder().startDecoding(hidden, encMaskNd);
        logits = step(dec, cc);
        return cc;
      }
    });
  }

  private float[][] step(long[][] ids, T5DecoderCache cc) {
    NDArray idNd = Ops.ids(manager, ids);
    NDArray maskNd = Rows.allOnes(selfMask) ? null : Rows.mask(manager, selfMask);
    NDArray hidden = model.decoder().decode(idNd, maskNd, null, null, cc);
    return Rows.lastLogits(model.lmLogits(hidden.get(":, -1:, :")));
  }

  @Override
  public int rows() {
    return selfMask.length;
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
    selfMask = Rows.appendColumn(selfMask, 1);
    long[][] ids = new long[tokens.length][1];
    for (int i = 0; i < tokens.length; i++) {
      ids[i][0] = tokens[i];
    }
    logits = Autograd.inference(() -> {
      try (NDScope scope = new NDScope()) {
        return step(ids, cache);
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
    selfMask = Rows.reorder(selfMask, indices);
    logits = kept;
  }

  @Override
  public void close() {
    cache.close();
  }
}
