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
 * Cached incremental decoding for decoder-only models: each row is its prompt then its seed,
 * left-padded, with position ids that count only real tokens (as {@code transformers} derives them
 * from the attention mask), so a padded row computes what it would alone.
 */
final class CausalDecodingSession implements DecodingSession {
  private final CausalLm model;
  private final NDManager manager;
  private final KvCache cache;
  private int[][] mask;
  private int[] nextPosition;
  private float[][] logits;

  CausalDecodingSession(CausalLm model, NDManager manager, List<TokenPair> inputs) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("startDecoding needs at least one input");
    }
    this.model = model;
    this.manager = manager;
    this.cache = new KvCache(model.layers());
    List<int[]> seqs = new ArrayList<>();
    for (TokenPair p : inputs) {
      int[] s = p.source().concat(p.target()).toArray();
      seqs.add(s.length == 0 ? new int[] {model.bosTokenId()} : s);
    }
    int[][] m = new int[inputs.size()][];
    long[][] ids = Rows.leftPad(seqs, model.config().eosTokenId(), m);
    this.mask = m;
    int len = ids[0].length;
    long[][] positions = new long[ids.length][len];
    nextPosition = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      int count = 0;
      for (int j = 0; j < len; j++) {
        // transformers: cumsum(mask) - 1, with 1 at padding.
        positions[i][j] = m[i][j] == 1 ? count++ : 1;
      }
      nextPosition[i] = count;
    }
    checkPositions();
    logits = run(ids, positions);
  }

  private void checkPositions() {
    for (int p : nextPosition) {
      if (p > model.maxPositions()) {
        throw new IllegalStateException(
            "sequence of "
                + p
                + " tokens exceeds the model's "
                + model.maxPositions()
                + " positions; shorten the prompt or lower max_new_tokens");
      }
    }
  }

  private float[][] run(long[][] ids, long[][] positions) {
    return Autograd.inference(
        () -> {
          try (NDScope scope = new NDScope()) {
            NDArray maskNd = Rows.allOnes(mask) ? null : Rows.mask(manager, mask);
            NDArray hidden =
                model.forward(Ops.ids(manager, ids), Ops.ids(manager, positions), maskNd, cache);
            return InferenceOps.rows(model.logits(hidden.get(":, -1:, :")));
          }
        });
  }

  @Override
  public int rows() {
    return mask.length;
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
    long[][] ids = new long[tokens.length][1];
    long[][] positions = new long[tokens.length][1];
    for (int i = 0; i < tokens.length; i++) {
      ids[i][0] = tokens[i];
      positions[i][0] = nextPosition[i]++;
    }
    checkPositions();
    mask = Rows.appendColumn(mask, 1);
    logits = run(ids, positions);
    return logits;
  }

  @Override
  public void select(int[] indices) {
    long[] idx = new long[indices.length];
    float[][] kept = new float[indices.length][];
    int[] next = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || indices[i] >= rows()) {
        throw new IndexOutOfBoundsException("row " + indices[i] + " of " + rows());
      }
      idx[i] = indices[i];
      kept[i] = logits[indices[i]];
      next[i] = nextPosition[indices[i]];
    }
    try (NDScope scope = new NDScope()) {
      cache.select(manager.create(idx, new Shape(idx.length)));
    }
    mask = Rows.reorder(mask, indices);
    nextPosition = next;
    logits = kept;
  }

  @Override
  public void close() {
    cache.close();
  }
}
