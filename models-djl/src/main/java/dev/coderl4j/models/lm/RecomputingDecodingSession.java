package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.coderl4j.core.lm.DecodingSession;
import dev.coderl4j.core.lm.TokenPair;
import java.util.ArrayList;
import java.util.List;

/**
 * Decoding without a key/value cache: every step runs the decoder over the whole sequence so far
 * (T5 keeps its encoder output, as {@code generate(use_cache=False)} does). The baseline that
 * {@code coderl bench lm} measures the cache against; same rows and logits as the cached sessions.
 */
final class RecomputingDecodingSession implements DecodingSession {
  private final LanguageModel model;
  private final NDManager manager;
  private NDArray encoderHidden;
  private int[][] encoderMask;
  private List<int[]> rows;
  private float[][] logits;

  RecomputingDecodingSession(LanguageModel model, NDManager manager, List<TokenPair> inputs) {
    this.model = model;
    this.manager = manager;
    this.rows = new ArrayList<>();
    switch (model) {
      case T5Model t -> {
        List<int[]> sources = new ArrayList<>();
        for (TokenPair p : inputs) {
          sources.add(p.source().toArray());
          int[] seed = new int[p.target().size() + 1];
          seed[0] = t.config().decoderStartTokenId();
          System.arraycopy(p.target().toArray(), 0, seed, 1, p.target().size());
          rows.add(seed);
        }
        encoderMask = new int[inputs.size()][];
        long[][] enc = Rows.rightPad(sources, t.config().padTokenId(), encoderMask);
        encoderHidden =
            Autograd.inference(
                () -> {
                  try (NDScope scope = new NDScope()) {
                    NDArray encMaskNd =
                        Rows.allOnes(encoderMask) ? null : Rows.mask(manager, encoderMask);
                    return Ops.keep(t.encoder().encode(Ops.ids(manager, enc), encMaskNd));
                  }
                });
      }
      case CausalLm c -> {
        for (TokenPair p : inputs) {
          int[] s = p.source().concat(p.target()).toArray();
          rows.add(s.length == 0 ? new int[] {c.bosTokenId()} : s);
        }
      }
    }
    logits = run();
  }

  private float[][] run() {
    return Autograd.inference(
        () -> {
          try (NDScope scope = new NDScope()) {
            int[][] mask = new int[rows.size()][];
            return switch (model) {
              case T5Model t -> {
                long[][] ids = Rows.leftPad(rows, t.config().padTokenId(), mask);
                NDArray maskNd = Rows.allOnes(mask) ? null : Rows.mask(manager, mask);
                NDArray encMaskNd =
                    Rows.allOnes(encoderMask) ? null : Rows.mask(manager, encoderMask);
                NDArray h =
                    t.decoder()
                        .decode(Ops.ids(manager, ids), maskNd, encoderHidden, encMaskNd, null);
                yield InferenceOps.rows(t.lmLogits(h.get(":, -1:, :")));
              }
              case CausalLm c -> {
                long[][] ids = Rows.leftPad(rows, c.config().eosTokenId(), mask);
                long[][] pos = new long[ids.length][ids[0].length];
                for (int i = 0; i < ids.length; i++) {
                  int count = 0;
                  for (int j = 0; j < ids[i].length; j++) {
                    pos[i][j] = mask[i][j] == 1 ? count++ : 1;
                  }
                }
                NDArray maskNd = Rows.allOnes(mask) ? null : Rows.mask(manager, mask);
                NDArray h = c.forward(Ops.ids(manager, ids), Ops.ids(manager, pos), maskNd, null);
                yield InferenceOps.rows(c.logits(h.get(":, -1:, :")));
              }
            };
          }
        });
  }

  @Override
  public int rows() {
    return rows.size();
  }

  @Override
  public float[][] logits() {
    return logits;
  }

  @Override
  public float[][] append(int[] tokens) {
    if (tokens.length != rows.size()) {
      throw new IllegalArgumentException(
          "append needs one token per row: " + tokens.length + " for " + rows.size() + " rows");
    }
    List<int[]> next = new ArrayList<>();
    for (int i = 0; i < tokens.length; i++) {
      int[] r = java.util.Arrays.copyOf(rows.get(i), rows.get(i).length + 1);
      r[r.length - 1] = tokens[i];
      next.add(r);
    }
    rows = next;
    logits = run();
    return logits;
  }

  @Override
  public void select(int[] indices) {
    List<int[]> next = new ArrayList<>();
    float[][] kept = new float[indices.length][];
    for (int i = 0; i < indices.length; i++) {
      next.add(rows.get(indices[i]));
      kept[i] = logits[indices[i]];
    }
    rows = next;
    logits = kept;
    if (encoderHidden != null) {
      long[] idx = new long[indices.length];
      for (int i = 0; i < indices.length; i++) {
        idx[i] = indices[i];
      }
      try (NDScope scope = new NDScope()) {
        NDArray old = encoderHidden;
        encoderHidden = Ops.keep(old.get(manager.create(idx)));
        old.close();
      }
      encoderMask = Rows.reorder(encoderMask, indices);
    }
  }

  @Override
  public void close() {
    if (encoderHidden != null) {
      encoderHidden.close();
    }
  }
}
